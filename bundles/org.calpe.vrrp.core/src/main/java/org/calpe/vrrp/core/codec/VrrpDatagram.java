package org.calpe.vrrp.core.codec;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A VRRP advert with its IP-level context: what keepalived reads from the IPv4 header it receives (or, for
 * IPv6, from the socket's ancillary data) and writes into the IPv4 header it builds itself.
 *
 * @param source IP source address
 * @param destination IP destination address (the group 224.0.0.18 / ff02::12, or a unicast peer)
 * @param ttl IPv4 TTL / IPv6 hop limit (255 on the wire)
 * @param id IPv4 identification (keepalived counts it up from 1 and never sends 0); 0 for IPv6
 * @param tos IPv4 TOS / IPv6 traffic class (0xc0)
 * @param flowLabel IPv6 flow label (chosen by the kernel); 0 for IPv4
 * @param ah the Authentication Header (IPv4, auth_type AH), or null
 * @param packet the VRRP message
 */
public record VrrpDatagram(InetAddress source, InetAddress destination, int ttl, int id, int tos, int flowLabel,
        AhHeader ah, VrrpPacket packet) {

    public VrrpDatagram {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(packet, "packet");
        if (IpFamily.of(source) != packet.family() || IpFamily.of(destination) != packet.family()) {
            throw new IllegalArgumentException("addresses are not " + packet.family());
        }
        if (ah != null && packet.family() != IpFamily.IPV4) {
            throw new IllegalArgumentException("AH is only used with IPv4");
        }
        if (ttl < 0 || ttl > 255 || id < 0 || id > 0xffff || tos < 0 || tos > 255 || flowLabel < 0
                || flowLabel > 0xfffff) {
            throw new IllegalArgumentException("IP header field out of range");
        }
    }

    /** An IPv4 datagram as keepalived sends it: TTL 255, TOS 0xc0. */
    public static VrrpDatagram ipv4(InetAddress source, InetAddress destination, int id, AhHeader ah,
            VrrpPacket packet) {
        return new VrrpDatagram(source, destination, VrrpConstants.TTL, id, VrrpConstants.IPV4_TOS, 0, ah, packet);
    }

    /** An IPv6 datagram: hop limit 255, traffic class 0xc0. */
    public static VrrpDatagram ipv6(InetAddress source, InetAddress destination, int flowLabel, VrrpPacket packet) {
        return new VrrpDatagram(source, destination, VrrpConstants.TTL, 0, VrrpConstants.IPV6_TRAFFIC_CLASS,
                flowLabel, null, packet);
    }

    public IpFamily family() {
        return packet.family();
    }

    /** The Authentication Header, if there is one. */
    public Optional<AhHeader> ahHeader() {
        return Optional.ofNullable(ah);
    }

    /** The same datagram with another IP identification. */
    public VrrpDatagram withId(int newId) {
        return new VrrpDatagram(source, destination, ttl, newId, tos, flowLabel, ah, packet);
    }

    /** The same datagram with another VRRP message. */
    public VrrpDatagram withPacket(VrrpPacket newPacket) {
        return new VrrpDatagram(source, destination, ttl, id, tos, flowLabel, ah, newPacket);
    }

    /** The same datagram with another (or no) Authentication Header. */
    public VrrpDatagram withAh(AhHeader newAh) {
        return new VrrpDatagram(source, destination, ttl, id, tos, flowLabel, newAh, packet);
    }
}
