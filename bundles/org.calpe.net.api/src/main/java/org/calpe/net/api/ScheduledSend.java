package org.calpe.net.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One round of datagrams handed to the kernel to send later ({@link VrrpSocket#sendAt}). Since 1.6.
 */
@ProviderType
public interface ScheduledSend {

    /**
     * Withdraws the round if its time has not come yet.
     *
     * @return true if none of it will be sent
     */
    boolean cancel();

    /** @return whether the round is over: sent, failed or withdrawn */
    boolean done();

    /** @return what the kernel answered when a datagram of the round could not be sent; empty if none did */
    Optional<String> failure();
}
