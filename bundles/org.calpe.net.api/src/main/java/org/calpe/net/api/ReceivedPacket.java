package org.calpe.net.api;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One datagram received on a raw IP socket.
 *
 * <p>For IPv4 {@link #data()} starts with the IP header (as the kernel hands it to raw sockets); for IPv6 it
 * starts with the upper-layer header, and the hop limit comes only from {@link #ttl()}. The array belongs to
 * the receiver and is not reused by the transport.
 *
 * @param data          the packet bytes
 * @param source        the sender's address
 * @param destination   the destination address of the IP header ({@code IP_PKTINFO} / {@code IPV6_PKTINFO})
 * @param ifindex       the index of the interface the packet arrived on
 * @param ttl           the IPv4 TTL or IPv6 hop limit it arrived with, -1 if the kernel did not report it
 * @param receivedNanos when it arrived, on the {@link System#nanoTime()} scale: the kernel's receive time where the
 *                      transport has it, else when the receive thread read it
 */
public record ReceivedPacket(byte[] data, InetAddress source, InetAddress destination, int ifindex, int ttl,
        long receivedNanos) {

    public ReceivedPacket {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(source, "source");
    }

    @Override
    public String toString() {
        return "ReceivedPacket[" + data.length + " bytes from " + source.getHostAddress() + " to "
                + (destination == null ? "?" : destination.getHostAddress()) + " ifindex=" + ifindex
                + " ttl=" + ttl + "]";
    }
}
