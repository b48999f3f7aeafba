package org.calpe.vrrp.core.codec;

import java.net.InetAddress;

/**
 * What the socket says about a received datagram beyond its bytes. IPv4 raw sockets deliver the IP header,
 * so only IPv6 needs these: the source address, the destination (IPV6_PKTINFO) and the hop limit
 * (IPV6_HOPLIMIT).
 *
 * @param source the sender; null for IPv4 (read from the header)
 * @param destination the destination; null for IPv4
 * @param hopLimit the received hop limit, or -1 if the socket did not say
 */
public record RxMeta(InetAddress source, InetAddress destination, int hopLimit) {

    /** For IPv4: everything is in the header. */
    public static final RxMeta IPV4 = new RxMeta(null, null, -1);

    /** True if the destination is a multicast address. */
    public boolean multicast() {
        return destination != null && destination.isMulticastAddress();
    }
}
