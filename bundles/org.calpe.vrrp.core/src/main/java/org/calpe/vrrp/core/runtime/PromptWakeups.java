package org.calpe.vrrp.core.runtime;

import java.io.Closeable;
import java.io.IOException;

import org.calpe.net.api.ThreadScheduling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's promise of prompt wake-ups ({@link ThreadScheduling#promptWakeups()}) while any backup's
 * Master_Down timer is about to expire ({@link LoopScheduler}): one request for the runtime, made when the first
 * holder comes and withdrawn when the last goes. A backup that has slept for a second or more wakes from a halted
 * CPU (on a virtual machine, a descheduled virtual one); measured here, holding the request machine-wide took about
 * 0.07 ms off the median takeover after a link loss. If the request cannot be made (no device, no privilege) it is
 * logged once and not tried again. Used on the loop only.
 */
final class PromptWakeups {
    /** Never asks the kernel (and keeps no count: shared by runtimes in tests). */
    static final PromptWakeups NONE = new PromptWakeups(null);
    private static final Logger LOG = LoggerFactory.getLogger("org.calpe.vrrp");

    private final ThreadScheduling scheduling;
    private int holders;
    private Closeable request;
    private boolean unavailable;

    /** @param scheduling where the request goes; null: nowhere */
    PromptWakeups(ThreadScheduling scheduling) {
        this.scheduling = scheduling;
    }

    /** One more holder; the first makes the request. */
    void hold() {
        if (scheduling == null || holders++ > 0 || unavailable) {
            return;
        }
        try {
            request = scheduling.promptWakeups();
        } catch (IOException | RuntimeException e) {
            unavailable = true;
            LOG.info("VRRP takeovers go without prompt wake-ups (PM QoS): {}", e.getMessage());
        }
    }

    /** One holder less; the last withdraws the request. */
    void release() {
        if (scheduling != null && holders > 0 && --holders == 0) {
            withdraw();
        }
    }

    /** Withdraws the request whoever holds it (the runtime stops or hands over: no timer of it will run). */
    void withdrawAll() {
        holders = 0;
        withdraw();
    }

    private void withdraw() {
        if (request == null) {
            return;
        }
        try {
            request.close();
        } catch (IOException e) {
            LOG.debug("withdrawing the PM QoS request: {}", e.getMessage());
        }
        request = null;
    }

    /** @return the holders now (for tests) */
    int holders() {
        return holders;
    }
}
