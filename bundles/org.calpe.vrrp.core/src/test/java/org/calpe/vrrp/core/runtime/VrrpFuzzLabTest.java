package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.calpe.net.api.IpFamily;
import org.calpe.net.api.NetNamespace;
import org.calpe.net.api.VrrpSocket;
import org.calpe.net.api.VrrpSocketSpec;
import org.calpe.net.linux.LinuxRawIpTransport;
import org.calpe.vrrp.api.VrrpAuthType;
import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.api.dto.InstanceStats;
import org.calpe.vrrp.api.dto.InstanceStatus;
import org.calpe.vrrp.core.codec.VrrpChecksum;
import org.calpe.vrrp.core.codec.VrrpDatagram;
import org.calpe.vrrp.core.codec.VrrpEncoder;
import org.calpe.vrrp.core.codec.VrrpPacket;
import org.calpe.vrrp.core.codec.VrrpVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;

/**
 * Lab test (root), issue 3 "bad input": a third namespace on a bridge fires a seeded burst of broken VRRP datagrams
 * (caller-built IPv4 headers, IP_HDRINCL) at a MASTER (namespace A) and a BACKUP (namespace B), each running two
 * instances: {@code VI_1} (VRRPv3, VRID 51, two VIPs) and {@code VI_2} (VRRPv2, VRID 52, auth PASS). Every datagram
 * is built so that it fails at least one receive check (and carries a priority below the master's), so none may be
 * accepted. Asserted: both engines keep running and answer, no state change on either node during or after the
 * burst (no event, no sampled flap, VIPs stay), and every datagram the kernel delivered to an instance's socket is
 * counted once in that instance's drop counters.
 * <p>
 * Accounting: the kernel rewrites the IP Total Length and header checksum of IP_HDRINCL sends, so bad IP
 * checksums and IP length mismatches cannot be produced from a socket (a bad IP checksum would be dropped by the
 * receiving kernel anyway, before any socket sees it). A datagram shorter than IP + VRRP header is counted by every
 * instance on the node (each gets the datagrams its shared socket cannot tell the VRID of); one with a VRID no
 * instance has is counted once per node by the shared socket (keepalived only logs "Unknown VRID"), not by the
 * instances; the burst tallies those separately. Receive-buffer
 * overflows are read from {@code /proc/net/raw} (its {@code drops} column): with none the accounting is exact,
 * otherwise the counted drops must be within the kernel's drops of the expectation.
 */
class VrrpFuzzLabTest {
    private static final String A_ADDR = "198.18.4.1";
    private static final String B_ADDR = "198.18.4.2";
    private static final String F_ADDR = "198.18.4.9";
    private static final String VIP1 = "198.18.4.100";
    private static final String VIP1B = "198.18.4.110";
    private static final String VIP2 = "198.18.4.101";
    private static final String PASS = "s3cret";
    private static final int MASTER_PRIORITY = 150;
    private static final int PACKETS = 5000;
    private static final long SEED = Long.getLong("calpe.fuzz.seed", 0x5EED_CA1BEL);

    private static FuzzLab lab;
    private static Engine a;
    private static Engine b;
    private static VrrpSocket fuzzer;

    @BeforeAll
    static void setUp() throws Exception {
        lab = FuzzLab.create();
        a = new Engine(lab.ns(lab.a), "fz-a");
        b = new Engine(lab.ns(lab.b), "fz-b");
        // A first: its Master_Down_Interval is the shorter one, so B never becomes MASTER while the pair forms
        a.runtime.update("org.calpe.vrrp.Instance~VI_1", vi1("va", MASTER_PRIORITY, "MASTER"))
                .get(5, TimeUnit.SECONDS);
        a.runtime.update("org.calpe.vrrp.Instance~VI_2", vi2("va", MASTER_PRIORITY, "MASTER"))
                .get(5, TimeUnit.SECONDS);
        b.runtime.update("org.calpe.vrrp.Instance~VI_1", vi1("vb", 100, "BACKUP")).get(5, TimeUnit.SECONDS);
        b.runtime.update("org.calpe.vrrp.Instance~VI_2", vi2("vb", 100, "BACKUP")).get(5, TimeUnit.SECONDS);
        fuzzer = new LinuxRawIpTransport().open(VrrpSocketSpec.vrrpMulticast(lab.ns(lab.f), IpFamily.INET, "vf"),
                p -> { });
        // A's and B's MAC addresses as permanent neighbours of F: no unicast shot waits in an ARP queue
        lab.neighbour(lab.a, "va", A_ADDR);
        lab.neighbour(lab.b, "vb", B_ADDR);
    }

    @AfterAll
    static void tearDown() {
        try {
            if (fuzzer != null) {
                fuzzer.close();
            }
        } finally {
            try {
                if (a != null) {
                    a.close();
                }
            } finally {
                try {
                    if (b != null) {
                        b.close();
                    }
                } finally {
                    if (lab != null) {
                        lab.close();
                    }
                }
            }
        }
    }

    private static Map<String, Object> vi1(String dev, int priority, String state) {
        Map<String, Object> p = Engine.instance("VI_1", dev, 51, priority, 3, 0.5, VIP1 + "/24");
        p.put("virtual_ipaddress", new String[] {VIP1 + "/24", VIP1B + "/24"});
        p.put("state", state);
        return p;
    }

    private static Map<String, Object> vi2(String dev, int priority, String state) {
        Map<String, Object> p = Engine.instance("VI_2", dev, 52, priority, 2, 1, VIP2 + "/24");
        p.put("authentication", new String[] {"auth_type PASS auth_pass " + PASS});
        p.put("state", state);
        return p;
    }

    @Test
    void seededBurstOfBadAdvertsChangesNothingAndEveryDeliveredDropIsCounted() throws Exception {
        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.MASTER && a.state("VI_2") == VrrpState.MASTER,
                5000), "A never became MASTER of both instances");
        assertTrue(Engine.await(() -> backupFollowsA("VI_1") && backupFollowsA("VI_2"), 5000),
                "B is not BACKUP of A for both instances: " + b.runtime.instances());
        assertTrue(lab.hasAddress(lab.a, "va", VIP1) && lab.hasAddress(lab.a, "va", VIP2), "VIPs not on the master");

        Map<String, InstanceStats> aBefore = stats(a);
        Map<String, InstanceStats> bBefore = stats(b);
        long aKernelBefore = lab.rawDrops(lab.a);
        long bKernelBefore = lab.rawDrops(lab.b);
        int aChanges = a.changes.size();
        int bChanges = b.changes.size();
        long aUnknownBefore = a.runtime.unknownVridDatagrams();
        long bUnknownBefore = b.runtime.unknownVridDatagrams();

        Sampler sampler = new Sampler();
        Thread samplerThread = new Thread(sampler, "fuzz-sampler");
        samplerThread.setDaemon(true);
        samplerThread.start();
        Burst burst;
        try {
            burst = fire(new Fuzzer(new Random(SEED)), PACKETS);
        } finally {
            Thread.sleep(300);
            sampler.stop.set(true);
            samplerThread.join(5000);
        }
        String seed = " (seed " + SEED + ", " + burst + ")";
        assertTrue(burst.sent >= PACKETS * 99 / 100, "the kernel refused too many sends" + seed);

        // the counters settle once the event loops have worked through their queues
        Engine.await(() -> counted(a, "VI_1", aBefore) >= burst.expectedA.get("VI_1")
                && counted(a, "VI_2", aBefore) >= burst.expectedA.get("VI_2")
                && counted(b, "VI_1", bBefore) >= burst.expectedB.get("VI_1")
                && counted(b, "VI_2", bBefore) >= burst.expectedB.get("VI_2"), 5000);
        Thread.sleep(200);
        long aKernel = lab.rawDrops(lab.a) - aKernelBefore;
        long bKernel = lab.rawDrops(lab.b) - bKernelBefore;
        Map<String, InstanceStats> aAfter = stats(a);
        Map<String, InstanceStats> bAfter = stats(b);
        String where = seed + " kernel drops A=" + aKernel + " B=" + bKernel + "\nA before " + aBefore
                + "\nA after " + aAfter + "\nB before " + bBefore + "\nB after " + bAfter;
        System.out.println("fuzz" + seed + ", kernel drops A=" + aKernel + " B=" + bKernel + "; counted A VI_1="
                + (dropSum(aAfter.get("VI_1")) - dropSum(aBefore.get("VI_1"))) + " VI_2="
                + (dropSum(aAfter.get("VI_2")) - dropSum(aBefore.get("VI_2"))) + ", B VI_1="
                + (dropSum(bAfter.get("VI_1")) - dropSum(bBefore.get("VI_1"))) + " VI_2="
                + (dropSum(bAfter.get("VI_2")) - dropSum(bBefore.get("VI_2"))));

        // nothing crashed, nothing changed
        assertEquals(List.of(), sampler.anomalies, "state seen to change during the burst" + where);
        assertTrue(sampler.samples > 10, "the engines did not answer during the burst: " + sampler.samples);
        assertEquals(aChanges, a.changes.size(), "A changed state: " + a.changes + where);
        assertEquals(bChanges, b.changes.size(), "B changed state: " + b.changes + where);
        assertEquals(2, a.runtime.instances().size(), "A's VrrpStatus does not answer");
        assertEquals(2, b.runtime.instances().size(), "B's VrrpStatus does not answer");
        for (String vi : List.of("VI_1", "VI_2")) {
            assertEquals(VrrpState.MASTER, a.state(vi), vi + " on A" + where);
            assertEquals(VrrpState.BACKUP, b.state(vi), vi + " on B" + where);
            assertTrue(backupFollowsA(vi), vi + " on B follows another master" + where);
        }
        for (String vip : List.of(VIP1, VIP1B, VIP2)) {
            assertTrue(lab.hasAddress(lab.a, "va", vip), vip + " left the master");
            assertFalse(lab.hasAddress(lab.b, "vb", vip), vip + " on the backup");
        }

        // nothing was accepted: A hears no valid advert at all, B no more than A's own
        for (String vi : List.of("VI_1", "VI_2")) {
            assertEquals(aBefore.get(vi).advertRcvd(), aAfter.get(vi).advertRcvd(),
                    vi + ": the master accepted a fuzzed advert" + where);
            long sentByA = aAfter.get(vi).advertSent() - aBefore.get(vi).advertSent();
            long rcvdByB = bAfter.get(vi).advertRcvd() - bBefore.get(vi).advertRcvd();
            assertTrue(sentByA > 0, vi + ": the master stopped sending adverts during the burst" + where);
            assertTrue(rcvdByB <= sentByA + 1, vi + ": B accepted " + rcvdByB + " adverts, A sent only " + sentByA
                    + where);
        }

        // every delivered drop is counted, once
        assertCounted(a, "A", aBefore, aAfter, burst.expectedA, aKernel, where);
        assertCounted(b, "B", bBefore, bAfter, burst.expectedB, bKernel, where);
        // and the unknown VRIDs once per node, by its one shared socket
        long aUnknown = a.runtime.unknownVridDatagrams() - aUnknownBefore;
        long bUnknown = b.runtime.unknownVridDatagrams() - bUnknownBefore;
        assertTrue(burst.unknownVrid > 0, "no unknown VRID fired" + where);
        assertTrue(aUnknown <= burst.unknownVrid && aUnknown >= burst.unknownVrid - aKernel,
                "A counted " + aUnknown + " unknown VRIDs" + where);
        assertTrue(bUnknown <= burst.unknownVrid && bUnknown >= burst.unknownVrid - bKernel,
                "B counted " + bUnknown + " unknown VRIDs" + where);

        // every kind of bad input reached a counter on both nodes
        for (Map<String, InstanceStats> after : List.of(aAfter, bAfter)) {
            Map<String, InstanceStats> before = after == aAfter ? aBefore : bBefore;
            InstanceStats d1 = delta(before.get("VI_1"), after.get("VI_1"));
            InstanceStats d2 = delta(before.get("VI_2"), after.get("VI_2"));
            String node = (after == aAfter ? "A" : "B") + where;
            assertTrue(d1.packetLenErr() > 0 && d2.packetLenErr() > 0, "packet_len_err " + node);
            assertTrue(d1.ipTtlErr() > 0 && d2.ipTtlErr() > 0, "ip_ttl_err " + node);
            assertTrue(d1.versErr() > 0 && d2.versErr() > 0, "vers_err " + node);
            assertTrue(d1.invalidTypeRcvd() > 0 && d2.invalidTypeRcvd() > 0, "invalid_type_rcvd " + node);
            assertTrue(d1.chkErr() > 0 && d2.chkErr() > 0, "chk_err " + node);
            assertTrue(d1.addrListErr() > 0 && d2.addrListErr() > 0, "addr_list_err " + node);
            assertTrue(d2.invalidAuthtype() > 0, "invalid_authtype " + node);
            assertTrue(d2.authtypeMismatch() > 0, "authtype_mismatch " + node);
            assertTrue(d2.authFailure() > 0, "auth_failure " + node);
            assertTrue(d1.otherDrops() > 0 && d2.otherDrops() > 0, "other drops (too short, advert_int) " + node);
        }

        // and the receive paths still work: a clean stop of A's VI_1 hands it to B
        long stop = System.nanoTime();
        a.runtime.delete("org.calpe.vrrp.Instance~VI_1").get(5, TimeUnit.SECONDS);
        assertTrue(Engine.await(() -> b.entered("VI_1", VrrpState.MASTER, stop) > 0, 3000),
                "B never took over VI_1 after the burst" + where);
        assertEquals(VrrpState.MASTER, a.state("VI_2"));
        assertEquals(VrrpState.BACKUP, b.state("VI_2"));
    }

    private static void assertCounted(Engine e, String node, Map<String, InstanceStats> before,
            Map<String, InstanceStats> after, Map<String, Long> expected, long kernelDrops, String where) {
        for (String vi : List.of("VI_1", "VI_2")) {
            long counted = dropSum(after.get(vi)) - dropSum(before.get(vi));
            long want = expected.get(vi);
            String msg = node + " " + vi + ": counted " + counted + " drops, " + want + " delivered to its socket";
            assertTrue(counted <= want, msg + ": counted more drops than bad datagrams sent" + where);
            if (kernelDrops == 0) {
                assertEquals(want, counted, msg + where);
            } else {
                assertTrue(counted >= want - kernelDrops, msg + " and " + kernelDrops + " lost in receive buffers"
                        + where);
            }
        }
    }

    private static boolean backupFollowsA(String vi) {
        return b.runtime.instances().stream().anyMatch(i -> i.name().equals(vi) && i.state() == VrrpState.BACKUP
                && i.masterAddress().equals(A_ADDR) && i.masterPriority() == MASTER_PRIORITY);
    }

    private static Map<String, InstanceStats> stats(Engine e) {
        Map<String, InstanceStats> m = new HashMap<>();
        for (InstanceStatus s : e.runtime.instances()) {
            m.put(s.name(), s.stats());
        }
        assertEquals(2, m.size(), "instances: " + m);
        return m;
    }

    private static long counted(Engine e, String vi, Map<String, InstanceStats> before) {
        return e.runtime.instances().stream().filter(i -> i.name().equals(vi)).findFirst()
                .map(i -> dropSum(i.stats()) - dropSum(before.get(vi))).orElse(-1L);
    }

    /** Every drop counter of {@link InstanceStats}; each dropped datagram is in exactly one. */
    static long dropSum(InstanceStats s) {
        return s.packetLenErr() + s.ipTtlErr() + s.versErr() + s.invalidTypeRcvd() + s.chkErr() + s.addrListErr()
                + s.invalidAuthtype() + s.authtypeMismatch() + s.authFailure() + s.otherDrops();
    }

    private static InstanceStats delta(InstanceStats x, InstanceStats y) {
        return new InstanceStats(y.advertRcvd() - x.advertRcvd(), y.advertSent() - x.advertSent(),
                y.becomeMaster() - x.becomeMaster(), y.releaseMaster() - x.releaseMaster(),
                y.packetLenErr() - x.packetLenErr(), y.ipTtlErr() - x.ipTtlErr(), y.versErr() - x.versErr(),
                y.invalidTypeRcvd() - x.invalidTypeRcvd(), y.chkErr() - x.chkErr(),
                y.addrListErr() - x.addrListErr(), y.invalidAuthtype() - x.invalidAuthtype(),
                y.authtypeMismatch() - x.authtypeMismatch(), y.authFailure() - x.authFailure(),
                y.otherDrops() - x.otherDrops(), y.priZeroRcvd() - x.priZeroRcvd(), y.priZeroSent() - x.priZeroSent());
    }

    /** What was fired and where each instance should have counted it. */
    static final class Burst {
        final Map<String, Long> expectedA = new HashMap<>(Map.of("VI_1", 0L, "VI_2", 0L));
        final Map<String, Long> expectedB = new HashMap<>(Map.of("VI_1", 0L, "VI_2", 0L));
        final EnumMap<Kind, Integer> kinds = new EnumMap<>(Kind.class);
        int sent;
        int refused;
        int unknownVrid;

        void count(Shot s) {
            sent++;
            kinds.merge(s.kind(), 1, Integer::sum);
            if (s.kind() == Kind.UNKNOWN_VRID) {
                unknownVrid++;
            }
            for (String vi : s.countedBy()) {
                if (s.toA()) {
                    expectedA.merge(vi, 1L, Long::sum);
                }
                if (s.toB()) {
                    expectedB.merge(vi, 1L, Long::sum);
                }
            }
        }

        @Override
        public String toString() {
            return "sent " + sent + ", refused " + refused + ", unknown VRID " + unknownVrid + ", expected A "
                    + expectedA + ", B " + expectedB + ", kinds " + kinds;
        }
    }

    /** Sends {@code n} shots, 25 every 10 ms (about 2,500 a second). */
    private static Burst fire(Fuzzer fz, int n) throws Exception {
        Burst burst = new Burst();
        for (int i = 0; i < n; i++) {
            Shot s = fz.next();
            boolean sent = false;
            for (int attempt = 0; attempt < 3 && !sent; attempt++) {
                try {
                    fuzzer.send(s.datagram(), s.destination());
                    sent = true;
                } catch (IOException e) {
                    Thread.sleep(2); // send buffer full (EAGAIN): the shot was not sent, try again
                }
            }
            if (sent) {
                burst.count(s);
            } else {
                burst.refused++;
            }
            if (i % 25 == 24) {
                Thread.sleep(10);
            }
        }
        return burst;
    }

    /** Polls both engines during the burst: any state other than the expected one is an anomaly. */
    private static final class Sampler implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final List<String> anomalies = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile int samples;

        @Override
        public void run() {
            while (!stop.get()) {
                check("A", a.runtime.instances(), VrrpState.MASTER);
                check("B", b.runtime.instances(), VrrpState.BACKUP);
                samples++;
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void check(String node, List<InstanceStatus> list, VrrpState want) {
            if (list.size() != 2) {
                anomalies.add(node + " answered with " + list.size() + " instances");
            }
            for (InstanceStatus s : list) {
                if (s.state() != want) {
                    anomalies.add(node + " " + s.name() + " in " + s.state());
                }
                if (want == VrrpState.BACKUP && !s.masterAddress().isEmpty() && !s.masterAddress().equals(A_ADDR)) {
                    anomalies.add(node + " " + s.name() + " follows master " + s.masterAddress());
                }
                if (anomalies.size() > 20) {
                    stop.set(true);
                }
            }
        }
    }

    /** The kinds of bad input. */
    enum Kind {
        TRUNCATED, OVERSIZED, WRONG_VERSION, WRONG_TYPE, WRONG_TTL, BAD_CHECKSUM, OTHER_INSTANCE_VRID, UNKNOWN_VRID,
        WRONG_AUTH, WRONG_ADVERT_INT, WRONG_ADDRESS_COUNT, WRONG_ADDRESS_LIST, UNICAST_TO_MULTICAST_INSTANCE,
        MUTATED, GARBAGE
    }

    /**
     * One datagram to fire.
     *
     * @param countedBy the instances that must count it as dropped on every node it reaches
     * @param toA whether it reaches A (multicast, or unicast to A)
     * @param toB whether it reaches B
     */
    record Shot(Kind kind, byte[] datagram, InetAddress destination, List<String> countedBy, boolean toA,
            boolean toB) {
    }

    /**
     * Builds seeded bad datagrams from valid adverts of VI_1 (v3, VRID 51) and VI_2 (v2 PASS, VRID 52) made by
     * {@link VrrpEncoder}. Every shot fails at least one receive check and carries a priority in [1, 149], below
     * the master's, so even a missed check could not move mastership.
     */
    static final class Fuzzer {
        private static final int IP = 20; // the VRRP header starts here
        private static final int VRRP_LEN_MIN = IP + 8;
        private final Random rnd;
        private final VrrpEncoder encoder = new VrrpEncoder();
        private final InetAddress src = ip(F_ADDR);
        private final InetAddress group = ip("224.0.0.18");
        private int id;

        Fuzzer(Random rnd) {
            this.rnd = rnd;
        }

        Shot next() {
            Kind kind = Kind.values()[rnd.nextInt(Kind.values().length)];
            boolean v1 = rnd.nextBoolean(); // target VI_1, else VI_2
            String target = v1 ? "VI_1" : "VI_2";
            switch (kind) {
                case TRUNCATED: {
                    byte[] d = advert(v1, group);
                    int len = IP + rnd.nextInt(d.length - IP);
                    byte[] t = Arrays.copyOf(d, len);
                    return multicast(kind, t, len < VRRP_LEN_MIN ? List.of("VI_1", "VI_2") : List.of(target));
                }
                case OVERSIZED: {
                    byte[] d = advert(v1, group);
                    byte[] o = Arrays.copyOf(d, d.length + 1 + rnd.nextInt(1000));
                    for (int i = d.length; i < o.length; i++) {
                        o[i] = (byte) rnd.nextInt(256);
                    }
                    return multicast(kind, o, List.of(target));
                }
                case WRONG_VERSION: {
                    byte[] d = advert(v1, group);
                    int version;
                    do {
                        version = rnd.nextInt(16);
                    } while (version == (v1 ? 3 : 2));
                    d[IP] = (byte) (version << 4 | d[IP] & 0x0f);
                    fixChecksum(d, v1);
                    return multicast(kind, d, List.of(target));
                }
                case WRONG_TYPE: {
                    byte[] d = advert(v1, group);
                    int type;
                    do {
                        type = rnd.nextInt(16);
                    } while (type == 1);
                    d[IP] = (byte) (d[IP] & 0xf0 | type);
                    fixChecksum(d, v1);
                    return multicast(kind, d, List.of(target));
                }
                case WRONG_TTL: {
                    byte[] d = advert(v1, group);
                    d[8] = (byte) (1 + rnd.nextInt(254));
                    return multicast(kind, d, List.of(target));
                }
                case BAD_CHECKSUM: {
                    byte[] d = advert(v1, group);
                    d[IP + 6] ^= (byte) rnd.nextInt(256);
                    d[IP + 7] ^= (byte) (1 + rnd.nextInt(255));
                    breakChecksum(d, v1);
                    return multicast(kind, d, List.of(target));
                }
                case OTHER_INSTANCE_VRID: {
                    // one instance's advert with the other's VRID: that other instance must count it
                    byte[] d = advert(v1, group);
                    d[IP + 1] = (byte) (v1 ? 52 : 51);
                    fixChecksum(d, v1);
                    return multicast(kind, d, List.of(v1 ? "VI_2" : "VI_1"));
                }
                case UNKNOWN_VRID: {
                    byte[] d = advert(v1, group);
                    int vrid;
                    do {
                        vrid = 1 + rnd.nextInt(255);
                    } while (vrid == 51 || vrid == 52);
                    d[IP + 1] = (byte) vrid;
                    fixChecksum(d, v1);
                    // no instance has the VRID: the node's shared socket counts it, no instance does
                    return multicast(kind, d, List.of());
                }
                case WRONG_AUTH: {
                    byte[] d = advert(false, group);
                    if (rnd.nextBoolean()) {
                        byte[] key = Arrays.copyOf(PASS.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 8);
                        byte[] wrong;
                        do {
                            wrong = key.clone();
                            wrong[rnd.nextInt(8)] = (byte) rnd.nextInt(256);
                        } while (Arrays.equals(wrong, key));
                        System.arraycopy(wrong, 0, d, d.length - 8, 8);
                    } else {
                        int type;
                        do {
                            type = rnd.nextInt(256);
                        } while (type == VrrpAuthType.PASS.code());
                        d[IP + 4] = (byte) type;
                    }
                    fixChecksum(d, false);
                    return multicast(kind, d, List.of("VI_2"));
                }
                case WRONG_ADVERT_INT: {
                    // VRRPv2 only: a VRRPv3 backup learns the master's interval instead of dropping
                    byte[] d = advert(false, group);
                    int interval;
                    do {
                        interval = rnd.nextInt(256);
                    } while (interval == 1);
                    d[IP + 5] = (byte) interval;
                    fixChecksum(d, false);
                    return multicast(kind, d, List.of("VI_2"));
                }
                case WRONG_ADDRESS_COUNT: {
                    byte[] d;
                    if (rnd.nextBoolean()) {
                        // a consistent packet with another number of addresses
                        List<InetAddress> vips = new ArrayList<>(vips(v1));
                        if (vips.size() > 1 && rnd.nextBoolean()) {
                            vips.remove(rnd.nextInt(vips.size()));
                        } else {
                            for (int i = rnd.nextInt(4); i >= 0; i--) {
                                vips.add(ip("198.18.4." + (200 + rnd.nextInt(50))));
                            }
                        }
                        d = encode(v1, vips, group, priority());
                    } else {
                        d = advert(v1, group);
                        int count;
                        do {
                            count = rnd.nextInt(256);
                        } while (count == vips(v1).size());
                        d[IP + 3] = (byte) count;
                        fixChecksum(d, v1);
                    }
                    return multicast(kind, d, List.of(target));
                }
                case WRONG_ADDRESS_LIST: {
                    List<InetAddress> vips = new ArrayList<>(vips(v1));
                    vips.set(rnd.nextInt(vips.size()), ip("198.18." + (4 + rnd.nextInt(2)) + "." + (1 + rnd.nextInt(99))));
                    return multicast(kind, encode(v1, vips, group, priority()), List.of(target));
                }
                case UNICAST_TO_MULTICAST_INSTANCE: {
                    boolean toA = rnd.nextBoolean();
                    InetAddress dst = ip(toA ? A_ADDR : B_ADDR);
                    return new Shot(kind, encode(v1, vips(v1), dst, priority()), dst, List.of(target), toA, !toA);
                }
                case MUTATED: {
                    byte[] d = advert(v1, group);
                    for (int i = 1 + rnd.nextInt(4); i > 0; i--) {
                        int at;
                        do {
                            at = IP + rnd.nextInt(d.length - IP);
                        } while (at == IP + 1); // keep the VRID: the shot must land on its instance
                        d[at] = (byte) rnd.nextInt(256);
                    }
                    if (rnd.nextInt(4) == 0) {
                        d[8] = (byte) rnd.nextInt(256); // and the TTL now and then
                        if (d[8] == 0) {
                            d[8] = 1;
                        }
                    }
                    breakChecksum(d, v1);
                    return multicast(kind, d, List.of(target));
                }
                case GARBAGE:
                default: {
                    byte[] d = Arrays.copyOf(advert(v1, group), IP + 8 + rnd.nextInt(120));
                    for (int i = IP; i < d.length; i++) {
                        d[i] = (byte) rnd.nextInt(256);
                    }
                    d[IP + 1] = (byte) (v1 ? 51 : 52);
                    breakChecksum(d, v1);
                    return multicast(kind, d, List.of(target));
                }
            }
        }

        private Shot multicast(Kind kind, byte[] d, List<String> countedBy) {
            return new Shot(kind, d, group, countedBy, true, true);
        }

        private int priority() {
            return 1 + rnd.nextInt(MASTER_PRIORITY - 1);
        }

        private static List<InetAddress> vips(boolean v1) {
            return v1 ? List.of(ip(VIP1), ip(VIP1B)) : List.of(ip(VIP2));
        }

        /** A valid advert of VI_1 or VI_2 with a lower priority than the master's. */
        private byte[] advert(boolean v1, InetAddress dst) {
            return encode(v1, vips(v1), dst, priority());
        }

        private byte[] encode(boolean v1, List<InetAddress> addresses, InetAddress dst, int priority) {
            VrrpPacket p = v1 ? VrrpPacket.v3(org.calpe.vrrp.core.codec.IpFamily.IPV4, 51, priority, 50, addresses)
                    : VrrpPacket.v2(52, priority, VrrpAuthType.PASS, 1, addresses,
                            PASS.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            id = id % 0xffff + 1;
            return encoder.encodeIpv4(VrrpDatagram.ipv4(src, dst, id, null, p), dst);
        }

        /** Recomputes the VRRP checksum as the target instance verifies it (its version, this src/dst). */
        private static void fixChecksum(byte[] d, boolean v1) {
            d[IP + 6] = 0;
            d[IP + 7] = 0;
            int sum = checksumSum(d, v1);
            d[IP + 6] = (byte) (sum >> 8);
            d[IP + 7] = (byte) sum;
        }

        /** Makes sure the target instance's checksum check fails. */
        private void breakChecksum(byte[] d, boolean v1) {
            while (checksumSum(d, v1) == 0) {
                d[IP + 7] ^= (byte) (1 + rnd.nextInt(255));
            }
        }

        private static int checksumSum(byte[] d, boolean v1) {
            return VrrpChecksum.sum(Unpooled.wrappedBuffer(d), IP, d.length - IP, v1 ? VrrpVersion.V3 : VrrpVersion.V2,
                    Arrays.copyOfRange(d, 12, 16), Arrays.copyOfRange(d, 16, 20));
        }
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    /**
     * Namespaces A, B and F (the fuzzer), each with a veth to a bridge in a fourth "switch" namespace (STP off,
     * forward delay 0, multicast snooping off). The host namespace is never touched: each veth is created in the
     * switch namespace and its peer moved straight into its node. {@link #close()} deletes the four namespaces.
     */
    static final class FuzzLab implements AutoCloseable {
        final String sw;
        final String a;
        final String b;
        final String f;
        private final List<String> created = new ArrayList<>();

        private FuzzLab(String prefix) {
            sw = prefix + "-sw";
            a = prefix + "-a";
            b = prefix + "-b";
            f = prefix + "-f";
        }

        static FuzzLab create() throws IOException {
            FuzzLab lab = new FuzzLab("calpe-fz-" + Integer.toHexString(
                    ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF)));
            try {
                lab.setUp();
                return lab;
            } catch (IOException | RuntimeException e) {
                lab.close();
                throw e;
            }
        }

        private void setUp() throws IOException {
            for (String ns : List.of(sw, a, b, f)) {
                RuntimeLab.run("ip", "netns", "add", ns);
                created.add(ns);
                RuntimeLab.run("ip", "-n", ns, "link", "set", "lo", "up");
            }
            RuntimeLab.run("ip", "-n", sw, "link", "add", "br0", "type", "bridge", "stp_state", "0",
                    "forward_delay", "0", "mcast_snooping", "0");
            RuntimeLab.run("ip", "-n", sw, "link", "set", "br0", "up");
            attach(a, "va", A_ADDR);
            attach(b, "vb", B_ADDR);
            attach(f, "vf", F_ADDR);
        }

        private void attach(String ns, String dev, String address) throws IOException {
            String port = "p" + dev.substring(1);
            RuntimeLab.run("ip", "-n", sw, "link", "add", port, "type", "veth", "peer", "name", dev, "netns", ns);
            RuntimeLab.run("ip", "-n", sw, "link", "set", "dev", port, "master", "br0");
            RuntimeLab.run("ip", "-n", sw, "link", "set", "dev", port, "up");
            RuntimeLab.run("ip", "-n", ns, "addr", "add", address + "/24", "dev", dev);
            RuntimeLab.run("ip", "-n", ns, "link", "set", "dev", dev, "up");
        }

        /** Makes {@code address} on {@code dev} in {@code ns} a permanent neighbour of the fuzzer. */
        void neighbour(String ns, String dev, String address) throws IOException {
            String out = RuntimeLab.run("ip", "-n", ns, "-o", "link", "show", "dev", dev);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("link/ether ([0-9a-f:]{17})").matcher(out);
            if (!m.find()) {
                throw new IOException("no MAC address in: " + out);
            }
            RuntimeLab.run("ip", "-n", f, "neigh", "replace", address, "lladdr", m.group(1), "dev", "vf", "nud",
                    "permanent");
        }

        NetNamespace ns(String name) {
            return NetNamespace.named(name);
        }

        boolean hasAddress(String ns, String dev, String address) throws IOException {
            return RuntimeLab.run("ip", "-n", ns, "-4", "addr", "show", "dev", dev).contains("inet " + address + "/");
        }

        /** The receive-buffer drops of every raw IPv4 socket for protocol 112 in {@code ns} ({@code /proc/net/raw}). */
        long rawDrops(String ns) throws IOException {
            long drops = 0;
            for (String line : RuntimeLab.run("ip", "netns", "exec", ns, "cat", "/proc/net/raw").split("\n")) {
                String[] w = line.trim().split("\\s+");
                if (w.length >= 13 && w[1].endsWith(":0070")) {
                    drops += Long.parseLong(w[w.length - 1]);
                }
            }
            return drops;
        }

        @Override
        public void close() {
            for (String ns : created) {
                try {
                    RuntimeLab.run("ip", "netns", "del", ns);
                } catch (IOException e) {
                    System.err.println("cleanup of namespace " + ns + " failed: " + e.getMessage());
                }
            }
            created.clear();
        }
    }
}
