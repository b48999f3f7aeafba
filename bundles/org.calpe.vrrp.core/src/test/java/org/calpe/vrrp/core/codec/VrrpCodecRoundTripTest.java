package org.calpe.vrrp.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.calpe.vrrp.api.VrrpAuthType;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

class VrrpCodecRoundTripTest {
    private final VrrpEncoder encoder = new VrrpEncoder();
    private final VrrpDecoder decoder = new VrrpDecoder();
    private final Random random = new Random(7);

    private InetAddress randomAddress(IpFamily f) throws Exception {
        byte[] b = new byte[f.addressLength()];
        random.nextBytes(b);
        if (f == IpFamily.IPV4) {
            b[0] = (byte) (1 + random.nextInt(200)); // not multicast
        } else {
            b[0] = 0x20;
        }
        return InetAddress.getByAddress(b);
    }

    private List<InetAddress> addresses(IpFamily f, int n) throws Exception {
        List<InetAddress> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(randomAddress(f));
        }
        return l;
    }

    @Test
    void v2RoundTrips() throws Exception {
        for (int i = 0; i < 500; i++) {
            VrrpAuthType auth = VrrpAuthType.values()[random.nextInt(3)];
            byte[] data = new byte[random.nextInt(9)];
            random.nextBytes(data);
            VrrpPacket p = VrrpPacket.v2(1 + random.nextInt(255), random.nextInt(256), auth, 1 + random.nextInt(255),
                    addresses(IpFamily.IPV4, random.nextInt(20)), data);
            VrrpDatagram d = VrrpDatagram.ipv4(randomAddress(IpFamily.IPV4),
                    VrrpDecoder.address(VrrpConstants.IPV4_GROUP), 1 + random.nextInt(65535), null, p);
            byte[] bytes = encoder.encodeIpv4(d, d.destination());
            VrrpDatagram back = decoder.decodeIpv4(Unpooled.wrappedBuffer(bytes));
            assertEquals(d.withPacket(p.withChecksum(back.packet().checksum())), back);
            assertTrue(VrrpChecksum.verify(Unpooled.wrappedBuffer(bytes), 20, bytes.length - 20, VrrpVersion.V2, null, null));
            assertEquals(0, VrrpChecksum.ipv4Header(Unpooled.wrappedBuffer(bytes), 0, 20));
        }
    }

    @Test
    void v3RoundTripsOverBothFamilies() throws Exception {
        for (int i = 0; i < 500; i++) {
            IpFamily f = random.nextBoolean() ? IpFamily.IPV4 : IpFamily.IPV6;
            VrrpPacket p = VrrpPacket.v3(f, 1 + random.nextInt(255), random.nextInt(256), 1 + random.nextInt(4095),
                    addresses(f, random.nextInt(10)));
            InetAddress src = randomAddress(f);
            InetAddress dst = randomAddress(f);
            if (f == IpFamily.IPV4) {
                VrrpDatagram d = VrrpDatagram.ipv4(src, dst, 9, null, p);
                VrrpDatagram back = decoder.decodeIpv4(Unpooled.wrappedBuffer(encoder.encodeIpv4(d, dst)));
                assertEquals(d.withPacket(p.withChecksum(back.packet().checksum())), back);
            } else {
                VrrpDatagram d = VrrpDatagram.ipv6(src, dst, random.nextInt(0x100000), p);
                byte[] bytes = encoder.encodeIpv6(d);
                VrrpDatagram back = decoder.decodeIpv6Datagram(Unpooled.wrappedBuffer(bytes));
                assertEquals(d.withPacket(p.withChecksum(back.packet().checksum())), back);
                ByteBuf payload = encoder.encodeIpv6Payload(d);
                assertEquals(back.packet(), decoder.decodeIpv6(payload, src, dst, 255).packet());
                assertTrue(VrrpChecksum.verify(payload, 0, payload.readableBytes(), VrrpVersion.V3, src.getAddress(),
                        dst.getAddress()));
                payload.release();
            }
        }
    }

    @Test
    void decoderNamesTheDropReason() {
        byte[] golden = Golden.packets("v2-pass").get(0);
        assertEquals(DropReason.TOO_SHORT, assertThrows(VrrpCodecException.class,
                () -> decoder.decodeIpv4(Unpooled.wrappedBuffer(golden, 0, 10))).reason());
        assertEquals(DropReason.PACKET_LENGTH, assertThrows(VrrpCodecException.class,
                () -> decoder.decodeIpv4(Unpooled.wrappedBuffer(golden, 0, golden.length - 1))).reason());
        byte[] v = Golden.packets("v3-ipv4").get(0).clone();
        v[20] = 0x41;
        assertEquals(DropReason.VERSION, assertThrows(VrrpCodecException.class,
                () -> decoder.decodeIpv4(Unpooled.wrappedBuffer(v))).reason());
        byte[] t = golden.clone();
        t[20] = 0x22;
        assertEquals(DropReason.INVALID_TYPE, assertThrows(VrrpCodecException.class,
                () -> decoder.decodeIpv4(Unpooled.wrappedBuffer(t))).reason());
        byte[] a = golden.clone();
        a[24] = 9;
        assertEquals(DropReason.INVALID_AUTH_TYPE, assertThrows(VrrpCodecException.class,
                () -> decoder.decodeIpv4(Unpooled.wrappedBuffer(a))).reason());
    }

    @Test
    void packetValidatesItsFields() {
        assertThrows(IllegalArgumentException.class, () -> VrrpPacket.v3(IpFamily.IPV4, 1, 100, 4096, List.of()));
        assertThrows(IllegalArgumentException.class, () -> VrrpPacket.v2(256, 100, 1, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> VrrpPacket.v3(IpFamily.IPV6, 1, 100, 100, List.of(VrrpDecoder.address(new byte[4]))));
        VrrpPacket p = VrrpPacket.v2(1, 100, VrrpAuthType.PASS, 1, List.of(), "secret1".getBytes());
        assertEquals(8, p.authData().length);
        assertEquals(1000, p.advertIntervalMillis());
        assertEquals(10, VrrpPacket.v3(IpFamily.IPV4, 1, 100, 1, List.of()).advertIntervalMillis());
        assertTrue(!p.toString().contains("secret"), "toString never shows a password");
    }
}
