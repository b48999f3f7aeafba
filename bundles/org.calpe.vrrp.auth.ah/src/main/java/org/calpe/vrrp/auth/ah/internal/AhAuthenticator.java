package org.calpe.vrrp.auth.ah.internal;

import org.calpe.vrrp.api.AuthParameters;
import org.calpe.vrrp.api.AuthSequence;
import org.calpe.vrrp.api.AuthVerdict;
import org.calpe.vrrp.api.VrrpAuthType;
import org.calpe.vrrp.api.VrrpAuthenticator;
import org.osgi.service.component.annotations.Component;

/**
 * VRRPv2 IPsec Authentication Header authentication (RFC 2338 §5.3.6.2 and §10.3, RFC 2402, RFC 2403), as
 * keepalived 2.2.7 does it ({@code auth_type AH}).
 * <p>
 * <b>Sending:</b> the AH between the IP header and the advert carries next header 112 (VRRP), payload length 4,
 * the SPI = the IP source address, keepalived's sequence number ({@link KeepalivedCounter}: 1 for a new
 * instance's first advert, once per advert, not per unicast peer) and the ICV ({@link AhIcv}). The advert's own
 * authentication data stays zero.
 * <p>
 * <b>Receiving</b>, in keepalived's order, each with its log phrase: the ICV first, in constant time (nothing in a
 * datagram whose ICV is wrong can be trusted); then the SPI against the source address; then the sequence number
 * against the counter, which it then raises. A rejected advert leaves the sequence numbers unchanged.
 * <p>
 * Stateless and thread-safe: the engine keeps the {@link AuthSequence} with the instance.
 */
@Component(service = VrrpAuthenticator.class, property = VrrpAuthenticator.AUTH_TYPE + "=AH")
public final class AhAuthenticator implements VrrpAuthenticator {

    static final String INVALID_ICV =
            "IPSEC-AH : invalid IPSEC HMAC-MD5 value. Due to fields mutation or bad password !";

    @Override
    public VrrpAuthType type() {
        return VrrpAuthType.AH;
    }

    @Override
    public int headerLength() {
        return AhLayout.AH_LENGTH;
    }

    @Override
    public int ipProtocol() {
        return AhLayout.IPPROTO_AH;
    }

    /**
     * Writes the whole AH. The IP header must be final first (identification, addresses, TTL, total length): the
     * ICV covers it.
     *
     * @throws IllegalArgumentException if the datagram is too short for an IP header, an AH and an advert
     */
    @Override
    public AuthSequence sign(byte[] datagram, int length, AuthParameters parameters, AuthSequence sequence,
            boolean newAdvert) {
        AhLayout layout = AhLayout.of(datagram, length);
        if (layout == null) {
            throw new IllegalArgumentException("not an IPv4 datagram with room for an AH: " + length + " bytes");
        }
        AuthSequence next = KeepalivedCounter.next(sequence, newAdvert);
        int ah = layout.ah();
        datagram[ah + AhLayout.NEXT_HEADER] = (byte) AhLayout.IPPROTO_VRRP;
        datagram[ah + AhLayout.PAYLOAD_LENGTH] = (byte) AhLayout.AH_PAYLOAD_LENGTH;
        datagram[ah + 2] = 0;
        datagram[ah + 3] = 0;
        System.arraycopy(datagram, AhLayout.IP_SOURCE, datagram, ah + AhLayout.SPI, 4);
        AhLayout.putInt(datagram, ah + AhLayout.SEQUENCE, next.sent());
        byte[] icv = AhIcv.compute(datagram, layout, parameters.key(), parameters.unicast());
        System.arraycopy(icv, 0, datagram, ah + AhLayout.ICV, AhLayout.ICV_LENGTH);
        return next;
    }

    @Override
    public AuthVerdict verify(byte[] datagram, int length, AuthParameters parameters, AuthSequence sequence) {
        AhLayout layout = AhLayout.of(datagram, length);
        if (layout == null) {
            return AuthVerdict.reject(sequence, "datagram too short for an IPSEC AH header");
        }
        int ah = layout.ah();
        int nextHeader = datagram[ah + AhLayout.NEXT_HEADER] & 0xff;
        if (nextHeader != AhLayout.IPPROTO_VRRP) {
            // keepalived ignores such a packet before authenticating it; the engine normally drops it first
            return AuthVerdict.reject(sequence, "AH header for protocol " + nextHeader);
        }
        byte[] icv = AhIcv.compute(datagram, layout, parameters.key(), parameters.unicast());
        if (!constantTimeEquals(icv, datagram, ah + AhLayout.ICV)) {
            return AuthVerdict.reject(sequence, INVALID_ICV);
        }
        if (!sameBytes(datagram, AhLayout.IP_SOURCE, ah + AhLayout.SPI, 4)) {
            return AuthVerdict.reject(sequence, "IPSEC AH : invalid IPSEC SPI value. "
                    + AhLayout.asKeepalivedPrintsIt(datagram, AhLayout.IP_SOURCE) + " and expect "
                    + AhLayout.asKeepalivedPrintsIt(datagram, ah + AhLayout.SPI));
        }
        long number = AhLayout.getInt(datagram, ah + AhLayout.SEQUENCE);
        if (!KeepalivedCounter.fresh(sequence, number)) {
            return AuthVerdict.reject(sequence, "IPSEC-AH : sequence number " + number
                    + " already processed. Packet dropped. Local(" + KeepalivedCounter.value(sequence) + ")");
        }
        return AuthVerdict.accept(KeepalivedCounter.accept(sequence, number));
    }

    private static boolean constantTimeEquals(byte[] expected, byte[] data, int at) {
        int diff = 0;
        for (int i = 0; i < expected.length; i++) {
            diff |= expected[i] ^ data[at + i];
        }
        return diff == 0;
    }

    private static boolean sameBytes(byte[] d, int a, int b, int n) {
        for (int i = 0; i < n; i++) {
            if (d[a + i] != d[b + i]) {
                return false;
            }
        }
        return true;
    }
}
