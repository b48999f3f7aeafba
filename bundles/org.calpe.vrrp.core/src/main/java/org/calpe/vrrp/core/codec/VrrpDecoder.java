package org.calpe.vrrp.core.codec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.calpe.vrrp.api.VrrpAuthType;

import io.netty.buffer.ByteBuf;

/**
 * Decodes received VRRP datagrams (RFC 3768 §5 and RFC 5798 §5) into {@link VrrpDatagram}s. Checks structure
 * only — enough headers, lengths consistent with the header, known version, type and auth type — and says
 * which {@link DropReason} a malformed datagram counts as; the checks against an instance's configuration, in
 * keepalived's order, are {@link VrrpReceiveCheck}'s. Checksums are not verified here.
 * <p>
 * Stateless and thread-safe. Reads the readable bytes of the buffer without moving its indexes and without
 * releasing it (the caller owns it).
 */
public final class VrrpDecoder {

    /**
     * Decodes an IPv4 datagram as an IPv4 raw socket delivers it: IP header, optional AH, VRRP message.
     *
     * @throws VrrpCodecException if it is malformed
     */
    public VrrpDatagram decodeIpv4(ByteBuf buf) {
        VrrpFrame f = VrrpFrame.locate(IpFamily.IPV4, buf);
        checkLengths(f);
        if (f.ipv4TotalLength() != f.length()) {
            throw new VrrpCodecException(DropReason.IP_LENGTH,
                    "ip_tot_len mismatch against received length. " + f.ipv4TotalLength() + " and received "
                            + f.length());
        }
        int s = f.start();
        AhHeader ah = null;
        if (f.hasAh()) {
            int a = s + f.ipHeaderLength();
            if (f.ahNextHeader() != VrrpConstants.IPPROTO_VRRP) {
                throw new VrrpCodecException(DropReason.AH_NEXT_HEADER, "AH header for protocol " + f.ahNextHeader());
            }
            ah = new AhHeader(buf.getUnsignedByte(a), buf.getUnsignedByte(a + 1), buf.getUnsignedShort(a + 2),
                    buf.getUnsignedInt(a + 4), buf.getUnsignedInt(a + 8), f.bytes(a + 12, VrrpConstants.AH_ICV_LENGTH));
        }
        VrrpPacket p = packet(f);
        return new VrrpDatagram(address(f.ipv4Source()), address(f.ipv4Destination()), f.ipv4Ttl(),
                buf.getUnsignedShort(s + 4), buf.getUnsignedByte(s + 1), 0, ah, p);
    }

    /**
     * Decodes the VRRP message an IPv6 raw socket delivers (no IP header); the IP-level facts come from the
     * socket's source address and ancillary data.
     *
     * @param hopLimit the received hop limit (IPV6_HOPLIMIT), or -1 if unknown
     * @throws VrrpCodecException if it is malformed
     */
    public VrrpDatagram decodeIpv6(ByteBuf payload, InetAddress source, InetAddress destination, int hopLimit) {
        VrrpFrame f = VrrpFrame.locate(IpFamily.IPV6, payload);
        checkLengths(f);
        return new VrrpDatagram(source, destination, Math.max(hopLimit, 0), 0, 0, 0, null, packet(f));
    }

    /**
     * Decodes a whole IPv6 datagram (fixed header, next header VRRP, no extension headers), as a packet
     * capture or a packet socket sees it.
     *
     * @throws VrrpCodecException if it is malformed
     */
    public VrrpDatagram decodeIpv6Datagram(ByteBuf buf) {
        int s = buf.readerIndex();
        int length = buf.readableBytes();
        if (length < VrrpConstants.IPV6_HEADER_LENGTH + VrrpConstants.VRRP_HEADER_LENGTH) {
            throw new VrrpCodecException(DropReason.TOO_SHORT, "IPv6 VRRP packet too short - " + length + " bytes");
        }
        long first = buf.getUnsignedInt(s);
        int payloadLength = buf.getUnsignedShort(s + 4);
        if (first >>> 28 != 6 || buf.getUnsignedByte(s + 6) != VrrpConstants.IPPROTO_VRRP) {
            throw new VrrpCodecException(DropReason.TOO_SHORT, "not an IPv6 VRRP datagram");
        }
        if (payloadLength != length - VrrpConstants.IPV6_HEADER_LENGTH) {
            throw new VrrpCodecException(DropReason.IP_LENGTH, "IPv6 payload length " + payloadLength
                    + " and received " + (length - VrrpConstants.IPV6_HEADER_LENGTH));
        }
        byte[] src = new byte[16];
        byte[] dst = new byte[16];
        buf.getBytes(s + 8, src);
        buf.getBytes(s + 24, dst);
        VrrpDatagram d = decodeIpv6(buf.slice(s + VrrpConstants.IPV6_HEADER_LENGTH, payloadLength), address(src),
                address(dst), buf.getUnsignedByte(s + 7));
        return new VrrpDatagram(d.source(), d.destination(), d.ttl(), 0, (int) (first >>> 20) & 0xff,
                (int) first & 0xfffff, null, d.packet());
    }

    private static void checkLengths(VrrpFrame f) {
        int expected = f.expectedLength();
        if (f.length() != expected) {
            throw new VrrpCodecException(DropReason.PACKET_LENGTH, "vrrp packet too "
                    + (f.length() > expected ? "long" : "short") + ", length " + f.length() + " and expect " + expected);
        }
    }

    /** The VRRP message of a frame whose lengths are consistent. */
    static VrrpPacket packet(VrrpFrame f) {
        VrrpVersion version = VrrpVersion.of(f.version());
        VrrpType type = VrrpType.of(f.type());
        ByteBuf buf = f.buf();
        int at = f.vrrpIndex() + VrrpConstants.VRRP_HEADER_LENGTH;
        int alen = f.family().addressLength();
        List<InetAddress> addresses = new ArrayList<>(f.count());
        for (int i = 0; i < f.count(); i++, at += alen) {
            addresses.add(address(f.bytes(at, alen)));
        }
        if (version == VrrpVersion.V2 && f.family() == IpFamily.IPV4) {
            VrrpAuthType auth;
            try {
                auth = VrrpAuthType.ofCode(f.authType());
            } catch (IllegalArgumentException e) {
                throw new VrrpCodecException(DropReason.INVALID_AUTH_TYPE, "Invalid auth type: " + f.authType());
            }
            return new VrrpPacket(version, type, f.family(), f.vrid(), f.priority(), auth, f.v2AdvertInterval(),
                    f.checksum(), addresses, f.bytes(at, VrrpConstants.AUTH_DATA_LENGTH));
        }
        if (version == VrrpVersion.V2) {
            throw new VrrpCodecException(DropReason.VERSION, "VRRPv2 is not used with IPv6");
        }
        return new VrrpPacket(version, type, f.family(), f.vrid(), f.priority(), VrrpAuthType.NONE,
                f.v3AdvertInterval(), f.checksum(), addresses, new byte[0]);
    }

    static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of " + bytes.length + " bytes", e);
        }
    }
}
