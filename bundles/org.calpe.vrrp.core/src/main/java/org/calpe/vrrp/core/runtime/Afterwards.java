package org.calpe.vrrp.core.runtime;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * What a state change reports — its log lines, Event Admin events, notify scripts and FIFO lines — carried out on
 * the loop after the work that is already due there, in the order it was reported. A takeover's advert, addresses
 * and first gratuitous ARP go first; when many backups take over at once (their Master_Down timers expire
 * together), every instance's announcement is made before the reports of any, instead of each takeover waiting for
 * the log writes and events of all earlier ones. On its own, a report follows its change within microseconds.
 * <p>
 * The queue is run in slices of {@value #SLICE_NANOS} ns, each scheduled for "now": the loop runs every task
 * that fell due before it first. {@link #flush()} runs what is left before the runtime stops or hands over (the
 * loop's scheduled tasks do not outlive it).
 * <p>
 * While a backup's takeover is near ({@link #hold()}: its Master_Down timer expires within
 * {@link LoopScheduler#PREPARE_NANOS}) the queue waits, so that backups whose timers expire one after another (a
 * mass takeover: their master's adverts went out together) each announce themselves before any report runs — a
 * report's log write or event costs as much loop time as an announcement. It waits at most
 * {@value #MOST_HELD_NANOS} ns from when it first found itself held; then it runs as usual until it is empty. A
 * single takeover releases it as soon as its first gratuitous ARP is out. The announcement scheduler's later passes
 * of a burst come here too ({@link LoopClock#soon}). Used on the loop only.
 */
final class Afterwards {
    /** How long one slice may run before it lets due timers go first. */
    static final long SLICE_NANOS = 200_000;
    /** The longest the queue waits for takeovers that are near. */
    static final long MOST_HELD_NANOS = 100_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger("org.calpe.vrrp");

    private final EventExecutor loop;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final Runnable slice = this::slice;
    private boolean scheduled;
    /** Backups whose takeover is near ({@link #hold()}). */
    private int near;
    /** When a slice first found the queue held, 0 if it is not waiting. */
    private long heldSince;
    /** The slice scheduled for when holding must end, if one is. */
    private ScheduledFuture<?> heldSlice;

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

    /** A backup's takeover is near: the queue waits until it is done (or {@value #MOST_HELD_NANOS} ns). */
    void hold() {
        near++;
    }

    /** The takeover {@link #hold()} announced is done (or will not happen); the last one lets the queue run. */
    void release() {
        if (near > 0 && --near == 0 && heldSlice != null) {
            heldSlice.cancel(false);
            heldSlice = null;
            loop.schedule(slice, 0, TimeUnit.NANOSECONDS); // still "scheduled"
        }
    }

    /** @return the takeovers near now (for tests) */
    int near() {
        return near;
    }

    /** Runs every queued report now (before a stop or a hand-over, so that none is lost). */
    void flush() {
        run(Long.MAX_VALUE);
        heldSince = 0;
        if (heldSlice != null) { // nothing left to wait for
            heldSlice.cancel(false);
            heldSlice = null;
            scheduled = false;
        }
    }

    /** @return the reports waiting (for tests) */
    int pending() {
        return queue.size();
    }

    private void slice() {
        heldSlice = null;
        if (near > 0 && !queue.isEmpty() && !loop.isShuttingDown()) {
            long now = System.nanoTime();
            if (heldSince == 0) {
                heldSince = now;
            }
            long left = heldSince + MOST_HELD_NANOS - now;
            if (left > 0) {
                heldSlice = loop.schedule(slice, left, TimeUnit.NANOSECONDS);
                return;
            }
        }
        scheduled = false;
        run(System.nanoTime() + SLICE_NANOS);
        if (queue.isEmpty()) {
            heldSince = 0;
        }
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
