package org.calpe.vrrp.core.codec;

import io.netty.buffer.ByteBuf;

/**
 * The VRRP checksum. VRRPv2 (RFC 3768 §5.3.8): the Internet checksum of the whole VRRP message, authentication
 * data included. VRRPv3 (RFC 5798 §5.2.8): the Internet checksum of the VRRP message preceded by the IPv4
 * pseudo-header (RFC 768: source, destination, zero, protocol 112, 16-bit VRRP length) or the IPv6
 * pseudo-header (RFC 8200 §8.1: source, destination, 32-bit length, next header 112).
 * <p>
 * keepalived 2.2 with {@code old_unicast_checksum} (and when it detects a peer doing so) puts the multicast
 * group 224.0.0.18 into the IPv4 pseudo-header of unicast adverts instead of the real destination; callers
 * choose the pseudo-header destination accordingly (see {@link ChecksumCompat}).
 */
public final class VrrpChecksum {
    private VrrpChecksum() {
    }

    /**
     * Sums the VRRP message at {@code buf[index, index + length)}: 0 if its checksum field is right; with the
     * field zeroed, the value to put there.
     *
     * @param source pseudo-header source (VRRPv3 only; may be null for VRRPv2)
     * @param destination pseudo-header destination (VRRPv3 only; may be null for VRRPv2)
     */
    public static int sum(ByteBuf buf, int index, int length, VrrpVersion version, byte[] source,
            byte[] destination) {
        InternetChecksum c = new InternetChecksum();
        if (version == VrrpVersion.V3) {
            c.add(source).add(destination);
            if (source.length == 4) {
                c.add16(VrrpConstants.IPPROTO_VRRP).add16(length);
            } else {
                c.add16(length >>> 16).add16(length).add16(0).add16(VrrpConstants.IPPROTO_VRRP);
            }
        }
        return c.add(buf, index, length).value();
    }

    /** True if the VRRP message at {@code buf[index, index + length)} carries a correct checksum. */
    public static boolean verify(ByteBuf buf, int index, int length, VrrpVersion version, byte[] source,
            byte[] destination) {
        return sum(buf, index, length, version, source, destination) == 0;
    }

    /** The IPv4 header checksum of {@code buf[index, index + headerLength)} (RFC 791). */
    static int ipv4Header(ByteBuf buf, int index, int headerLength) {
        return new InternetChecksum().add(buf, index, headerLength).value();
    }
}
