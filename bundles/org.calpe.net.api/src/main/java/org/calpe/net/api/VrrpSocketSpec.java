package org.calpe.net.api;

import java.net.InetAddress;
import java.util.Objects;

/**
 * What a raw IP socket for VRRP (protocol 112) or AH (protocol 51) looks like.
 *
 * @param namespace      the network namespace the socket lives in
 * @param family         IPv4 or IPv6
 * @param protocol       the IP protocol: {@link #PROTO_VRRP} or {@link #PROTO_AH}
 * @param interfaceName  the interface the socket is bound to ({@code SO_BINDTODEVICE}); {@code null} for none
 * @param multicastGroup the group to join on that interface ({@code 224.0.0.18}, {@code ff02::12}), or
 *                       {@code null} for unicast only
 * @param bindAddress    the local address to bind to (IPv6 source selection, {@code unicast_src_ip}), or null
 * @param headerIncluded IPv4 only: the caller builds the IP header ({@code IP_HDRINCL}), as keepalived does
 * @param ttl            the TTL / hop limit for unicast and multicast sends (255 for VRRP)
 * @param multicastLoop  whether own multicast sends loop back ({@code IP_MULTICAST_LOOP}); off for VRRP
 */
public record VrrpSocketSpec(NetNamespace namespace, IpFamily family, int protocol, String interfaceName,
        InetAddress multicastGroup, InetAddress bindAddress, boolean headerIncluded, int ttl,
        boolean multicastLoop) {

    public static final int PROTO_VRRP = 112;
    public static final int PROTO_AH = 51;

    public VrrpSocketSpec {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(family, "family");
        if (protocol < 1 || protocol > 255) {
            throw new IllegalArgumentException("protocol " + protocol + " outside [1, 255]");
        }
        if (ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("ttl " + ttl + " outside [1, 255]");
        }
        if (headerIncluded && family != IpFamily.INET) {
            throw new IllegalArgumentException("IP_HDRINCL is IPv4 only");
        }
        if (multicastGroup != null && (IpFamily.of(multicastGroup) != family || !multicastGroup.isMulticastAddress())) {
            throw new IllegalArgumentException("not an " + family + " multicast group: " + multicastGroup);
        }
        if (multicastGroup != null && interfaceName == null) {
            throw new IllegalArgumentException("multicast membership needs an interface");
        }
        if (bindAddress != null && IpFamily.of(bindAddress) != family) {
            throw new IllegalArgumentException("bind address " + bindAddress + " is not " + family);
        }
    }

    /**
     * @return a VRRP socket on {@code interfaceName} joined to the VRRP group of {@code family}
     *         (224.0.0.18 or ff02::12), TTL 255, no loopback, IPv4 header built by the caller
     */
    public static VrrpSocketSpec vrrpMulticast(NetNamespace namespace, IpFamily family, String interfaceName) {
        return new VrrpSocketSpec(namespace, family, PROTO_VRRP, interfaceName, vrrpGroup(family), null,
                family == IpFamily.INET, 255, false);
    }

    /** @return the VRRP multicast group of {@code family} (RFC 5798 section 5.1) */
    public static InetAddress vrrpGroup(IpFamily family) {
        try {
            return InetAddress.getByName(family == IpFamily.INET ? "224.0.0.18" : "ff02::12");
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return this spec with another protocol (for example {@link #PROTO_AH}) */
    public VrrpSocketSpec withProtocol(int newProtocol) {
        return new VrrpSocketSpec(namespace, family, newProtocol, interfaceName, multicastGroup, bindAddress,
                headerIncluded, ttl, multicastLoop);
    }

    /** @return this spec with another local bind address */
    public VrrpSocketSpec withBindAddress(InetAddress address) {
        return new VrrpSocketSpec(namespace, family, protocol, interfaceName, multicastGroup, address,
                headerIncluded, ttl, multicastLoop);
    }

    /** @return this spec with or without a caller-built IPv4 header */
    public VrrpSocketSpec withHeaderIncluded(boolean included) {
        return new VrrpSocketSpec(namespace, family, protocol, interfaceName, multicastGroup, bindAddress,
                included, ttl, multicastLoop);
    }
}
