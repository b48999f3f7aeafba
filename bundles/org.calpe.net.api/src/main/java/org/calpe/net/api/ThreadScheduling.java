package org.calpe.net.api;

import java.io.IOException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The kernel's scheduling class of the calling thread, for the threads whose wake-up latency is the product:
 * VRRP's protocol loop and its receive threads (keepalived's {@code vrrp_rt_priority} and {@code vrrp_priority}).
 * Threads the calling thread starts afterwards inherit what is set here (Linux threads inherit the policy).
 */
@ProviderType
public interface ThreadScheduling {

    /**
     * Puts the calling thread into the round-robin real-time class ({@code SCHED_RR}) with {@code priority}.
     *
     * @param priority 1 (lowest) to 99
     * @throws IOException if the kernel refuses (no privilege, or a real-time limit)
     */
    void realtime(int priority) throws IOException;

    /**
     * Leaves the real-time class ({@code SCHED_OTHER}) and sets the calling thread's nice value.
     *
     * @param nice -20 (most favoured) to 19
     * @throws IOException if the kernel refuses (a negative value needs privilege)
     */
    void nice(int nice) throws IOException;
}
