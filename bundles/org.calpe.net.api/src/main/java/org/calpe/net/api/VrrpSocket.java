package org.calpe.net.api;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An open raw IP socket. Sending never blocks (the socket is non-blocking: a full send buffer is an
 * {@link IOException}); receiving happens on the socket's own thread, which calls the {@link PacketListener}.
 */
@ProviderType
public interface VrrpSocket extends Closeable {

    /** @return the spec the socket was opened with */
    VrrpSocketSpec spec();

    /** @return the index of the bound interface, 0 if unbound */
    int ifindex();

    /**
     * Sends one datagram to {@code destination}. With {@link VrrpSocketSpec#headerIncluded()} the packet starts
     * with the caller's IPv4 header (the kernel fills in a zero id and the checksum and total length);
     * otherwise it is the payload after the IP header.
     *
     * @throws IOException if the kernel refuses it (the message carries errno's text)
     */
    void send(byte[] packet, InetAddress destination) throws IOException;

    /**
     * Hands one round of datagrams to the kernel, which sends them at {@code atNanos} on the clock of
     * {@link System#nanoTime()} ({@code CLOCK_MONOTONIC}), in order, each as {@link #send} would to the destination at
     * the same index — whatever the JVM does at that moment: a collector's pause or a loaded machine does not delay
     * them. What is still pending ends with the socket (closed) and with the process (a killed master stops
     * advertising at once). Since 1.6.
     *
     * @return the round, to withdraw it; null if this socket cannot send later (the caller sends on time itself)
     * @throws IOException if the kernel refuses the round
     */
    default ScheduledSend sendAt(long atNanos, List<byte[]> packets, List<InetAddress> destinations)
            throws IOException {
        return null;
    }

    /** Joins {@code group} on the bound interface, in addition to the spec's group. */
    void joinGroup(InetAddress group) throws IOException;

    /** Leaves {@code group} on the bound interface. */
    void leaveGroup(InetAddress group) throws IOException;

    /**
     * Reads, on the calling thread, the datagrams the kernel already holds for this socket and hands them to the
     * {@link PacketListener} before returning, as the receive thread would have (with their kernel receive times).
     * For a decision that must not overlook what has arrived — a backup's Master_Down timer — when the receive
     * thread may be late (a busy machine, an allocation the collector delays). Nothing happens on a closed socket.
     *
     * @throws IOException if the kernel refuses the read
     */
    default void receivePending() throws IOException {
    }

    /** Stops the receive thread (waiting a bounded time) and closes the socket. Idempotent. */
    @Override
    void close();

    /**
     * Runs the native send path once without sending anything (an invalid descriptor), so that the first real
     * send (a backup's first advert as new master) does not pay for linking and interpreted code.
     */
    default void warmUp() {
    }
}
