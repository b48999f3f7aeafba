package org.calpe.net.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the datagrams of a {@link VrrpSocket}. Called on the socket's own receive thread, one packet at a
 * time; implementations hand the packet to their own executor and return quickly.
 */
@ConsumerType
@FunctionalInterface
public interface PacketListener {

    /** A datagram arrived. */
    void packetReceived(ReceivedPacket packet);

    /** Receiving failed for good; the socket stops receiving. The default does nothing. */
    default void receiveFailed(Exception cause) {
    }
}
