package org.calpe.vrrp.core.runtime;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.util.concurrent.EventExecutor;

/**
 * What a state change reports — its log lines, Event Admin events, notify scripts and FIFO lines — carried out on
 * the loop after the work that is already due there, in the order it was reported. A takeover's advert, addresses
 * and first gratuitous ARP go first; when many backups take over at once (their Master_Down timers expire
 * together), every instance's announcement is made before the reports of any, instead of each takeover waiting for
 * the log writes and events of all earlier ones. On its own, a report follows its change within microseconds.
 * <p>
 * The queue is run in slices of {@value #SLICE_NANOS} ns, each scheduled for "now": the loop runs every task
 * that fell due before it first. {@link #flush()} runs what is left before the runtime stops or hands over (the
 * loop's scheduled tasks do not outlive it). Used on the loop only.
 */
final class Afterwards {
    /** How long one slice may run before it lets due timers go first. */
    static final long SLICE_NANOS = 200_000;
    private static final Logger LOG = LoggerFactory.getLogger("org.calpe.vrrp");

    private final EventExecutor loop;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final Runnable slice = this::slice;
    private boolean scheduled;

    Afterwards(EventExecutor loop) {
        this.loop = loop;
    }

    /**
     * Queues {@code report}; it runs after what is due on the loop now and after every earlier report. On a loop
     * that is shutting down (whose scheduled tasks will not run) it runs now, after the earlier ones.
     */
    void add(Runnable report) {
        queue.add(report);
        if (loop.isShuttingDown()) {
            flush();
            return;
        }
        if (!scheduled) {
            scheduled = true;
            loop.schedule(slice, 0, TimeUnit.NANOSECONDS);
        }
    }

    /** Runs every queued report now (before a stop or a hand-over, so that none is lost). */
    void flush() {
        run(Long.MAX_VALUE);
    }

    /** @return the reports waiting (for tests) */
    int pending() {
        return queue.size();
    }

    private void slice() {
        scheduled = false;
        run(System.nanoTime() + SLICE_NANOS);
        if (!queue.isEmpty() && !scheduled && !loop.isShuttingDown()) {
            scheduled = true;
            loop.schedule(slice, 0, TimeUnit.NANOSECONDS);
        }
    }

    private void run(long until) {
        Runnable r;
        while ((r = queue.poll()) != null) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.error("reporting a VRRP change failed", e);
            }
            if (until != Long.MAX_VALUE && System.nanoTime() >= until) {
                return;
            }
        }
    }
}
