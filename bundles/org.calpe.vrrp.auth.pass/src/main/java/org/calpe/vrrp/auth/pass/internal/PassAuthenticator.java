package org.calpe.vrrp.auth.pass.internal;

import org.calpe.vrrp.api.AuthParameters;
import org.calpe.vrrp.api.AuthSequence;
import org.calpe.vrrp.api.AuthVerdict;
import org.calpe.vrrp.api.VrrpAuthType;
import org.calpe.vrrp.api.VrrpAuthenticator;
import org.osgi.service.component.annotations.Component;

/**
 * VRRPv2 simple text password authentication (RFC 2338 §5.3.6.1 and §10.2, keepalived's {@code auth_type PASS}).
 * <p>
 * The password travels in clear in the advert's 8-byte authentication-data field: {@code auth_pass} cut to 8
 * bytes and zero padded ({@link AuthParameters#key()}). The VRRPv2 checksum covers that field, so the engine
 * writes it before computing the checksum and {@link #sign} only checks that it is there. Like keepalived,
 * {@link #verify} reads the field as the last 8 bytes of the IP datagram as its header's Total Length gives it
 * ({@code ip + tot_len - 8}), compares it in constant time and rejects with keepalived's phrase
 * {@code received an invalid passwd!}.
 * <p>
 * Stateless and thread-safe; the sequence numbers are never touched.
 */
@Component(service = VrrpAuthenticator.class, property = VrrpAuthenticator.AUTH_TYPE + "=PASS")
public final class PassAuthenticator implements VrrpAuthenticator {

    /** keepalived's log phrase for a wrong password, without its {@code (VI_1) } prefix. */
    static final String INVALID_PASSWD = "received an invalid passwd!";

    private static final int IPPROTO_VRRP = 112;
    private static final int IPV4_MIN_HEADER = 20;
    private static final int VRRP_V2_MIN = 8 + AuthParameters.KEY_LENGTH;

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
        return IPPROTO_VRRP;
    }

    /**
     * Nothing to add: checks that the engine put the key into the authentication data, since a mistake there would
     * make every backup drop our adverts.
     *
     * @throws IllegalArgumentException if the datagram is malformed or does not carry the key
     */
    @Override
    public AuthSequence sign(byte[] datagram, int length, AuthParameters parameters, AuthSequence sequence,
            boolean newAdvert) {
        int at = passwordOffset(datagram, length);
        if (at < 0) {
            throw new IllegalArgumentException("not an IPv4 VRRPv2 datagram of " + length + " bytes");
        }
        if (!constantTimeEquals(datagram, at, parameters.key())) {
            throw new IllegalArgumentException(parameters.instance()
                    + ": the advert's authentication data is not the auth_pass; the engine must write it before the"
                    + " VRRP checksum");
        }
        return sequence;
    }

    @Override
    public AuthVerdict verify(byte[] datagram, int length, AuthParameters parameters, AuthSequence sequence) {
        int at = passwordOffset(datagram, length);
        if (at < 0) {
            return AuthVerdict.reject(sequence, "datagram too short for a password");
        }
        return constantTimeEquals(datagram, at, parameters.key()) ? AuthVerdict.accept(sequence)
                : AuthVerdict.reject(sequence, INVALID_PASSWD);
    }

    /**
     * Where keepalived reads the password: the 8 bytes before the end given by the IP Total Length; -1 if that is
     * outside the datagram or leaves no room for an IP header and a VRRPv2 header.
     */
    static int passwordOffset(byte[] datagram, int length) {
        if (datagram == null || length < IPV4_MIN_HEADER || length > datagram.length
                || (datagram[0] & 0xf0) != 0x40) {
            return -1;
        }
        int ihl = (datagram[0] & 0x0f) * 4;
        int totalLength = (datagram[2] & 0xff) << 8 | (datagram[3] & 0xff);
        if (ihl < IPV4_MIN_HEADER || totalLength > length || totalLength < ihl + VRRP_V2_MIN) {
            return -1;
        }
        return totalLength - AuthParameters.KEY_LENGTH;
    }

    /** Compares {@code data[at, at + key.length)} with {@code key}, taking the same time wherever they differ. */
    static boolean constantTimeEquals(byte[] data, int at, byte[] key) {
        int diff = 0;
        for (int i = 0; i < key.length; i++) {
            diff |= data[at + i] ^ key[i];
        }
        return diff == 0;
    }
}
