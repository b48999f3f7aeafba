package org.calpe.vrrp.core.codec;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.calpe.vrrp.api.AuthParameters;
import org.calpe.vrrp.api.AuthSequence;
import org.calpe.vrrp.api.AuthVerdict;
import org.calpe.vrrp.api.VrrpAuthType;
import org.calpe.vrrp.api.VrrpAuthenticator;

/**
 * Minimal authenticators written against the SPI for the codec tests: they show that the SPI's datagram
 * contract is enough to reproduce keepalived's bytes. The real ones live in org.calpe.vrrp.auth.pass / .ah.
 */
final class TestAuthenticators {
    private TestAuthenticators() {
    }

    /** PASS: the key is in the advert's last 8 bytes (keepalived reads them at ip + tot_len - 8). */
    static final class Pass implements VrrpAuthenticator {
        @Override
        public VrrpAuthType type() {
            return VrrpAuthType.PASS;
        }

        @Override
        public int headerLength() {
            return 0;
        }

        @Override
        public int ipProtocol() {
            return VrrpConstants.IPPROTO_VRRP;
        }

        @Override
        public AuthSequence sign(byte[] d, int length, AuthParameters p, AuthSequence s, boolean newAdvert) {
            return s;
        }

        @Override
        public AuthVerdict verify(byte[] d, int length, AuthParameters p, AuthSequence s) {
            int total = (d[2] & 0xff) << 8 | (d[3] & 0xff);
            if (total > length || total < 8) {
                return AuthVerdict.reject(s, "received an invalid passwd!");
            }
            byte[] got = Arrays.copyOfRange(d, total - 8, total);
            return MessageDigest.isEqual(got, p.key()) ? AuthVerdict.accept(s)
                    : AuthVerdict.reject(s, "received an invalid passwd!");
        }
    }

    /** AH with HMAC-MD5-96 over keepalived's choice of zeroed fields. */
    static final class Ah implements VrrpAuthenticator {
        @Override
        public VrrpAuthType type() {
            return VrrpAuthType.AH;
        }

        @Override
        public int headerLength() {
            return 24;
        }

        @Override
        public int ipProtocol() {
            return VrrpConstants.IPPROTO_AH;
        }

        @Override
        public AuthSequence sign(byte[] d, int length, AuthParameters p, AuthSequence s, boolean newAdvert) {
            int ihl = (d[0] & 0x0f) * 4;
            long seq = newAdvert ? s.sent() + 1 : s.sent();
            d[ihl] = (byte) VrrpConstants.IPPROTO_VRRP;
            d[ihl + 1] = (byte) VrrpConstants.AH_PAYLOAD_LENGTH;
            d[ihl + 2] = 0;
            d[ihl + 3] = 0;
            System.arraycopy(d, 12, d, ihl + 4, 4); // SPI = source address
            putInt(d, ihl + 8, seq);
            byte[] icv = icv(d, length, p);
            System.arraycopy(icv, 0, d, ihl + 12, 12);
            return new AuthSequence(seq, s.received(), s.cycled());
        }

        @Override
        public AuthVerdict verify(byte[] d, int length, AuthParameters p, AuthSequence s) {
            int ihl = (d[0] & 0x0f) * 4;
            byte[] icv = icv(d, length, p);
            if (!MessageDigest.isEqual(icv, Arrays.copyOfRange(d, ihl + 12, ihl + 24))) {
                return AuthVerdict.reject(s, "IPSEC-AH : invalid IPSEC HMAC-MD5 value. Due to fields mutation or bad password !");
            }
            if (!Arrays.equals(d, 12, 16, d, ihl + 4, ihl + 8)) {
                return AuthVerdict.reject(s, "IPSEC AH : invalid IPSEC SPI value.");
            }
            long seq = getInt(d, ihl + 8);
            if (seq <= s.received()) {
                return AuthVerdict.reject(s, "IPSEC-AH : sequence number " + seq + " already processed.");
            }
            return AuthVerdict.accept(new AuthSequence(s.sent(), seq, s.cycled()));
        }

        private static byte[] icv(byte[] d, int length, AuthParameters p) {
            int ihl = (d[0] & 0x0f) * 4;
            byte[] copy = Arrays.copyOf(d, length);
            copy[1] = 0; // TOS
            copy[6] = 0; // flags / fragment offset
            copy[7] = 0;
            copy[10] = 0; // header checksum
            copy[11] = 0;
            if (p.unicast()) {
                copy[8] = 0; // TTL
            }
            Arrays.fill(copy, ihl + 12, ihl + 24, (byte) 0);
            try {
                Mac mac = Mac.getInstance("HmacMD5");
                mac.init(new SecretKeySpec(p.key(), "HmacMD5"));
                return Arrays.copyOf(mac.doFinal(copy), 12);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void putInt(byte[] d, int at, long v) {
            d[at] = (byte) (v >>> 24);
            d[at + 1] = (byte) (v >>> 16);
            d[at + 2] = (byte) (v >>> 8);
            d[at + 3] = (byte) v;
        }

        private static long getInt(byte[] d, int at) {
            return (d[at] & 0xffL) << 24 | (d[at + 1] & 0xffL) << 16 | (d[at + 2] & 0xffL) << 8 | (d[at + 3] & 0xffL);
        }
    }
}
