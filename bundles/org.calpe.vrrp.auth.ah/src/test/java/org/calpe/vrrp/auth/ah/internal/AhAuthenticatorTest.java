package org.calpe.vrrp.auth.ah.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.calpe.vrrp.api.AuthParameters;
import org.calpe.vrrp.api.AuthSequence;
import org.calpe.vrrp.api.AuthVerdict;
import org.calpe.vrrp.api.VrrpAuthType;
import org.junit.jupiter.api.Test;

class AhAuthenticatorTest {
    private static final String NAME = "v2-ah";
    private static final int AH = 20;
    private static final int SEQUENCE = AH + 8;
    private static final int ICV = AH + 12;

    private final AhAuthenticator auth = new AhAuthenticator();
    private final List<byte[]> golden = Golden.packets(NAME);

    private static AuthParameters multicast() {
        return AuthParameters.of("VI_1", Golden.authPass(NAME), false);
    }

    private static AuthParameters unicast() {
        return AuthParameters.of("VI_1", Golden.authPass(NAME), true);
    }

    /** A captured advert as the engine hands it to sign: IP checksum (the kernel's) and the whole AH zero. */
    private static byte[] unsigned(byte[] captured) {
        byte[] d = captured.clone();
        d[10] = 0;
        d[11] = 0;
        Arrays.fill(d, AH, AH + 24, (byte) 0);
        return d;
    }

    /** What the kernel does after us with IP_HDRINCL: the IPv4 header checksum (RFC 791). */
    private static void kernelChecksum(byte[] d) {
        int ihl = (d[0] & 0x0f) * 4;
        int sum = 0;
        for (int i = 0; i < ihl; i += 2) {
            sum += (d[i] & 0xff) << 8 | (d[i + 1] & 0xff);
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        d[10] = (byte) (~sum >> 8);
        d[11] = (byte) ~sum;
    }

    private AuthSequence receiveAllGolden() {
        AuthSequence s = AuthSequence.INITIAL;
        for (byte[] d : golden) {
            AuthVerdict v = auth.verify(d, d.length, multicast(), s);
            assertTrue(v.accepted(), v.reason());
            s = v.sequence();
        }
        return s;
    }

    @Test
    void describesItself() {
        assertEquals(VrrpAuthType.AH, auth.type());
        assertEquals(24, auth.headerLength());
        assertEquals(51, auth.ipProtocol());
    }

    @Test
    void signsKeepalivedsAdvertsByteForByteFromANewInstance() {
        AuthSequence s = AuthSequence.INITIAL;
        for (byte[] captured : golden) {
            byte[] d = unsigned(captured);
            s = auth.sign(d, d.length, multicast(), s, true);
            kernelChecksum(d);
            assertArrayEquals(captured, d, "keepalived's advert with sequence number " + s.sent());
        }
        assertEquals(new AuthSequence(golden.size(), 0, false), s, "keepalived counts 1, 2, 3, ... once per advert");
    }

    @Test
    void signedFieldsAreKeepalivedsAhHeader() {
        byte[] d = unsigned(golden.get(0));
        auth.sign(d, d.length, multicast(), AuthSequence.INITIAL, true);
        assertEquals(112, d[AH]);
        assertEquals(4, d[AH + 1]);
        assertEquals(0, d[AH + 2] | d[AH + 3]);
        assertArrayEquals(Arrays.copyOfRange(d, 12, 16), Arrays.copyOfRange(d, AH + 4, AH + 8), "SPI = source");
        assertEquals(1, AhLayout.getInt(d, SEQUENCE));
        assertArrayEquals(new byte[8], Arrays.copyOfRange(d, d.length - 8, d.length), "advert auth data stays 0");
    }

    @Test
    void acceptsKeepalivedsAdvertsAndFollowsTheirSequence() {
        assertEquals(new AuthSequence(0, golden.size(), false), receiveAllGolden());
    }

    @Test
    void replayedAndOldSequenceNumbersAreRejected() {
        AuthSequence s = receiveAllGolden();
        for (byte[] d : golden) {
            AuthVerdict v = auth.verify(d, d.length, multicast(), s);
            assertFalse(v.accepted());
            assertSame(s, v.sequence(), "a rejected advert changes nothing");
            assertEquals("IPSEC-AH : sequence number " + AhLayout.getInt(d, SEQUENCE)
                    + " already processed. Packet dropped. Local(4)", v.reason());
        }
        // out of order: 1, 3 accepted, then 2 is too old
        AuthSequence t = auth.verify(golden.get(0), golden.get(0).length, multicast(), AuthSequence.INITIAL).sequence();
        t = auth.verify(golden.get(2), golden.get(2).length, multicast(), t).sequence();
        assertEquals(3, t.received());
        assertFalse(auth.verify(golden.get(1), golden.get(1).length, multicast(), t).accepted());
    }

    @Test
    void oneCounterForBothDirectionsAsKeepalived() {
        // a master that has sent up to 10 drops a peer's advert numbered 4 ...
        AuthSequence master = new AuthSequence(10, 0, false);
        AuthVerdict v = auth.verify(golden.get(3), golden.get(3).length, multicast(), master);
        assertFalse(v.accepted());
        assertTrue(v.reason().endsWith("Local(10)"), v.reason());
        // ... and a backup that saw 4 goes on with 5 when it becomes master
        byte[] d = unsigned(golden.get(0));
        AuthSequence next = auth.sign(d, d.length, multicast(), receiveAllGolden(), true);
        assertEquals(5, next.sent());
        assertEquals(5, AhLayout.getInt(d, SEQUENCE));
    }

    @Test
    void wrongKeyIsRejectedWithKeepalivedsPhrase() {
        for (String other : List.of("secret2", "secret", "Secret1", "secret1\u0001")) {
            AuthVerdict v = auth.verify(golden.get(0), golden.get(0).length,
                    AuthParameters.of("VI_1", other, false), AuthSequence.INITIAL);
            assertFalse(v.accepted(), other);
            assertEquals("IPSEC-AH : invalid IPSEC HMAC-MD5 value. Due to fields mutation or bad password !",
                    v.reason());
            assertSame(AuthSequence.INITIAL, v.sequence());
        }
        // keepalived keys with the first 8 bytes only
        assertTrue(auth.verify(golden.get(0), golden.get(0).length, AuthParameters.of("VI_1", "secret1\0zz", false),
                AuthSequence.INITIAL).accepted());
    }

    @Test
    void everyByteIsProtectedExceptKeepalivedsMutableFields() {
        byte[] captured = golden.get(0);
        List<Integer> mutable = List.of(1, 6, 7, 10, 11); // TOS, flags + fragment offset, header checksum
        for (int i = 0; i < captured.length; i++) {
            byte[] d = captured.clone();
            d[i] ^= 0x10;
            AuthVerdict v = auth.verify(d, d.length, multicast(), AuthSequence.INITIAL);
            assertEquals(mutable.contains(i), v.accepted(), "byte " + i + ": " + v.reason());
            if (!v.accepted() && i != 0 && i != AH) {
                assertEquals(AhAuthenticator.INVALID_ICV, v.reason(), "byte " + i);
            }
        }
    }

    @Test
    void signsKeepalivedsUnicastAdvertsByteForByte() {
        // v2-ah-unicast: keepalived with unicast_peer zeroes the TTL for the ICV (captured like v2-ah, see its .conf)
        List<byte[]> captures = Golden.packets("v2-ah-unicast");
        AuthParameters p = AuthParameters.of("VI_1", Golden.authPass("v2-ah-unicast"), true);
        AuthSequence s = AuthSequence.INITIAL;
        AuthSequence r = AuthSequence.INITIAL;
        for (byte[] captured : captures) {
            byte[] d = unsigned(captured);
            s = auth.sign(d, d.length, p, s, true);
            kernelChecksum(d);
            assertArrayEquals(captured, d, "keepalived's unicast advert with sequence number " + s.sent());
            AuthVerdict v = auth.verify(captured, captured.length, p, r);
            assertTrue(v.accepted(), v.reason());
            r = v.sequence();
            byte[] routed = captured.clone();
            routed[8] = 62; // TTL after a few routers
            assertTrue(auth.verify(routed, routed.length, p, AuthSequence.INITIAL).accepted());
            assertFalse(auth.verify(routed, routed.length, AuthParameters.of("VI_1", "secret1", false),
                    AuthSequence.INITIAL).accepted(), "a multicast instance covers the TTL");
        }
        assertEquals(captures.size(), r.received());
    }

    @Test
    void unicastInstancesAlsoTreatTheTtlAsMutable() {
        byte[] captured = golden.get(0);
        // keepalived's multicast advert covers its TTL 255: a unicast instance zeroes it and disagrees
        assertFalse(auth.verify(captured, captured.length, unicast(), AuthSequence.INITIAL).accepted());

        byte[] d = unsigned(captured);
        auth.sign(d, d.length, unicast(), AuthSequence.INITIAL, true);
        assertNotEquals(Arrays.toString(Arrays.copyOfRange(captured, ICV, ICV + 12)),
                Arrays.toString(Arrays.copyOfRange(d, ICV, ICV + 12)));
        for (int ttl : new int[] { 255, 64, 1 }) {
            d[8] = (byte) ttl;
            kernelChecksum(d);
            assertTrue(auth.verify(d, d.length, unicast(), AuthSequence.INITIAL).accepted(), "ttl " + ttl);
        }
        d[8] = (byte) 255;
        assertFalse(auth.verify(d, d.length, multicast(), AuthSequence.INITIAL).accepted(),
                "a multicast instance covers the TTL");
    }

    @Test
    void furtherCopiesToOtherUnicastPeersKeepTheSequenceNumber() {
        byte[] first = unsigned(golden.get(0));
        first[16] = (byte) 198; // 198.18.3.2
        first[17] = 18;
        first[18] = 3;
        first[19] = 2;
        byte[] second = first.clone();
        second[19] = 3; // 198.18.3.3
        AuthSequence afterFirst = auth.sign(first, first.length, unicast(), new AuthSequence(41, 0, false), true);
        AuthSequence afterSecond = auth.sign(second, second.length, unicast(), afterFirst, false);
        assertSame(afterFirst, afterSecond);
        assertEquals(42, AhLayout.getInt(first, SEQUENCE));
        assertEquals(42, AhLayout.getInt(second, SEQUENCE));
        assertFalse(Arrays.equals(first, ICV, ICV + 12, second, ICV, ICV + 12), "the destination is covered");
        assertTrue(auth.verify(first, first.length, unicast(), AuthSequence.INITIAL).accepted());
        assertTrue(auth.verify(second, second.length, unicast(), AuthSequence.INITIAL).accepted());
    }

    @Test
    void spiMustBeTheSourceAddress() {
        byte[] d = golden.get(0).clone();
        d[AH + 7] = 9; // SPI 198.18.3.9, with an ICV that is right for it
        byte[] icv = AhIcv.compute(d, AhLayout.of(d, d.length), multicast().key(), false);
        System.arraycopy(icv, 0, d, ICV, 12);
        AuthVerdict v = auth.verify(d, d.length, multicast(), AuthSequence.INITIAL);
        assertFalse(v.accepted());
        // keepalived prints both network-order words with %u on a little-endian host
        assertEquals("IPSEC AH : invalid IPSEC SPI value. " + 0x010312C6L + " and expect " + 0x090312C6L,
                v.reason());
    }

    @Test
    void sequenceNumberStopsAtKeepalivedsLimitAndMarksTheCounterCycled() {
        byte[] d = unsigned(golden.get(0));
        AuthSequence s = auth.sign(d, d.length, multicast(), new AuthSequence(0xFFFF_FFFCL, 0, false), true);
        assertEquals(new AuthSequence(0xFFFF_FFFDL, 0, false), s);
        s = auth.sign(d, d.length, multicast(), s, true);
        assertEquals(new AuthSequence(0xFFFF_FFFEL, 0, false), s, "the last number keepalived counts to");
        s = auth.sign(d, d.length, multicast(), s, true);
        assertEquals(new AuthSequence(0xFFFF_FFFEL, 0, true), s, "no wrap to 0: the same number again, cycled");
        assertEquals(0xFFFF_FFFEL, AhLayout.getInt(d, SEQUENCE));
        // a peer that saw 0xFFFFFFFE drops the repeat as a replay
        AuthVerdict peer = auth.verify(d, d.length, multicast(), new AuthSequence(0, 0xFFFF_FFFEL, false));
        assertFalse(peer.accepted());
        assertTrue(peer.reason().contains("sequence number 4294967294 already processed"), peer.reason());
        // a counter raised to the maximum by a received advert stays there too
        AuthSequence max = auth.sign(d, d.length, multicast(), new AuthSequence(5, 0xFFFF_FFFFL, false), true);
        assertEquals(new AuthSequence(0xFFFF_FFFFL, 0xFFFF_FFFFL, true), max);
        assertEquals(0xFFFF_FFFFL, AhLayout.getInt(d, SEQUENCE));
        assertTrue(auth.verify(d, d.length, multicast(), new AuthSequence(0, 0xFFFF_FFFEL, false)).accepted(),
                "0xFFFFFFFF is above 0xFFFFFFFE");
        // the engine's reset on becoming master (keepalived: cycle -> counter 0) starts again at 1
        auth.sign(d, d.length, multicast(), AuthSequence.INITIAL, true);
        assertEquals(1, AhLayout.getInt(d, SEQUENCE));
    }

    @Test
    void ipOptionsAreCoveredAsTheyAre() {
        byte[] plain = unsigned(golden.get(0));
        byte[] d = new byte[plain.length + 4];
        System.arraycopy(plain, 0, d, 0, 20);
        System.arraycopy(plain, 20, d, 24, plain.length - 20);
        d[0] = 0x46;
        d[3] = (byte) (d.length);
        d[20] = 1; // four NOP options
        d[21] = 1;
        d[22] = 1;
        d[23] = 1;
        auth.sign(d, d.length, multicast(), AuthSequence.INITIAL, true);
        assertEquals(112, d[24], "the AH follows the options");
        assertTrue(auth.verify(d, d.length, multicast(), AuthSequence.INITIAL).accepted());
        d[23] = 0;
        assertFalse(auth.verify(d, d.length, multicast(), AuthSequence.INITIAL).accepted());
    }

    @Test
    void truncatedOrMalformedDatagramsAreRejectedNotThrown() {
        byte[] captured = golden.get(0);
        for (int len = 0; len < captured.length; len++) {
            assertFalse(auth.verify(captured, len, multicast(), AuthSequence.INITIAL).accepted(), "length " + len);
        }
        assertFalse(auth.verify(captured, captured.length + 1, multicast(), AuthSequence.INITIAL).accepted());
        assertFalse(auth.verify(null, 0, multicast(), AuthSequence.INITIAL).accepted());
        byte[] otherProtocol = captured.clone();
        otherProtocol[AH] = 6;
        assertEquals("AH header for protocol 6",
                auth.verify(otherProtocol, otherProtocol.length, multicast(), AuthSequence.INITIAL).reason());
        Random random = new Random(2402);
        for (int i = 0; i < 10_000; i++) {
            byte[] junk = new byte[random.nextInt(80)];
            random.nextBytes(junk);
            if (junk.length > 0 && random.nextBoolean()) {
                junk[0] = 0x45;
            }
            assertFalse(auth.verify(junk, junk.length, multicast(), AuthSequence.INITIAL).accepted());
        }
        byte[] shortOne = new byte[20 + 24 + 7];
        shortOne[0] = 0x45;
        assertThrows(IllegalArgumentException.class,
                () -> auth.sign(shortOne, shortOne.length, multicast(), AuthSequence.INITIAL, true));
    }
}
