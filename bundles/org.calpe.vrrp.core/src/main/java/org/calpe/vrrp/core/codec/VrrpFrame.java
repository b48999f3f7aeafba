package org.calpe.vrrp.core.codec;

import io.netty.buffer.ByteBuf;

/**
 * Where things are in a received datagram, found without trusting anything beyond the fixed headers: the
 * IPv4 header (IPv6 sockets deliver no IP header), an optional AH header, and the fixed 8-byte VRRP header.
 * Reads fields at absolute indexes; never moves the buffer's indexes.
 *
 * @param buf the datagram
 * @param family IPv4 (the buffer starts with the IP header) or IPv6 (it starts with the VRRP header)
 * @param start the index of the first byte
 * @param length the datagram's length (what recvmsg returned)
 * @param ipHeaderLength IHL × 4 for IPv4, 0 for IPv6
 * @param ahLength 24 when the IPv4 protocol is AH, else 0
 */
public record VrrpFrame(ByteBuf buf, IpFamily family, int start, int length, int ipHeaderLength, int ahLength) {

    /**
     * Locates the headers of the readable bytes of {@code buf} (keepalived's {@code vrrp_get_header}).
     *
     * @throws VrrpCodecException {@link DropReason#TOO_SHORT} if the fixed headers are not all there
     */
    public static VrrpFrame locate(IpFamily family, ByteBuf buf) {
        int start = buf.readerIndex();
        int length = buf.readableBytes();
        if (family == IpFamily.IPV6) {
            if (length < VrrpConstants.VRRP_HEADER_LENGTH) {
                throw new VrrpCodecException(DropReason.TOO_SHORT, "IPv6 VRRP packet too short - " + length + " bytes");
            }
            return new VrrpFrame(buf, family, start, length, 0, 0);
        }
        if (length < VrrpConstants.IPV4_HEADER_LENGTH) {
            throw new VrrpCodecException(DropReason.TOO_SHORT, "IPv4 VRRP packet too short - " + length + " bytes");
        }
        int ihl = (buf.getUnsignedByte(start) & 0x0f) * 4;
        if (ihl < VrrpConstants.IPV4_HEADER_LENGTH || length < ihl + VrrpConstants.VRRP_HEADER_LENGTH) {
            throw new VrrpCodecException(DropReason.TOO_SHORT, "IPv4 VRRP packet too short - " + length + " bytes");
        }
        int ah = 0;
        if (buf.getUnsignedByte(start + 9) == VrrpConstants.IPPROTO_AH) {
            ah = VrrpConstants.AH_HEADER_LENGTH;
            if (length < ihl + ah + VrrpConstants.VRRP_HEADER_LENGTH) {
                throw new VrrpCodecException(DropReason.TOO_SHORT,
                        "IPv4 VRRP packet with AH too short - " + length + " bytes");
            }
        }
        return new VrrpFrame(buf, family, start, length, ihl, ah);
    }

    /** Index of the VRRP header. */
    public int vrrpIndex() {
        return start + ipHeaderLength + ahLength;
    }

    /** Bytes from the VRRP header to the end. */
    public int vrrpLength() {
        return length - ipHeaderLength - ahLength;
    }

    public boolean hasAh() {
        return ahLength != 0;
    }

    /** The Version nibble. */
    public int version() {
        return buf.getUnsignedByte(vrrpIndex()) >>> 4;
    }

    /** The Type nibble. */
    public int type() {
        return buf.getUnsignedByte(vrrpIndex()) & 0x0f;
    }

    public int vrid() {
        return buf.getUnsignedByte(vrrpIndex() + 1);
    }

    public int priority() {
        return buf.getUnsignedByte(vrrpIndex() + 2);
    }

    /** Count IPvX Addr. */
    public int count() {
        return buf.getUnsignedByte(vrrpIndex() + 3);
    }

    /** VRRPv2 Auth Type. */
    public int authType() {
        return buf.getUnsignedByte(vrrpIndex() + 4);
    }

    /** VRRPv2 Adver Int (seconds). */
    public int v2AdvertInterval() {
        return buf.getUnsignedByte(vrrpIndex() + 5);
    }

    /** VRRPv3 Max Adver Int (centiseconds; the 4 reserved bits masked off). */
    public int v3AdvertInterval() {
        return buf.getUnsignedShort(vrrpIndex() + 4) & VrrpConstants.V3_MAX_ADVERT_INTERVAL;
    }

    public int checksum() {
        return buf.getUnsignedShort(vrrpIndex() + 6);
    }

    /**
     * The length the header's version and count imply (keepalived's {@code expected_vrrp_pkt_len} plus the IP
     * and AH headers): VRRPv2 over IPv4 carries 8 bytes of authentication data.
     */
    public int expectedLength() {
        int n = VrrpConstants.VRRP_HEADER_LENGTH + count() * family.addressLength();
        if (family == IpFamily.IPV4 && version() == 2) {
            n += VrrpConstants.AUTH_DATA_LENGTH;
        }
        return ipHeaderLength + ahLength + n;
    }

    /** IPv4 TTL, or -1 for IPv6 (it comes with the socket's ancillary data). */
    public int ipv4Ttl() {
        return family == IpFamily.IPV4 ? buf.getUnsignedByte(start + 8) : -1;
    }

    /** IPv4 Total Length. */
    public int ipv4TotalLength() {
        return buf.getUnsignedShort(start + 2);
    }

    /** Copies {@code n} bytes at absolute index {@code index}. */
    public byte[] bytes(int index, int n) {
        byte[] b = new byte[n];
        buf.getBytes(index, b);
        return b;
    }

    /** IPv4 source address bytes. */
    public byte[] ipv4Source() {
        return bytes(start + 12, 4);
    }

    /** IPv4 destination address bytes. */
    public byte[] ipv4Destination() {
        return bytes(start + 16, 4);
    }

    /** The AH Next Header field. */
    public int ahNextHeader() {
        return buf.getUnsignedByte(start + ipHeaderLength);
    }
}
