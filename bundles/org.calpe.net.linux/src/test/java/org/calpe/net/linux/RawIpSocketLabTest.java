package org.calpe.net.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.calpe.net.api.IpFamily;
import org.calpe.net.api.ReceivedPacket;
import org.calpe.net.api.VrrpSocket;
import org.calpe.net.api.VrrpSocketSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lab test (root): raw VRRP/AH sockets between two namespaces joined by a veth pair. */
class RawIpSocketLabTest {

    private static NetnsLab lab;
    private static LinuxRawIpTransport transport;

    @BeforeAll
    static void setUp() throws IOException {
        lab = NetnsLab.create();
        transport = new LinuxRawIpTransport(new Posix());
    }

    @AfterAll
    static void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    /** A VRRPv2-shaped advert for VRID 51, priority 100, one address 198.18.1.100 (content is not checked). */
    private static final byte[] ADVERT = {0x21, 51, 100, 1, 0, 1, 0, 0, (byte) 198, 18, 1, 100, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0};

    static byte[] ipv4Header(int protocol, byte[] src, byte[] dst, int payloadLength, int ttl) {
        byte[] h = new byte[20];
        h[0] = 0x45;
        h[1] = (byte) 0xC0;
        int total = 20 + payloadLength;
        h[2] = (byte) (total >> 8);
        h[3] = (byte) total;
        h[8] = (byte) ttl;
        h[9] = (byte) protocol;
        System.arraycopy(src, 0, h, 12, 4);
        System.arraycopy(dst, 0, h, 16, 4);
        return h;
    }

    static byte[] concat(byte[] x, byte[] y) {
        byte[] r = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }

    @Test
    void ipv4MulticastWithCallerBuiltHeader() throws Exception {
        BlockingQueue<ReceivedPacket> atB = new LinkedBlockingQueue<>();
        BlockingQueue<ReceivedPacket> atA = new LinkedBlockingQueue<>();
        InetAddress group = InetAddress.getByName("224.0.0.18");
        try (VrrpSocket rx = transport.open(VrrpSocketSpec.vrrpMulticast(lab.nsB(), IpFamily.INET, "vb"), atB::add);
                VrrpSocket tx = transport.open(VrrpSocketSpec.vrrpMulticast(lab.nsA(), IpFamily.INET, "va"), atA::add)) {
            assertEquals(lab.ifindex(lab.b, "vb"), rx.ifindex());
            byte[] header = ipv4Header(112, InetAddress.getByName("198.18.1.1").getAddress(), group.getAddress(),
                    ADVERT.length, 255);
            tx.send(concat(header, ADVERT), group);
            ReceivedPacket p = atB.poll(3, TimeUnit.SECONDS);
            assertNotNull(p, "advert not received in namespace B");
            assertEquals(InetAddress.getByName("198.18.1.1"), p.source());
            assertEquals(group, p.destination());
            assertEquals(lab.ifindex(lab.b, "vb"), p.ifindex());
            assertEquals(255, p.ttl());
            assertEquals(20 + ADVERT.length, p.data().length);
            assertEquals(0x45, p.data()[0]);
            assertEquals(112, p.data()[9]);
            assertArrayEquals(ADVERT, Arrays.copyOfRange(p.data(), 20, p.data().length));
            assertNull(atA.poll(300, TimeUnit.MILLISECONDS), "IP_MULTICAST_LOOP is off: no copy back to A");
        }
    }

    /**
     * A burst faster than the busy pause: every datagram arrives, each stamped with the kernel's receive time
     * (after its send, before it was read), and the receive thread gathered some before reading them.
     */
    @Test
    void burstKeepsKernelReceiveTimes() throws Exception {
        int n = 40;
        BlockingQueue<long[]> atB = new LinkedBlockingQueue<>();
        InetAddress group = InetAddress.getByName("224.0.0.18");
        try (VrrpSocket rx = transport.open(VrrpSocketSpec.vrrpMulticast(lab.nsB(), IpFamily.INET, "vb"),
                p -> atB.add(new long[] {p.receivedNanos(), System.nanoTime()}));
                VrrpSocket tx = transport.open(VrrpSocketSpec.vrrpMulticast(lab.nsA(), IpFamily.INET, "va"),
                        p -> { })) {
            byte[] packet = concat(ipv4Header(112, InetAddress.getByName("198.18.1.1").getAddress(),
                    group.getAddress(), ADVERT.length, 255), ADVERT);
            long[] sent = new long[n];
            for (int i = 0; i < n; i++) {
                sent[i] = System.nanoTime();
                tx.send(packet, group);
                Thread.sleep(1);
            }
            long maxWait = 0;
            for (int i = 0; i < n; i++) {
                long[] r = atB.poll(3, TimeUnit.SECONDS);
                assertNotNull(r, "datagram " + i + " of " + n + " not received");
                long received = r[0];
                long read = r[1];
                int k = i;
                org.junit.jupiter.api.Assertions.assertTrue(received >= sent[i] - 200_000,
                        () -> "datagram " + k + " stamped " + (sent[k] - received) + " ns before it was sent");
                org.junit.jupiter.api.Assertions.assertTrue(received <= read,
                        () -> "datagram " + k + " stamped after it was read");
                maxWait = Math.max(maxWait, read - received);
            }
            long waited = maxWait;
            org.junit.jupiter.api.Assertions.assertTrue(waited >= 500_000,
                    () -> "no datagram waited for the busy pause (longest " + waited + " ns)");
        }
    }

    @Test
    void aQueueLongerThanOneReadArrivesWholeAndInOrder() throws Exception {
        int n = 3 * RawIpSocket.SLOTS + 5;
        BlockingQueue<ReceivedPacket> atB = new LinkedBlockingQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        InetAddress group = InetAddress.getByName("224.0.0.18");
        byte[] src = InetAddress.getByName("198.18.1.1").getAddress();
        try (VrrpSocket rx = transport.open(VrrpSocketSpec.vrrpMulticast(lab.nsB(), IpFamily.INET, "vb"), p -> {
                    atB.add(p);
                    try { // the receive thread holds on to the first datagram: the others queue up in the kernel
                        go.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                VrrpSocket tx = transport.open(VrrpSocketSpec.vrrpMulticast(lab.nsA(), IpFamily.INET, "va"), p -> { })) {
            for (int i = 0; i < n; i++) { // each a length, a last byte and a TTL of its own
                byte[] payload = Arrays.copyOf(ADVERT, ADVERT.length + i);
                payload[payload.length - 1] = (byte) (i + 1);
                tx.send(concat(ipv4Header(112, src, group.getAddress(), payload.length, 255 - i % 2), payload), group);
            }
            assertNotNull(atB.poll(3, TimeUnit.SECONDS), "the first datagram");
            go.countDown();
            for (int i = 1; i < n; i++) {
                ReceivedPacket p = atB.poll(3, TimeUnit.SECONDS);
                assertNotNull(p, "datagram " + i + " of " + n);
                assertEquals(20 + ADVERT.length + i, p.data().length, "length of datagram " + i);
                assertEquals((byte) (i + 1), p.data()[p.data().length - 1], "last byte of datagram " + i);
                assertEquals(255 - i % 2, p.ttl(), "TTL of datagram " + i);
                assertEquals(InetAddress.getByAddress(src), p.source(), "source of datagram " + i);
                assertEquals(group, p.destination(), "destination of datagram " + i);
                assertEquals(rx.ifindex(), p.ifindex(), "interface of datagram " + i);
            }
            assertNull(atB.poll(200, TimeUnit.MILLISECONDS), "a datagram more than was sent");
        }
    }

    @Test
    void ipv4ReceivedTtlIsTheSendersTtl() throws Exception {
        BlockingQueue<ReceivedPacket> atB = new LinkedBlockingQueue<>();
        InetAddress group = InetAddress.getByName("224.0.0.18");
        try (VrrpSocket rx = transport.open(VrrpSocketSpec.vrrpMulticast(lab.nsB(), IpFamily.INET, "vb"), atB::add);
                VrrpSocket tx = transport.open(VrrpSocketSpec.vrrpMulticast(lab.nsA(), IpFamily.INET, "va"), p -> { })) {
            byte[] header = ipv4Header(112, InetAddress.getByName("198.18.1.1").getAddress(), group.getAddress(),
                    ADVERT.length, 17);
            tx.send(concat(header, ADVERT), group);
            ReceivedPacket p = atB.poll(3, TimeUnit.SECONDS);
            assertNotNull(p);
            assertEquals(17, p.ttl(), "a VRRP receiver must see the real TTL to drop non-255 adverts");
        }
    }

    @Test
    void ipv4UnicastKernelHeaderTtl255AndAh() throws Exception {
        BlockingQueue<ReceivedPacket> atB = new LinkedBlockingQueue<>();
        VrrpSocketSpec rxSpec = new VrrpSocketSpec(lab.nsB(), IpFamily.INET, VrrpSocketSpec.PROTO_AH, "vb", null,
                null, false, 255, false);
        VrrpSocketSpec txSpec = new VrrpSocketSpec(lab.nsA(), IpFamily.INET, VrrpSocketSpec.PROTO_AH, "va", null,
                null, false, 255, false);
        try (VrrpSocket rx = transport.open(rxSpec, atB::add); VrrpSocket tx = transport.open(txSpec, p -> { })) {
            tx.send(ADVERT, InetAddress.getByName("198.18.1.2"));
            ReceivedPacket p = atB.poll(3, TimeUnit.SECONDS);
            assertNotNull(p);
            assertEquals(51, p.data()[9]);
            assertEquals(255, p.ttl());
            assertEquals(255, p.data()[8] & 0xFF);
            assertEquals(InetAddress.getByName("198.18.1.2"), p.destination());
            assertArrayEquals(ADVERT, Arrays.copyOfRange(p.data(), 20, p.data().length));
        }
    }

    @Test
    void ipv6MulticastHopLimitIfindexAndSource() throws Exception {
        BlockingQueue<ReceivedPacket> atB = new LinkedBlockingQueue<>();
        BlockingQueue<ReceivedPacket> atA = new LinkedBlockingQueue<>();
        InetAddress group = InetAddress.getByName("ff02::12");
        try (VrrpSocket rx = transport.open(VrrpSocketSpec.vrrpMulticast(lab.nsB(), IpFamily.INET6, "vb"), atB::add);
                VrrpSocket tx = transport.open(VrrpSocketSpec.vrrpMulticast(lab.nsA(), IpFamily.INET6, "va"), atA::add)) {
            tx.send(ADVERT, group);
            ReceivedPacket p = atB.poll(3, TimeUnit.SECONDS);
            assertNotNull(p, "IPv6 advert not received in namespace B");
            assertArrayEquals(ADVERT, p.data(), "IPv6 raw sockets deliver the payload without the IPv6 header");
            assertEquals(255, p.ttl());
            assertEquals(lab.ifindex(lab.b, "vb"), p.ifindex());
            assertEquals(group, p.destination());
            assertTrue(p.source().isLinkLocalAddress(), "source is va's link-local address: " + p.source());
            assertNull(atA.poll(300, TimeUnit.MILLISECONDS), "IPV6_MULTICAST_LOOP is off");
        }
    }

    @Test
    void ipv6BoundToGlobalSource() throws Exception {
        BlockingQueue<ReceivedPacket> atB = new LinkedBlockingQueue<>();
        InetAddress src = InetAddress.getByName("2001:db8:1::1");
        try (VrrpSocket rx = transport.open(VrrpSocketSpec.vrrpMulticast(lab.nsB(), IpFamily.INET6, "vb"), atB::add);
                VrrpSocket tx = transport.open(
                        VrrpSocketSpec.vrrpMulticast(lab.nsA(), IpFamily.INET6, "va").withBindAddress(src), p -> { })) {
            tx.send(ADVERT, InetAddress.getByName("2001:db8:1::2"));
            ReceivedPacket p = atB.poll(3, TimeUnit.SECONDS);
            assertNotNull(p);
            assertEquals(src, p.source());
            assertEquals(InetAddress.getByName("2001:db8:1::2"), p.destination());
            assertEquals(255, p.ttl());
        }
    }

    @Test
    void unknownInterfaceIsAnIoException() {
        IOException e = assertThrows(IOException.class, () -> transport
                .open(VrrpSocketSpec.vrrpMulticast(lab.nsA(), IpFamily.INET, "nosuch0"), p -> { }));
        assertTrue(e.getMessage().contains("nosuch0"), e.getMessage());
    }

    @Test
    void closeIsBoundedIdempotentAndSendAfterCloseFails() throws Exception {
        LinuxRawIpTransport own = new LinuxRawIpTransport(new Posix());
        Set<Thread> before = receiveThreads();
        VrrpSocket s = own.open(VrrpSocketSpec.vrrpMulticast(lab.nsA(), IpFamily.INET, "va"), p -> { });
        Set<Thread> started = receiveThreads();
        started.removeAll(before);
        assertEquals(1, started.size(), "the transport's receive thread started with its first socket");
        long t0 = System.nanoTime();
        s.close();
        s.close();
        assertTrue(System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(1500));
        assertThrows(IOException.class, () -> s.send(ADVERT, InetAddress.getByName("224.0.0.18")));
        Thread t = started.iterator().next();
        t.join(1000);
        assertFalse(t.isAlive(), "the receive thread ends with the transport's last socket");
        own.deactivate();
    }

    @Test
    void socketsShareTheTransportsReceiveThread() throws Exception {
        LinuxRawIpTransport own = new LinuxRawIpTransport(new Posix());
        Set<Thread> before = receiveThreads();
        BlockingQueue<ReceivedPacket> onA = new LinkedBlockingQueue<>();
        BlockingQueue<ReceivedPacket> onB = new LinkedBlockingQueue<>();
        VrrpSocket a = own.open(VrrpSocketSpec.vrrpMulticast(lab.nsA(), IpFamily.INET, "va"), onA::add);
        VrrpSocket b = own.open(VrrpSocketSpec.vrrpMulticast(lab.nsB(), IpFamily.INET, "vb"), onB::add);
        VrrpSocket c = null;
        try {
            Set<Thread> started = receiveThreads();
            started.removeAll(before);
            assertEquals(1, started.size(), "one receive thread for both sockets: " + started);
            InetAddress group = InetAddress.getByName("224.0.0.18");
            InetAddress fromA = InetAddress.getByName("198.18.1.1");
            InetAddress fromB = InetAddress.getByName("198.18.1.2");
            a.send(concat(ipv4Header(112, fromA.getAddress(), group.getAddress(), ADVERT.length, 255), ADVERT), group);
            b.send(concat(ipv4Header(112, fromB.getAddress(), group.getAddress(), ADVERT.length, 255), ADVERT), group);
            ReceivedPacket atB = onB.poll(2, TimeUnit.SECONDS);
            assertNotNull(atB, "B received nothing");
            assertEquals(fromA, atB.source());
            ReceivedPacket atA = onA.poll(2, TimeUnit.SECONDS);
            assertNotNull(atA, "A received nothing");
            assertEquals(fromB, atA.source());
            a.close(); // the other goes on receiving on the same thread, and a third joins it
            c = own.open(VrrpSocketSpec.vrrpMulticast(lab.nsA(), IpFamily.INET, "va"), onA::add);
            c.send(concat(ipv4Header(112, fromA.getAddress(), group.getAddress(), ADVERT.length, 255), ADVERT), group);
            assertNotNull(onB.poll(2, TimeUnit.SECONDS), "B received nothing after A's first socket closed");
            b.send(concat(ipv4Header(112, fromB.getAddress(), group.getAddress(), ADVERT.length, 255), ADVERT), group);
            assertNotNull(onA.poll(2, TimeUnit.SECONDS), "the third socket received nothing");
            Set<Thread> now = receiveThreads();
            now.removeAll(before);
            assertEquals(started, now, "still the one thread");
        } finally {
            a.close();
            b.close();
            if (c != null) {
                c.close();
            }
            own.deactivate();
        }
    }

    private static Set<Thread> receiveThreads() {
        Set<Thread> threads = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(LinuxRawIpTransport.RECEIVE_THREAD) && t.isAlive()) {
                threads.add(t);
            }
        }
        return threads;
    }
}
