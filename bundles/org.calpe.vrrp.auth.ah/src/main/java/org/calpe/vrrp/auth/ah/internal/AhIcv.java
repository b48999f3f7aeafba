package org.calpe.vrrp.auth.ah.internal;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Integrity Check Value keepalived puts into and expects in the AH: HMAC-MD5 (RFC 2104) keyed with the 8-byte
 * {@code auth_pass}, truncated to 96 bits (RFC 2403), over the whole datagram with the fields keepalived treats as
 * mutable set to zero (RFC 2402 §3.3.3.1.1.1): the IP TOS, flags and fragment offset, header checksum and the
 * ICV itself, and the TTL too but only on an instance with unicast peers (whose adverts may be routed). The IP
 * identification, total length, addresses and the rest of the AH are covered; IP options are covered as they are.
 */
final class AhIcv {
    private static final String HMAC_MD5 = "HmacMD5";

    private static final int IP_TOS = 1;
    private static final int IP_FRAGMENT = 6;
    private static final int IP_TTL = 8;
    private static final int IP_CHECKSUM = 10;

    private AhIcv() {
    }

    /** The 12-byte ICV of the datagram laid out as {@code layout} says, keyed with {@code key}. */
    static byte[] compute(byte[] datagram, AhLayout layout, byte[] key, boolean unicast) {
        byte[] headers = Arrays.copyOf(datagram, layout.vrrp());
        headers[IP_TOS] = 0;
        headers[IP_FRAGMENT] = 0;
        headers[IP_FRAGMENT + 1] = 0;
        headers[IP_CHECKSUM] = 0;
        headers[IP_CHECKSUM + 1] = 0;
        if (unicast) {
            headers[IP_TTL] = 0;
        }
        Arrays.fill(headers, layout.ah() + AhLayout.ICV, layout.vrrp(), (byte) 0);
        Mac mac = newMac(key);
        mac.update(headers);
        mac.update(datagram, layout.vrrp(), layout.length() - layout.vrrp());
        return Arrays.copyOf(mac.doFinal(), AhLayout.ICV_LENGTH);
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC_MD5);
            mac.init(new SecretKeySpec(key, HMAC_MD5));
            return mac;
        } catch (GeneralSecurityException e) {
            // the JDK's SunJCE provider has HmacMD5; a runtime without it cannot speak keepalived's AH
            throw new IllegalStateException("the JRE has no " + HMAC_MD5, e);
        }
    }
}
