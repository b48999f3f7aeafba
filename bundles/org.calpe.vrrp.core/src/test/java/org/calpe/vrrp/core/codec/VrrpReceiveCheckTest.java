package org.calpe.vrrp.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Random;

import org.calpe.vrrp.api.AuthParameters;
import org.calpe.vrrp.api.AuthSequence;
import org.calpe.vrrp.api.VrrpAuthType;
import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;

/** Malformed, truncated and mismatching adverts: each is dropped for the right reason, counted once. */
class VrrpReceiveCheckTest {
    private static final VrrpEncoder ENCODER = new VrrpEncoder();
    private static final InetAddress GROUP = VrrpDecoder.address(VrrpConstants.IPV4_GROUP);

    private final DropCounters counters = new DropCounters();

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final List<InetAddress> VIPS = List.of(ip("198.18.3.100"), ip("198.18.3.101"));

    private ReceiveExpectations v2Pass() {
        return new ReceiveExpectations("VI_1", IpFamily.IPV4, VrrpVersion.V2, VrrpAuthType.PASS,
                new TestAuthenticators.Pass(), AuthParameters.of("VI_1", "secret1", false), 1, VIPS, true, List.of(),
                false, ChecksumCompat.NONE);
    }

    private ReceiveExpectations v3() {
        return ReceiveExpectations.multicast("VI_1", IpFamily.IPV4, VrrpVersion.V3, 100, VIPS);
    }

    /** Checks and asserts the one counted reason. */
    private void assertDrop(DropReason expected, ReceiveExpectations e, byte[] datagram) {
        long before = counters.total();
        ReceiveResult r = new VrrpReceiveCheck(e, counters).check(Unpooled.wrappedBuffer(datagram), RxMeta.IPV4,
                AuthSequence.INITIAL);
        assertFalse(r.accepted(), "accepted, expected " + expected);
        assertEquals(expected, r.reason(), r.message());
        assertEquals(before + 1, counters.total(), "counted exactly once");
        assertTrue(counters.get(expected) >= 1);
    }

    private static byte[] pass() {
        return Golden.packets("v2-pass").get(0);
    }

    private static byte[] v3Golden() {
        return Golden.packets("v3-ipv4-unicast").get(0); // 2 VIPs; used with a multicast re-encoding below
    }

    /** A valid multicast v3 advert with the golden's addresses, built by the encoder. */
    private static byte[] v3Multicast(VrrpPacket p) {
        return ENCODER.encodeIpv4(VrrpDatagram.ipv4(ip("198.18.3.1"), GROUP, 7, null, p), GROUP);
    }

    private static byte[] with(byte[] b, int index, int value) {
        byte[] c = b.clone();
        c[index] = (byte) value;
        return c;
    }

    @Test
    void goldenAdvertsPass() {
        assertTrue(new VrrpReceiveCheck(v2Pass(), counters).check(Unpooled.wrappedBuffer(pass()), RxMeta.IPV4,
                AuthSequence.INITIAL).accepted());
        byte[] v3 = v3Multicast(VrrpPacket.v3(IpFamily.IPV4, 51, 100, 100, VIPS));
        assertTrue(new VrrpReceiveCheck(v3(), counters).check(Unpooled.wrappedBuffer(v3), RxMeta.IPV4,
                AuthSequence.INITIAL).accepted());
        assertEquals(0, counters.total());
    }

    @Test
    void truncatedEverywhere() {
        byte[] p = pass();
        for (int n = 0; n < p.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(p, n);
            DropReason expected = n < 28 ? DropReason.TOO_SHORT : DropReason.PACKET_LENGTH;
            assertDrop(expected, v2Pass(), cut);
        }
        assertEquals(28, counters.get(DropReason.TOO_SHORT));
    }

    @Test
    void tooLong() {
        assertDrop(DropReason.PACKET_LENGTH, v2Pass(), java.util.Arrays.copyOf(pass(), pass().length + 1));
    }

    @Test
    void wrongTtlComesBeforeWrongChecksum() {
        assertDrop(DropReason.IP_TTL, v2Pass(), with(with(pass(), 8, 254), 26, 0));
        assertDrop(DropReason.IP_TTL, v2Pass(), with(pass(), 8, 1));
    }

    @Test
    void ttlIsNotCheckedForUnicastButThePeersRangeIs() {
        byte[] uni = with(v3Golden(), 8, 64);
        ReceiveExpectations e = new ReceiveExpectations("VI_1", IpFamily.IPV4, VrrpVersion.V3, VrrpAuthType.NONE,
                null, null, 100, VIPS, true, List.of(UnicastPeer.of(ip("198.18.3.1"))), true, ChecksumCompat.NONE);
        assertTrue(new VrrpReceiveCheck(e, counters).check(Unpooled.wrappedBuffer(uni), RxMeta.IPV4,
                AuthSequence.INITIAL).accepted());
        ReceiveExpectations ranged = new ReceiveExpectations("VI_1", IpFamily.IPV4, VrrpVersion.V3,
                VrrpAuthType.NONE, null, null, 100, VIPS, true, List.of(new UnicastPeer(ip("198.18.3.1"), 200, 255)),
                true, ChecksumCompat.NONE);
        assertDrop(DropReason.UNICAST_TTL, ranged, uni);
        ReceiveExpectations otherPeer = new ReceiveExpectations("VI_1", IpFamily.IPV4, VrrpVersion.V3,
                VrrpAuthType.NONE, null, null, 100, VIPS, true, List.of(UnicastPeer.of(ip("198.18.3.9"))), true,
                ChecksumCompat.NONE);
        assertDrop(DropReason.UNICAST_SOURCE, otherPeer, uni);
    }

    @Test
    void wrongVersion() {
        byte[] v3 = v3Multicast(VrrpPacket.v3(IpFamily.IPV4, 51, 100, 100, VIPS));
        assertDrop(DropReason.VERSION, v3(), with(v3, 20, 0x41));
        assertDrop(DropReason.VERSION, v2Pass(), v3);
        // as in keepalived, the length is checked first and depends on the version nibble (v2 adds 8 bytes)
        assertDrop(DropReason.PACKET_LENGTH, v2Pass(), with(pass(), 20, 0x31));
    }

    @Test
    void authTypes() {
        assertDrop(DropReason.INVALID_AUTH_TYPE, v2Pass(), with(pass(), 24, 3));
        assertDrop(DropReason.AUTH_TYPE_MISMATCH, v2Pass(), with(pass(), 24, 0));
        assertDrop(DropReason.AH_PRESENCE_MISMATCH, v2Pass(), Golden.packets("v2-ah").get(0));
    }

    @Test
    void wrongPassword() {
        ReceiveExpectations other = new ReceiveExpectations("VI_1", IpFamily.IPV4, VrrpVersion.V2,
                VrrpAuthType.PASS, new TestAuthenticators.Pass(), AuthParameters.of("VI_1", "secret2", false), 1,
                VIPS, true, List.of(), false, ChecksumCompat.NONE);
        assertDrop(DropReason.AUTH_FAILURE, other, pass());
        // only the first 8 characters count, as in keepalived
        ReceiveExpectations longer = new ReceiveExpectations("VI_1", IpFamily.IPV4, VrrpVersion.V2,
                VrrpAuthType.PASS, new TestAuthenticators.Pass(), AuthParameters.of("VI_1", "abcdefghXYZ", false), 2,
                List.of(ip("198.18.3.100")), true, List.of(), false, ChecksumCompat.NONE);
        assertTrue(new VrrpReceiveCheck(longer, counters).check(
                Unpooled.wrappedBuffer(Golden.packets("v2-pass-long").get(0)), RxMeta.IPV4, AuthSequence.INITIAL)
                .accepted());
        // no authenticator service bound: nothing authenticates
        assertDrop(DropReason.AUTH_FAILURE, v2Pass().withAuthenticator(null), pass());
    }

    @Test
    void wrongAhKeyOrTamperedAh() {
        byte[] ah = Golden.packets("v2-ah").get(0);
        ReceiveExpectations e = new ReceiveExpectations("VI_1", IpFamily.IPV4, VrrpVersion.V2, VrrpAuthType.AH,
                new TestAuthenticators.Ah(), AuthParameters.of("VI_1", "secret2", false), 1, VIPS, true, List.of(),
                false, ChecksumCompat.NONE);
        assertDrop(DropReason.AUTH_FAILURE, e, ah);
        ReceiveExpectations right = new ReceiveExpectations("VI_1", IpFamily.IPV4, VrrpVersion.V2,
                VrrpAuthType.AH, new TestAuthenticators.Ah(), AuthParameters.of("VI_1", "secret1", false), 1, VIPS,
                true, List.of(), false, ChecksumCompat.NONE);
        assertDrop(DropReason.AUTH_FAILURE, right, with(ah, 46, 160)); // priority changed under the ICV
        assertDrop(DropReason.AH_NEXT_HEADER, right, with(ah, 20, 6));
    }

    @Test
    void advertIntervalMismatchV2() {
        ReceiveExpectations e = new ReceiveExpectations("VI_1", IpFamily.IPV4, VrrpVersion.V2, VrrpAuthType.PASS,
                new TestAuthenticators.Pass(), AuthParameters.of("VI_1", "secret1", false), 2, VIPS, true, List.of(),
                false, ChecksumCompat.NONE);
        assertDrop(DropReason.ADVERT_INTERVAL, e, pass());
    }

    @Test
    void v3IgnoresTheAdvertIntervalAndTheReservedBits() {
        byte[] b = v3Multicast(VrrpPacket.v3(IpFamily.IPV4, 51, 100, 37, VIPS));
        assertTrue(new VrrpReceiveCheck(v3(), counters).check(Unpooled.wrappedBuffer(b), RxMeta.IPV4,
                AuthSequence.INITIAL).accepted());
    }

    @Test
    void wrongType() {
        assertDrop(DropReason.INVALID_TYPE, v2Pass(), with(pass(), 20, 0x22));
    }

    @Test
    void addressCountAndList() {
        byte[] three = v3Multicast(VrrpPacket.v3(IpFamily.IPV4, 51, 100, 100,
                List.of(ip("198.18.3.100"), ip("198.18.3.101"), ip("198.18.3.102"))));
        assertDrop(DropReason.ADDRESS_COUNT, v3(), three);
        byte[] other = v3Multicast(VrrpPacket.v3(IpFamily.IPV4, 51, 100, 100,
                List.of(ip("198.18.3.100"), ip("198.18.3.109"))));
        assertDrop(DropReason.ADDRESS_LIST, v3(), other);
    }

    @Test
    void ipTotalLength() {
        byte[] v3 = v3Multicast(VrrpPacket.v3(IpFamily.IPV4, 51, 100, 100, VIPS));
        assertDrop(DropReason.IP_LENGTH, v3(), with(v3, 3, v3[3] + 4));
        // VRRPv2 PASS: keepalived reads the password at ip + tot_len - 8, so a wrong tot_len fails auth first
        assertDrop(DropReason.AUTH_FAILURE, v2Pass(), with(pass(), 3, pass()[3] + 4));
    }

    @Test
    void wrongChecksum() {
        assertDrop(DropReason.CHECKSUM, v2Pass(), with(pass(), 26, pass()[26] ^ 1));
        byte[] v3 = v3Multicast(VrrpPacket.v3(IpFamily.IPV4, 51, 100, 100, VIPS));
        assertDrop(DropReason.CHECKSUM, v3(), with(v3, 27, v3[27] ^ 0x10));
        // VRRPv3 checksum covers the pseudo-header: another source breaks it
        assertDrop(DropReason.CHECKSUM, v3(), with(v3, 15, 9));
    }

    @Test
    void unicastAdvertOnAMulticastInstance() {
        assertDrop(DropReason.CAST_MISMATCH, v3(), Golden.packets("v3-ipv4-unicast").get(0));
    }

    @Test
    void fuzzedAdvertsNeverThrowAndAreAllCounted() {
        Random random = new Random(42);
        long drops = 0;
        List<byte[]> seeds = List.of(pass(), Golden.packets("v2-ah").get(0), Golden.packets("v3-ipv4").get(0));
        for (int i = 0; i < 20_000; i++) {
            byte[] b = seeds.get(random.nextInt(seeds.size())).clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(4) == 0) {
                b = java.util.Arrays.copyOf(b, random.nextInt(b.length + 8));
            }
            ReceiveResult r = new VrrpReceiveCheck(v2Pass(), counters).check(Unpooled.wrappedBuffer(b), RxMeta.IPV4,
                    AuthSequence.INITIAL);
            if (!r.accepted()) {
                drops++;
            }
        }
        assertEquals(drops, counters.total());
        assertTrue(drops > 19_000, "almost every mutation is dropped: " + drops);
    }

    @Test
    void keepalivedCounterNames() {
        assertDrop(DropReason.CAST_MISMATCH, v3(), Golden.packets("v3-ipv4-unicast").get(0));
        byte[] other = v3Multicast(VrrpPacket.v3(IpFamily.IPV4, 51, 100, 100,
                List.of(ip("198.18.3.100"), ip("198.18.3.109"))));
        assertDrop(DropReason.ADDRESS_LIST, v3(), other);
        assertEquals(2, counters.keepalivedCounter("addr_list_err"));
        assertEquals("chk_err", DropReason.CHECKSUM.keepalivedCounter().orElseThrow());
        assertTrue(DropReason.ADVERT_INTERVAL.keepalivedCounter().isEmpty());
    }
}
