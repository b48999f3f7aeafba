package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.calpe.net.api.IpFamily;
import org.calpe.net.api.NetNamespace;
import org.calpe.net.api.PacketListener;
import org.calpe.net.api.RawIpTransport;
import org.calpe.net.api.ReceivedPacket;
import org.calpe.net.api.VrrpSocket;
import org.calpe.net.api.VrrpSocketSpec;
import org.junit.jupiter.api.Test;

class SharedVrrpSocketsTest {
    private static final NetNamespace NS = NetNamespace.named("calpe-test");
    private static final VrrpSocketSpec V4 = VrrpSocketSpec.vrrpMulticast(NS, IpFamily.INET, "eth0");
    private static final VrrpSocketSpec V6 = VrrpSocketSpec.vrrpMulticast(NS, IpFamily.INET6, "eth0");
    private static final VrrpSocketSpec AH = V4.withProtocol(VrrpSocketSpec.PROTO_AH);

    private final FakeTransport transport = new FakeTransport();
    private final SharedVrrpSockets sockets = new SharedVrrpSockets(transport, null);

    @Test
    void instancesOfOneSpecShareOneRealSocketClosedWithTheLastHandle() throws IOException {
        VrrpSocket a = sockets.open(V4, 1, new Recorder());
        VrrpSocket b = sockets.open(V4, 2, new Recorder());
        VrrpSocket c = sockets.open(VrrpSocketSpec.vrrpMulticast(NS, IpFamily.INET, "eth0"), 3, new Recorder());
        assertEquals(1, transport.opened.size(), "record equality makes one key");
        VrrpSocket other = sockets.open(VrrpSocketSpec.vrrpMulticast(NS, IpFamily.INET, "eth1"), 1, new Recorder());
        VrrpSocket unicast = sockets.open(new VrrpSocketSpec(NS, IpFamily.INET, VrrpSocketSpec.PROTO_VRRP, "eth0",
                null, ip("198.18.0.1"), true, 255, false), 1, new Recorder());
        VrrpSocket ttl = sockets.open(new VrrpSocketSpec(NS, IpFamily.INET, VrrpSocketSpec.PROTO_VRRP, "eth0",
                VrrpSocketSpec.vrrpGroup(IpFamily.INET), null, true, 64, false), 1, new Recorder());
        VrrpSocket ah = sockets.open(AH, 1, new Recorder());
        assertEquals(5, transport.opened.size(), "another interface, source, TTL or protocol is another socket");
        assertEquals(5, sockets.openSockets());
        assertEquals(V4, a.spec());
        assertEquals(7, a.ifindex());

        a.close();
        a.close(); // idempotent
        b.close();
        assertEquals(0, transport.opened.get(0).closes, "one handle still uses it");
        c.close();
        assertEquals(1, transport.opened.get(0).closes);
        for (VrrpSocket s : List.of(other, unicast, ttl, ah)) {
            s.close();
        }
        assertTrue(transport.opened.stream().allMatch(s -> s.closes == 1), "each real socket closed once");
        assertEquals(0, sockets.openSockets());

        sockets.open(V4, 1, new Recorder());
        assertEquals(6, transport.opened.size(), "a new first user opens a new real socket");
    }

    @Test
    void ipv4DatagramsWithTheirHeaderGoToTheListenersOfTheirVridOnly() throws IOException {
        Recorder one = new Recorder();
        Recorder two = new Recorder();
        sockets.open(V4, 1, one);
        sockets.open(V4, 2, two);
        FakeSocket real = transport.opened.get(0);
        real.deliver(ipv4(112, 2));
        real.deliver(ipv4(112, 1));
        real.deliver(ipv4(112, 2));
        assertEquals(List.of(1), one.vrids(20));
        assertEquals(List.of(2, 2), two.vrids(20));
        byte[] options = ipv4WithOptions(2);
        real.deliver(options); // IHL 6: the VRRP header starts at 24
        assertEquals(3, two.packets.size());
        assertEquals(0, sockets.unknownVridDatagrams());
    }

    @Test
    void ipv6PayloadsAreDispatchedByTheirFirstHeader() throws IOException {
        Recorder one = new Recorder();
        Recorder nine = new Recorder();
        sockets.open(V6, 1, one);
        sockets.open(V6, 9, nine);
        FakeSocket real = transport.opened.get(0);
        real.deliver(vrrp(9));
        real.deliver(vrrp(1));
        assertEquals(List.of(9), nine.vrids(0));
        assertEquals(List.of(1), one.vrids(0));
    }

    @Test
    void withAhTheVridIsReadAfterTheAhHeader() throws IOException {
        Recorder five = new Recorder();
        Recorder six = new Recorder();
        sockets.open(AH, 5, five);
        sockets.open(AH, 6, six);
        FakeSocket real = transport.opened.get(0);
        byte[] d = ipv4(51, 0);
        byte[] withAh = new byte[20 + 24 + 8];
        System.arraycopy(d, 0, withAh, 0, 20);
        withAh[20] = 112; // AH next header
        withAh[21] = 1; // AH payload length: a VRID of 1 if read there, which nobody has
        withAh[44] = 0x21;
        withAh[45] = 6;
        real.deliver(withAh);
        assertEquals(1, six.packets.size());
        assertEquals(0, five.packets.size());
        assertEquals(SharedVrrpSockets.vrid(withAh, IpFamily.INET, VrrpSocketSpec.PROTO_AH), 6);
        byte[] v6 = new byte[24 + 8];
        v6[25] = 5;
        assertEquals(5, SharedVrrpSockets.vrid(v6, IpFamily.INET6, VrrpSocketSpec.PROTO_AH));
        assertEquals(-1, SharedVrrpSockets.vrid(new byte[24 + 7], IpFamily.INET6, VrrpSocketSpec.PROTO_AH));
    }

    @Test
    void datagramsTooShortForAVridGoToEveryListenerEachWithItsOwnArray() throws IOException {
        Recorder one = new Recorder();
        Recorder two = new Recorder();
        sockets.open(V4, 1, one);
        sockets.open(V4, 2, two);
        FakeSocket real = transport.opened.get(0);
        byte[] shortOne = new byte[27];
        shortOne[0] = 0x45;
        real.deliver(shortOne);
        real.deliver(new byte[3]);
        byte[] ah = ipv4(51, 2); // AH, but too short to hold AH and VRRP
        real.deliver(ah);
        byte[] badIhl = ipv4(112, 2);
        badIhl[0] = 0x44; // IHL below 5
        real.deliver(badIhl);
        assertEquals(4, one.packets.size());
        assertEquals(4, two.packets.size());
        assertNotSame(one.packets.get(0).data(), two.packets.get(0).data());
        assertArrayEquals(one.packets.get(0).data(), two.packets.get(0).data());
        assertEquals(-1, SharedVrrpSockets.vrid(new byte[7], IpFamily.INET6, VrrpSocketSpec.PROTO_VRRP));
        assertEquals(0, sockets.unknownVridDatagrams());
    }

    @Test
    void aVridNobodyHasIsCountedOnceAndDropped() throws IOException {
        Recorder one = new Recorder();
        VrrpSocket h = sockets.open(V4, 1, one);
        FakeSocket real = transport.opened.get(0);
        real.deliver(ipv4(112, 77));
        real.deliver(ipv4(112, 78));
        assertEquals(0, one.packets.size());
        assertEquals(2, sockets.unknownVridDatagrams());
        h.close();
        assertEquals(2, sockets.unknownVridDatagrams(), "the count outlives the socket");
    }

    @Test
    void aVridOfAnotherSocketOnTheSameInterfaceIsNotUnknown() throws IOException {
        sockets.open(V4, 1, new Recorder());
        sockets.open(new VrrpSocketSpec(NS, IpFamily.INET, VrrpSocketSpec.PROTO_VRRP, "eth0", null,
                ip("198.18.0.1"), true, 255, false), 40, new Recorder());
        sockets.open(VrrpSocketSpec.vrrpMulticast(NS, IpFamily.INET, "eth1"), 41, new Recorder());
        sockets.open(V6, 42, new Recorder());
        FakeSocket multicast = transport.opened.get(0);
        multicast.deliver(ipv4(112, 40)); // the unicast instance's advert, seen by the multicast socket too
        assertEquals(0, sockets.unknownVridDatagrams());
        multicast.deliver(ipv4(112, 41)); // only on eth1
        multicast.deliver(ipv4(112, 42)); // only IPv6
        assertEquals(2, sockets.unknownVridDatagrams());
    }

    @Test
    void twoRunnersOfOneVridBothReceiveUntilOneCloses() throws IOException {
        Recorder old = new Recorder();
        Recorder next = new Recorder();
        VrrpSocket o = sockets.open(V4, 3, old);
        sockets.open(V4, 3, next);
        FakeSocket real = transport.opened.get(0);
        real.deliver(ipv4(112, 3));
        assertEquals(1, old.packets.size());
        assertEquals(1, next.packets.size());
        assertNotSame(old.packets.get(0).data(), next.packets.get(0).data());
        o.close();
        real.deliver(ipv4(112, 3));
        assertEquals(1, old.packets.size());
        assertEquals(2, next.packets.size());
        assertEquals(0, real.closes);
    }

    @Test
    void groupMembershipIsCountedPerGroupAndLeftWithTheLastUser() throws IOException {
        InetAddress g = ip("224.0.0.18");
        InetAddress h = ip("224.0.0.19");
        VrrpSocket a = sockets.open(V4, 1, new Recorder());
        VrrpSocket b = sockets.open(V4, 2, new Recorder());
        VrrpSocket c = sockets.open(V4, 3, new Recorder());
        FakeSocket real = transport.opened.get(0);
        a.joinGroup(h);
        b.joinGroup(h);
        c.joinGroup(g);
        assertEquals(List.of("+224.0.0.19", "+224.0.0.18"), real.membership);
        a.leaveGroup(h);
        c.leaveGroup(h); // never joined through c: b's membership stays
        assertEquals(List.of("+224.0.0.19", "+224.0.0.18"), real.membership);
        b.close(); // its membership goes with it
        assertEquals(List.of("+224.0.0.19", "+224.0.0.18", "-224.0.0.19"), real.membership);
        c.leaveGroup(g);
        assertEquals(List.of("+224.0.0.19", "+224.0.0.18", "-224.0.0.19", "-224.0.0.18"), real.membership);
        b.leaveGroup(h);
        assertEquals(4, real.membership.size());
        assertThrows(IOException.class, () -> b.joinGroup(g), "closed handle");
    }

    @Test
    void sendsAndWarmUpGoThroughTheRealSocketAndAClosedHandleRefusesToSend() throws IOException {
        VrrpSocket a = sockets.open(V4, 1, new Recorder());
        VrrpSocket b = sockets.open(V4, 2, new Recorder());
        FakeSocket real = transport.opened.get(0);
        a.send(new byte[] {1}, ip("224.0.0.18"));
        b.send(new byte[] {2}, ip("224.0.0.18"));
        b.warmUp();
        assertEquals(2, real.sent);
        assertEquals(1, real.warmUps);
        a.close();
        assertThrows(IOException.class, () -> a.send(new byte[] {1}, ip("224.0.0.18")));
        b.send(new byte[] {2}, ip("224.0.0.18"));
        assertEquals(3, real.sent);
    }

    @Test
    void aFailedOpenLeavesNothingBehind() throws IOException {
        transport.failNext = true;
        Recorder r = new Recorder();
        assertThrows(IOException.class, () -> sockets.open(V4, 1, r));
        assertEquals(0, sockets.openSockets());
        sockets.open(V4, 1, r);
        assertEquals(1, sockets.openSockets());
        assertEquals(1, transport.opened.size());
        assertThrows(IllegalArgumentException.class, () -> sockets.open(V4, 0, r));
        assertThrows(IllegalArgumentException.class, () -> sockets.open(V4, 256, r));
    }

    @Test
    void aReceiveFailureReachesEveryListenerAndAFailingListenerDoesNotStopTheOthers() throws IOException {
        Recorder one = new Recorder();
        Recorder two = new Recorder();
        sockets.open(V4, 1, p -> {
            throw new IllegalStateException("boom");
        });
        sockets.open(V4, 1, one);
        sockets.open(V4, 2, two);
        FakeSocket real = transport.opened.get(0);
        real.deliver(ipv4(112, 1));
        assertEquals(1, one.packets.size());
        real.listener.receiveFailed(new IOException("gone"));
        assertEquals(1, one.failures);
        assertEquals(1, two.failures);
    }

    @Test
    void eachRuntimeHasItsOwnRealSockets() throws IOException {
        SharedVrrpSockets next = new SharedVrrpSockets(transport, null);
        VrrpSocket old = sockets.open(V4, 1, new Recorder());
        next.open(V4, 1, new Recorder());
        assertEquals(2, transport.opened.size(), "an engine handing over and its successor: two sockets");
        old.close();
        assertEquals(1, transport.opened.get(0).closes);
        assertEquals(0, transport.opened.get(1).closes);
        assertSame(V4, transport.opened.get(1).spec);
    }

    @Test
    void receivePendingReadsWhatTheKernelHoldsAndDispatchesItAtOnce() throws IOException {
        List<Runnable> tasks = new ArrayList<>();
        SharedVrrpSockets onLoop = new SharedVrrpSockets(transport, tasks::add);
        Recorder one = new Recorder();
        Recorder two = new Recorder();
        VrrpSocket handle = onLoop.open(V4, 1, one);
        onLoop.open(V4, 2, two);
        FakeSocket real = transport.opened.get(0);
        real.deliver(ipv4(112, 2)); // read by the receive thread, queued for the loop
        real.pending.add(ipv4(112, 1)); // not read yet: the receive thread is late
        real.pending.add(ipv4(112, 1));
        handle.receivePending();
        assertEquals(List.of(), real.pending, "the kernel's queue read");
        assertEquals(2, one.packets.size(), "dispatched before receivePending returned");
        assertEquals(1, two.packets.size(), "what was queued already too, and for every VRID");
        for (Runnable t : List.copyOf(tasks)) { // the wake-up the receive thread asked for finds nothing left
            t.run();
        }
        assertEquals(2, one.packets.size());
        assertEquals(1, two.packets.size());
        handle.close();
        real.pending.add(ipv4(112, 1));
        handle.receivePending();
        assertEquals(1, real.pending.size(), "a closed handle reads nothing");
    }

    @Test
    void withADispatcherTheReceiveThreadQueuesAndWakesItOncePerBatch() throws IOException {
        List<Runnable> tasks = new ArrayList<>();
        SharedVrrpSockets onLoop = new SharedVrrpSockets(transport, tasks::add);
        Recorder one = new Recorder();
        Recorder two = new Recorder();
        onLoop.open(V4, 1, one);
        onLoop.open(V4, 2, two);
        FakeSocket real = transport.opened.get(0);
        int n = SharedVrrpSockets.BATCH + 44;
        for (int i = 0; i < n; i++) {
            real.deliver(ipv4(112, 1 + i % 2));
        }
        assertEquals(1, tasks.size(), "one wake-up for the whole burst");
        assertEquals(0, one.packets.size() + two.packets.size(), "nothing dispatched on the receive thread");
        tasks.remove(0).run();
        assertEquals(SharedVrrpSockets.BATCH, one.packets.size() + two.packets.size());
        assertEquals(1, tasks.size(), "the rest in another task, after the loop's other work");
        real.deliver(ipv4(112, 2));
        assertEquals(1, tasks.size());
        tasks.remove(0).run();
        assertEquals(List.of(), tasks);
        assertEquals((n + 1) / 2, one.packets.size());
        assertEquals(n / 2 + 1, two.packets.size());
        real.deliver(ipv4(112, 1));
        assertEquals(1, tasks.size(), "an idle loop is woken again");
    }

    @Test
    void aDispatcherThatRefusesDropsTheQueue() throws IOException {
        Recorder one = new Recorder();
        SharedVrrpSockets closing = new SharedVrrpSockets(transport, r -> {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        });
        closing.open(V4, 1, one);
        transport.opened.get(0).deliver(ipv4(112, 1));
        transport.opened.get(0).deliver(ipv4(112, 1));
        assertEquals(0, one.packets.size());
    }

    /** An IPv4 datagram (20-byte header, protocol {@code proto}) with a VRRP header of {@code vrid}. */
    private static byte[] ipv4(int proto, int vrid) {
        byte[] d = new byte[20 + 8];
        d[0] = 0x45;
        d[8] = (byte) 255;
        d[9] = (byte) proto;
        d[20] = 0x31;
        d[21] = (byte) vrid;
        return d;
    }

    private static byte[] ipv4WithOptions(int vrid) {
        byte[] d = new byte[24 + 8];
        d[0] = 0x46;
        d[9] = 112;
        d[21] = 99; // inside the options: not the VRID
        d[24] = 0x31;
        d[25] = (byte) vrid;
        return d;
    }

    private static byte[] vrrp(int vrid) {
        byte[] d = new byte[8 + 16];
        d[0] = 0x31;
        d[1] = (byte) vrid;
        return d;
    }

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final class Recorder implements PacketListener {
        final List<ReceivedPacket> packets = new ArrayList<>();
        int failures;

        @Override
        public void packetReceived(ReceivedPacket packet) {
            packets.add(packet);
        }

        @Override
        public void receiveFailed(Exception cause) {
            failures++;
        }

        List<Integer> vrids(int vrrpAt) {
            return packets.stream().map(p -> p.data()[vrrpAt + 1] & 0xff).toList();
        }
    }

    private static final class FakeTransport implements RawIpTransport {
        final List<FakeSocket> opened = new ArrayList<>();
        boolean failNext;

        @Override
        public VrrpSocket open(VrrpSocketSpec spec, PacketListener listener) throws IOException {
            if (failNext) {
                failNext = false;
                throw new IOException("No such device (errno 19)");
            }
            FakeSocket s = new FakeSocket(spec, listener);
            opened.add(s);
            return s;
        }
    }

    private static final class FakeSocket implements VrrpSocket {
        final VrrpSocketSpec spec;
        final PacketListener listener;
        final List<String> membership = new ArrayList<>();
        int closes;
        int sent;
        int warmUps;
        /** Datagrams the kernel holds that the receive thread has not read ({@link #receivePending}). */
        final List<byte[]> pending = new ArrayList<>();

        FakeSocket(VrrpSocketSpec spec, PacketListener listener) {
            this.spec = spec;
            this.listener = listener;
        }

        void deliver(byte[] data) {
            listener.packetReceived(new ReceivedPacket(data, ip("198.18.0.2"), null, 7, 255, System.nanoTime()));
        }

        @Override
        public VrrpSocketSpec spec() {
            return spec;
        }

        @Override
        public int ifindex() {
            return 7;
        }

        @Override
        public void send(byte[] packet, InetAddress destination) {
            sent++;
        }

        @Override
        public void joinGroup(InetAddress group) {
            membership.add("+" + group.getHostAddress());
        }

        @Override
        public void leaveGroup(InetAddress group) {
            membership.add("-" + group.getHostAddress());
        }

        @Override
        public void warmUp() {
            warmUps++;
        }

        @Override
        public void receivePending() {
            while (!pending.isEmpty()) {
                deliver(pending.remove(0));
            }
        }

        @Override
        public void close() {
            closes++;
        }
    }
}
