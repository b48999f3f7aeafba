package org.calpe.net.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

class ControlMessagesTest {

    private static ByteBuffer buffer() {
        return ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
    }

    @Test
    void ipv4PktinfoAndTtl() throws Exception {
        ByteBuffer b = buffer();
        b.putLong(16 + 12).putInt(Posix.IPPROTO_IP).putInt(Posix.IP_PKTINFO);
        b.putInt(7).put(new byte[] {(byte) 198, 18, 1, 2}).put(new byte[] {(byte) 224, 0, 0, 18});
        b.putInt(0); // CMSG_ALIGN padding to 8
        b.putLong(16 + 4).putInt(Posix.IPPROTO_IP).putInt(Posix.IP_TTL).putInt(255);
        ControlMessages cm = ControlMessages.parse(b.array(), b.position());
        assertEquals(new ControlMessages(7, InetAddress.getByName("224.0.0.18"), 255), cm);
    }

    @Test
    void ipv6PktinfoAndHopLimit() throws Exception {
        ByteBuffer b = buffer();
        b.putLong(16 + 4).putInt(Posix.IPPROTO_IPV6).putInt(Posix.IPV6_HOPLIMIT).putInt(254).putInt(0);
        b.putLong(16 + 20).putInt(Posix.IPPROTO_IPV6).putInt(Posix.IPV6_PKTINFO);
        b.put(InetAddress.getByName("ff02::12").getAddress()).putInt(3);
        ControlMessages cm = ControlMessages.parse(b.array(), b.position());
        assertEquals(new ControlMessages(3, InetAddress.getByName("ff02::12"), 254), cm);
    }

    @Test
    void kernelReceiveTimestamp() throws Exception {
        ByteBuffer b = buffer();
        b.putLong(16 + 16).putInt(Posix.SOL_SOCKET).putInt(Posix.SCM_TIMESTAMPNS).putLong(1_795_000_000L)
                .putLong(123_456_789L);
        b.putLong(16 + 4).putInt(Posix.IPPROTO_IP).putInt(Posix.IP_TTL).putInt(255).putInt(0);
        ControlMessages cm = ControlMessages.parse(b.array(), b.position());
        assertEquals(new ControlMessages(0, null, 255, 1_795_000_000_123_456_789L), cm);
    }

    @Test
    void arrivalIsTheKernelsTimeOnTheNanoTimeScale() {
        RawIpSocket.arrival(0, 0); // the wall clock's first reading loads classes: not between the two below
        long now = System.nanoTime();
        java.time.Instant wall = java.time.Instant.now();
        long wallNanos = wall.getEpochSecond() * 1_000_000_000L + wall.getNano();
        long arrival = RawIpSocket.arrival(now, wallNanos - 5_000_000L); // received 5 ms before it was read
        org.junit.jupiter.api.Assertions.assertTrue(Math.abs(now - 5_000_000L - arrival) < 2_000_000L,
                () -> "arrival " + (now - arrival) + " ns before now");
        assertEquals(now, RawIpSocket.arrival(now, -1)); // no timestamp
        assertEquals(now, RawIpSocket.arrival(now, wallNanos + 60_000_000_000L)); // clock stepped back: now
        assertEquals(now, RawIpSocket.arrival(now, wallNanos - 60_000_000_000L)); // implausibly old: now
    }

    @Test
    void truncatedOrEmptyControlDataIsHarmless() {
        ByteBuffer b = buffer();
        b.putLong(400).putInt(Posix.IPPROTO_IP).putInt(Posix.IP_TTL).putInt(1);
        assertEquals(new ControlMessages(0, null, -1), ControlMessages.parse(b.array(), b.position()));
        assertEquals(new ControlMessages(0, null, -1), ControlMessages.parse(new byte[0], 0));
    }

    @Test
    void sourceFromSockaddr() throws Exception {
        byte[] v4 = Bytes.sockaddrIn((java.net.Inet4Address) InetAddress.getByName("198.18.1.1"));
        assertEquals(InetAddress.getByName("198.18.1.1"), ControlMessages.sourceOf(v4, v4.length));
        byte[] v6 = Bytes.sockaddrIn6((java.net.Inet6Address) InetAddress.getByName("fe80::1"), 4);
        assertEquals(InetAddress.getByName("fe80::1"), ControlMessages.sourceOf(v6, v6.length));
        assertNull(ControlMessages.sourceOf(new byte[16], 1));
    }
}
