package org.calpe.vrrp.core.codec;

import java.net.InetAddress;

import org.calpe.vrrp.api.AuthParameters;
import org.calpe.vrrp.api.AuthSequence;
import org.calpe.vrrp.api.VrrpAuthenticator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Encodes VRRP adverts (RFC 3768 §5, RFC 5798 §5) the way keepalived 2.2 builds them, computing the VRRP
 * checksum (§5.3.8 / §5.2.8) and, for IPv4, the whole IP header keepalived sends with IP_HDRINCL: version 4,
 * IHL 5, TOS 0xc0, no fragmentation flags, TTL 255, protocol 112 (51 with AH), and the header checksum the
 * kernel would fill in. Stateless and thread-safe.
 */
public final class VrrpEncoder {

    /**
     * Writes the VRRP message with its checksum to {@code out}.
     *
     * @param source the IP source (pseudo-header of VRRPv3; ignored for VRRPv2)
     * @param checksumDestination the destination in the VRRPv3 pseudo-header: the IP destination, or the
     *        group 224.0.0.18 for {@link ChecksumCompat#groupInPseudoHeader()}; ignored for VRRPv2
     * @return the checksum written
     */
    public int writePacket(VrrpPacket p, InetAddress source, InetAddress checksumDestination, ByteBuf out) {
        int start = out.writerIndex();
        out.writeByte(p.version().number() << 4 | p.type().code());
        out.writeByte(p.vrid());
        out.writeByte(p.priority());
        out.writeByte(p.count());
        if (p.version() == VrrpVersion.V2) {
            out.writeByte(p.authType().code());
            out.writeByte(p.advertInterval());
        } else {
            out.writeShort(p.advertInterval());
        }
        int checksumIndex = out.writerIndex();
        out.writeShort(0);
        for (InetAddress a : p.addresses()) {
            out.writeBytes(a.getAddress());
        }
        if (p.version() == VrrpVersion.V2) {
            out.writeBytes(p.authData());
        }
        int length = out.writerIndex() - start;
        int checksum = p.version() == VrrpVersion.V2
                ? VrrpChecksum.sum(out, start, length, VrrpVersion.V2, null, null)
                : VrrpChecksum.sum(out, start, length, VrrpVersion.V3, source.getAddress(),
                        checksumDestination.getAddress());
        out.setShort(checksumIndex, checksum);
        return checksum;
    }

    /** The VRRP message alone, as an IPv6 raw socket sends it (the kernel builds the IPv6 header). */
    public ByteBuf encodeIpv6Payload(VrrpDatagram d) {
        ByteBuf out = Unpooled.buffer(d.packet().length());
        writePacket(d.packet(), d.source(), d.destination(), out);
        return out;
    }

    /**
     * A whole IPv4 datagram as keepalived hands it to the kernel (and as it appears on the wire). With an AH
     * header, the header's fields are written as given (ICV included); use
     * {@link #encodeIpv4(VrrpDatagram, InetAddress, VrrpAuthenticator, AuthParameters, AuthSequence, boolean)}
     * to have an authenticator fill them in.
     *
     * @param checksumDestination the VRRPv3 pseudo-header destination (see {@link #writePacket})
     */
    public byte[] encodeIpv4(VrrpDatagram d, InetAddress checksumDestination) {
        if (d.family() != IpFamily.IPV4) {
            throw new IllegalArgumentException("not an IPv4 datagram");
        }
        int ahLength = d.ah() != null ? VrrpConstants.AH_HEADER_LENGTH : 0;
        int total = VrrpConstants.IPV4_HEADER_LENGTH + ahLength + d.packet().length();
        byte[] bytes = new byte[total];
        ByteBuf out = Unpooled.wrappedBuffer(bytes).writerIndex(0);
        out.writeByte(0x45);
        out.writeByte(d.tos());
        out.writeShort(total);
        out.writeShort(d.id());
        out.writeShort(0);
        out.writeByte(d.ttl());
        out.writeByte(ahLength != 0 ? VrrpConstants.IPPROTO_AH : VrrpConstants.IPPROTO_VRRP);
        out.writeShort(0);
        out.writeBytes(d.source().getAddress());
        out.writeBytes(d.destination().getAddress());
        if (d.ah() != null) {
            AhHeader ah = d.ah();
            out.writeByte(ah.nextHeader());
            out.writeByte(ah.payloadLength());
            out.writeShort(ah.reserved());
            out.writeInt((int) ah.spi());
            out.writeInt((int) ah.sequence());
            out.writeBytes(ah.icv());
        }
        writePacket(d.packet(), d.source(), checksumDestination, out);
        out.setShort(10, VrrpChecksum.ipv4Header(out, 0, VrrpConstants.IPV4_HEADER_LENGTH));
        return bytes;
    }

    /**
     * A whole IPv4 datagram authenticated by {@code authenticator}: room for its header is reserved (the AH
     * fields start zeroed, the IP protocol is its {@link VrrpAuthenticator#ipProtocol()}), everything else
     * is final, then the authenticator signs in place. The IP header checksum is filled in last, as the
     * kernel does.
     *
     * @return the datagram and the sequence numbers to keep
     */
    public Signed encodeIpv4(VrrpDatagram d, InetAddress checksumDestination, VrrpAuthenticator authenticator,
            AuthParameters parameters, AuthSequence sequence, boolean newAdvert) {
        VrrpDatagram unsigned = authenticator.headerLength() == 0 ? d.withAh(null)
                : d.withAh(new AhHeader(0, 0, 0, 0, 0, new byte[VrrpConstants.AH_ICV_LENGTH]));
        if (authenticator.headerLength() != 0 && authenticator.headerLength() != VrrpConstants.AH_HEADER_LENGTH) {
            throw new IllegalArgumentException("unsupported authentication header length " + authenticator.headerLength());
        }
        byte[] bytes = encodeIpv4(unsigned, checksumDestination);
        bytes[9] = (byte) authenticator.ipProtocol();
        bytes[10] = 0;
        bytes[11] = 0;
        AuthSequence next = authenticator.sign(bytes, bytes.length, parameters, sequence, newAdvert);
        ByteBuf view = Unpooled.wrappedBuffer(bytes);
        view.setShort(10, VrrpChecksum.ipv4Header(view, 0, VrrpConstants.IPV4_HEADER_LENGTH));
        return new Signed(bytes, next);
    }

    /**
     * A whole IPv6 datagram (fixed header with the datagram's traffic class, flow label and hop limit), as a
     * packet capture shows it; the raw socket path sends {@link #encodeIpv6Payload} instead.
     */
    public byte[] encodeIpv6(VrrpDatagram d) {
        if (d.family() != IpFamily.IPV6) {
            throw new IllegalArgumentException("not an IPv6 datagram");
        }
        int payload = d.packet().length();
        byte[] bytes = new byte[VrrpConstants.IPV6_HEADER_LENGTH + payload];
        ByteBuf out = Unpooled.wrappedBuffer(bytes).writerIndex(0);
        out.writeInt(6 << 28 | d.tos() << 20 | d.flowLabel());
        out.writeShort(payload);
        out.writeByte(VrrpConstants.IPPROTO_VRRP);
        out.writeByte(d.ttl());
        out.writeBytes(d.source().getAddress());
        out.writeBytes(d.destination().getAddress());
        writePacket(d.packet(), d.source(), d.destination(), out);
        return bytes;
    }

    /**
     * A signed datagram and the authentication state after it.
     *
     * @param datagram the bytes to send
     * @param sequence the sequence numbers to keep
     */
    public record Signed(byte[] datagram, AuthSequence sequence) {
    }
}
