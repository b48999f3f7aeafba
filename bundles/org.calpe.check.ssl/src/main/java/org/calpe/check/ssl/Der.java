package org.calpe.check.ssl;

import java.io.ByteArrayOutputStream;

/** The little DER needed to turn PKCS#1 and SEC1 private keys into PKCS#8 for the JDK's KeyFactory. */
final class Der {
    static final byte[] RSA_ENCRYPTION = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
        0x01, 0x01};
    static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final byte[] NULL = {0x05, 0x00};
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

    private Der() {
    }

    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        int n = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 6);
        out.write(tag);
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    /** PKCS#8 PrivateKeyInfo around a PKCS#1 RSAPrivateKey. */
    static byte[] pkcs8FromPkcs1(byte[] pkcs1) {
        return tlv(0x30, VERSION_0, tlv(0x30, RSA_ENCRYPTION, NULL), tlv(0x04, pkcs1));
    }

    /** PKCS#8 PrivateKeyInfo around a SEC1 ECPrivateKey, with the curve taken from its [0] parameters. */
    static byte[] pkcs8FromSec1(byte[] sec1) {
        byte[] curve = curveOid(sec1);
        return tlv(0x30, VERSION_0, tlv(0x30, EC_PUBLIC_KEY, curve), tlv(0x04, sec1));
    }

    /** The encoded curve OID in the [0] field of a SEC1 ECPrivateKey. */
    static byte[] curveOid(byte[] sec1) {
        int[] seq = header(sec1, 0);
        int p = seq[0];
        int end = seq[0] + seq[1];
        while (p < end) {
            int tag = sec1[p] & 0xff;
            int[] h = header(sec1, p);
            if (tag == 0xa0) {
                int[] oid = header(sec1, h[0]);
                int from = h[0];
                int to = oid[0] + oid[1];
                byte[] out = new byte[to - from];
                System.arraycopy(sec1, from, out, 0, out.length);
                return out;
            }
            p = h[0] + h[1];
        }
        throw new IllegalArgumentException("EC private key without curve parameters");
    }

    /** {content offset, content length} of the element at {@code p}. */
    private static int[] header(byte[] b, int p) {
        int len = b[p + 1] & 0xff;
        int off = p + 2;
        if (len >= 0x80) {
            int k = len & 0x7f;
            len = 0;
            for (int i = 0; i < k; i++) {
                len = (len << 8) | (b[off++] & 0xff);
            }
        }
        if (off + len > b.length) {
            throw new IllegalArgumentException("truncated DER");
        }
        return new int[] {off, len};
    }
}
