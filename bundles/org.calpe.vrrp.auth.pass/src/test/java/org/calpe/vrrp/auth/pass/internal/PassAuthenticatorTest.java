package org.calpe.vrrp.auth.pass.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.calpe.vrrp.api.AuthParameters;
import org.calpe.vrrp.api.AuthSequence;
import org.calpe.vrrp.api.AuthVerdict;
import org.calpe.vrrp.api.VrrpAuthType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PassAuthenticatorTest {
    private static final AuthSequence SEQ = new AuthSequence(7, 3, false);
    private final PassAuthenticator pass = new PassAuthenticator();

    private static AuthParameters params(String name) {
        return AuthParameters.of("VI_1", Golden.authPass(name), false);
    }

    @Test
    void describesItself() {
        assertEquals(VrrpAuthType.PASS, pass.type());
        assertEquals(0, pass.headerLength());
        assertEquals(112, pass.ipProtocol());
    }

    @ParameterizedTest
    @ValueSource(strings = { "v2-pass", "v2-pass-long" })
    void keepalivedsAdvertsCarryTheKeyByteForByte(String name) {
        byte[] key = params(name).key();
        for (byte[] d : Golden.packets(name)) {
            assertArrayEquals(key, Arrays.copyOfRange(d, d.length - 8, d.length),
                    "keepalived's authentication data is auth_pass zero padded to 8 bytes");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "v2-pass", "v2-pass-long" })
    void acceptsKeepalivedsAdvertsAndLeavesTheSequenceAlone(String name) {
        for (byte[] d : Golden.packets(name)) {
            AuthVerdict v = pass.verify(d, d.length, params(name), SEQ);
            assertTrue(v.accepted(), v.reason());
            assertSame(SEQ, v.sequence());
            assertEquals("", v.reason());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "v2-pass", "v2-pass-long" })
    void signLeavesKeepalivedsBytesUnchanged(String name) {
        for (byte[] d : Golden.packets(name)) {
            byte[] copy = d.clone();
            assertSame(SEQ, pass.sign(copy, copy.length, params(name), SEQ, true));
            assertArrayEquals(d, copy);
        }
    }

    @Test
    void signRefusesAnAdvertWithoutTheKey() {
        byte[] d = Golden.packets("v2-pass").get(0).clone();
        Arrays.fill(d, d.length - 8, d.length, (byte) 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pass.sign(d, d.length, params("v2-pass"), SEQ, true));
        assertTrue(e.getMessage().startsWith("VI_1: "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> pass.sign(d, 10, params("v2-pass"), SEQ, true));
    }

    @Test
    void wrongKeyIsRejectedWithKeepalivedsPhrase() {
        byte[] d = Golden.packets("v2-pass").get(0);
        AuthVerdict v = pass.verify(d, d.length, AuthParameters.of("VI_1", "secret2", false), SEQ);
        assertFalse(v.accepted());
        assertEquals("received an invalid passwd!", v.reason());
        assertSame(SEQ, v.sequence());
    }

    @Test
    void theKeyIsOnlyItsFirstEightBytes() {
        // keepalived truncates auth_pass to 8 characters: "abcdefghXYZ" authenticates like "abcdefgh"
        byte[] d = Golden.packets("v2-pass-long").get(0);
        assertTrue(pass.verify(d, d.length, AuthParameters.of("VI_1", "abcdefghXYZ", false), SEQ).accepted());
        assertFalse(pass.verify(d, d.length, AuthParameters.of("VI_1", "abcdefg", false), SEQ).accepted());
        // and "secret1" is compared with its zero padding: "secret1" plus a non-zero eighth byte is another password
        byte[] p = Golden.packets("v2-pass").get(0);
        assertFalse(pass.verify(p, p.length, AuthParameters.of("VI_1", "secret1x", false), SEQ).accepted());
    }

    @Test
    void everyTamperedPasswordByteIsRejected() {
        byte[] golden = Golden.packets("v2-pass").get(0);
        for (int i = golden.length - 8; i < golden.length; i++) {
            byte[] d = golden.clone();
            d[i] ^= 0x01;
            assertFalse(pass.verify(d, d.length, params("v2-pass"), SEQ).accepted(), "byte " + i);
        }
    }

    @Test
    void passwordIsReadWhereTheIpTotalLengthEnds() {
        // keepalived reads ip + tot_len - 8: trailing bytes beyond tot_len are not the password
        byte[] golden = Golden.packets("v2-pass").get(0);
        byte[] longer = Arrays.copyOf(golden, golden.length + 8);
        assertTrue(pass.verify(longer, longer.length, params("v2-pass"), SEQ).accepted());
        System.arraycopy("secret1\0".getBytes(StandardCharsets.ISO_8859_1), 0, longer, golden.length, 8);
        longer[golden.length - 1] = 'x';
        assertFalse(pass.verify(longer, longer.length, params("v2-pass"), SEQ).accepted());
    }

    @Test
    void truncatedOrMalformedDatagramsAreRejectedNotThrown() {
        byte[] golden = Golden.packets("v2-pass").get(0);
        AuthParameters p = params("v2-pass");
        for (int len = 0; len < golden.length; len++) {
            assertFalse(pass.verify(golden, len, p, SEQ).accepted(), "length " + len);
        }
        assertFalse(pass.verify(golden, golden.length + 1, p, SEQ).accepted(), "length beyond the array");
        byte[] v6 = golden.clone();
        v6[0] = 0x65;
        assertFalse(pass.verify(v6, v6.length, p, SEQ).accepted());
        byte[] badIhl = golden.clone();
        badIhl[0] = 0x44;
        assertFalse(pass.verify(badIhl, badIhl.length, p, SEQ).accepted());
        Random random = new Random(2338);
        for (int i = 0; i < 10_000; i++) {
            byte[] junk = new byte[random.nextInt(64)];
            random.nextBytes(junk);
            assertFalse(pass.verify(junk, junk.length, p, SEQ).accepted());
        }
    }
}
