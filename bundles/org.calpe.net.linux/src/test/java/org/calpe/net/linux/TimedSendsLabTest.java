package org.calpe.net.linux;

import static org.calpe.net.linux.RawIpSocketLabTest.concat;
import static org.calpe.net.linux.RawIpSocketLabTest.ipv4Header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.calpe.net.api.IpFamily;
import org.calpe.net.api.ReceivedPacket;
import org.calpe.net.api.ScheduledSend;
import org.calpe.net.api.VrrpSocket;
import org.calpe.net.api.VrrpSocketSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Lab test (root): datagrams the kernel sends later ({@link VrrpSocket#sendAt}), between two namespaces. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TimedSendsLabTest {
    private static final long MS = 1_000_000L;

    private static NetnsLab lab;
    private static LinuxRawIpTransport transport;
    private static InetAddress group;
    private static InetAddress source;

    @BeforeAll
    static void setUp() throws IOException {
        lab = NetnsLab.create();
        transport = new LinuxRawIpTransport(new Posix());
        group = InetAddress.getByName("224.0.0.18");
        source = InetAddress.getByName("198.18.1.1");
    }

    @AfterAll
    static void tearDown() {
        if (transport != null) {
            transport.deactivate();
        }
        if (lab != null) {
            lab.close();
        }
    }

    /** A VRRPv2-shaped advert whose priority byte tells the rounds apart. */
    private static byte[] advert(int tag) {
        byte[] a = {0x21, 51, (byte) tag, 1, 0, 1, 0, 0, (byte) 198, 18, 1, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        return concat(ipv4Header(112, source.getAddress(), group.getAddress(), a.length, 255), a);
    }

    private static int tag(ReceivedPacket p) {
        return p.data()[20 + 2] & 0xff;
    }

    private VrrpSocket receiver(BlockingQueue<ReceivedPacket> q) throws IOException {
        return transport.open(VrrpSocketSpec.vrrpMulticast(lab.nsB(), IpFamily.INET, "vb"), q::add);
    }

    private VrrpSocket sender() throws IOException {
        return transport.open(VrrpSocketSpec.vrrpMulticast(lab.nsA(), IpFamily.INET, "va"), p -> { });
    }

    /**
     * Rounds go out at their times, not before, in order, while the thread that handed them over sleeps (as a
     * thread does at a collector's safepoint): the kernel sends them without it.
     */
    @Test
    void roundsLeaveAtTheirTimesWhileTheSubmitterSleeps() throws Exception {
        BlockingQueue<ReceivedPacket> atB = new LinkedBlockingQueue<>();
        try (VrrpSocket rx = receiver(atB); VrrpSocket tx = sender()) {
            long t0 = System.nanoTime();
            long[] at = {t0 + 60 * MS, t0 + 120 * MS, t0 + 180 * MS};
            for (int i = 0; i < at.length; i++) {
                assertNotNull(tx.sendAt(at[i], List.of(advert(10 + i)), List.of(group)));
            }
            Thread.sleep(400);
            long woke = System.nanoTime();
            for (int i = 0; i < at.length; i++) {
                ReceivedPacket p = atB.poll(3, TimeUnit.SECONDS);
                assertNotNull(p, "round " + i + " not received");
                assertEquals(10 + i, tag(p), "rounds in order");
                long early = at[i] - p.receivedNanos();
                assertTrue(early <= 0, "round " + i + " arrived " + early / 1000 + " µs before its time");
                assertTrue(p.receivedNanos() < woke, "round " + i + " waited for the submitter to wake");
            }
            assertNull(atB.poll(100, TimeUnit.MILLISECONDS), "nothing else");
        }
    }

    /**
     * The kernel runs a round's sends as task work of the thread that submitted it, and withdraws what is pending
     * when that thread ends: a master whose process is killed stops advertising as its VRRP thread exits, not only
     * once the whole process has been torn down (which can take a JVM tens of milliseconds). A VRRP thread that
     * ends on its own (an engine after a hand-over) withdraws its rounds before, as it closes its sockets.
     */
    @Test
    void roundsEndWithTheThreadThatHandedThemOver() throws Exception {
        BlockingQueue<ReceivedPacket> atB = new LinkedBlockingQueue<>();
        try (VrrpSocket rx = receiver(atB); VrrpSocket tx = sender()) {
            List<Exception> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread handing = new Thread(() -> {
                long t0 = System.nanoTime();
                for (int i = 0; i < 3; i++) {
                    try {
                        tx.sendAt(t0 + (80 + 40 * i) * MS, List.of(advert(20 + i)), List.of(group));
                    } catch (IOException e) {
                        failed.add(e);
                    }
                }
            }, "handing");
            handing.start();
            handing.join(2000);
            assertFalse(handing.isAlive());
            assertTrue(failed.isEmpty(), () -> failed.toString());
            assertNull(atB.poll(400, TimeUnit.MILLISECONDS),
                    "a round went out after the thread that submitted it ended");
            // the same socket goes on sending from a thread that lives
            tx.sendAt(System.nanoTime() + 20 * MS, List.of(advert(30)), List.of(group));
            ReceivedPacket p = atB.poll(3, TimeUnit.SECONDS);
            assertNotNull(p, "a round of a living thread");
            assertEquals(30, tag(p));
        }
    }

    /** One round of several datagrams (one per unicast peer): all, in order. */
    @Test
    void aRoundOfSeveralDatagrams() throws Exception {
        BlockingQueue<ReceivedPacket> atB = new LinkedBlockingQueue<>();
        try (VrrpSocket rx = receiver(atB); VrrpSocket tx = sender()) {
            ScheduledSend s = tx.sendAt(System.nanoTime() + 20 * MS, List.of(advert(1), advert(2), advert(3)),
                    List.of(group, group, group));
            for (int i = 1; i <= 3; i++) {
                ReceivedPacket p = atB.poll(3, TimeUnit.SECONDS);
                assertNotNull(p, "datagram " + i);
                assertEquals(i, tag(p));
            }
            long end = System.nanoTime() + 2_000 * MS;
            while (!s.done() && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertTrue(s.done());
            assertTrue(s.failure().isEmpty(), () -> s.failure().get());
        }
    }

    @Test
    void aWithdrawnRoundIsNotSent() throws Exception {
        BlockingQueue<ReceivedPacket> atB = new LinkedBlockingQueue<>();
        try (VrrpSocket rx = receiver(atB); VrrpSocket tx = sender()) {
            ScheduledSend s = tx.sendAt(System.nanoTime() + 150 * MS, List.of(advert(7)), List.of(group));
            ScheduledSend kept = tx.sendAt(System.nanoTime() + 150 * MS, List.of(advert(8)), List.of(group));
            assertTrue(s.cancel());
            assertTrue(s.done());
            ReceivedPacket p = atB.poll(3, TimeUnit.SECONDS);
            assertNotNull(p, "the round not withdrawn");
            assertEquals(8, tag(p));
            assertNull(atB.poll(200, TimeUnit.MILLISECONDS), "the withdrawn round went out");
            assertFalse(kept.cancel(), "a round that went out cannot be withdrawn");
        }
    }

    /** A socket that closes takes its pending rounds with it. */
    @Test
    void closingTheSocketWithdrawsItsRounds() throws Exception {
        BlockingQueue<ReceivedPacket> atB = new LinkedBlockingQueue<>();
        try (VrrpSocket rx = receiver(atB)) {
            VrrpSocket tx = sender();
            ScheduledSend s = tx.sendAt(System.nanoTime() + 100 * MS, List.of(advert(9)), List.of(group));
            tx.close();
            assertTrue(s.done(), "withdrawn with the socket");
            assertNull(atB.poll(300, TimeUnit.MILLISECONDS), "a round of a closed socket went out");
        }
    }

    /** A send the kernel refuses is reported by its round (here: a datagram longer than the IP header says). */
    @Test
    void aRefusedSendIsReported() throws Exception {
        try (VrrpSocket tx = sender()) {
            byte[] bad = new byte[70_000];
            bad[0] = 0x45;
            ScheduledSend s = tx.sendAt(System.nanoTime() + 5 * MS, List.of(bad), List.of(group));
            long end = System.nanoTime() + 2_000 * MS;
            while (!s.done() && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertTrue(s.done());
            assertTrue(s.failure().isPresent(), "a 70,000-byte datagram was accepted");
            assertTrue(s.failure().get().startsWith("sendmsg: "), s.failure().get());
        }
    }
}
