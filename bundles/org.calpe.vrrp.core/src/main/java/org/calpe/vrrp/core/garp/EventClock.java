package org.calpe.vrrp.core.garp;

/**
 * The time source and timer wheel the announcement scheduler runs on. The runtime adapts its single VRRP
 * event loop to it; tests use virtual time. All calls into {@link AnnouncementScheduler} and all timer tasks
 * must run on that one loop thread (keepalived's model: one thread, no locks).
 */
public interface EventClock {

    /** Monotonic time in nanoseconds. */
    long nanoTime();

    /**
     * Runs {@code task} on the event loop once {@link #nanoTime()} has reached {@code deadlineNanos}. Tasks
     * with the same deadline run in the order they were scheduled.
     */
    Timer schedule(long deadlineNanos, Runnable task);

    /**
     * Runs {@code task} on the event loop now, after whatever else is due; the loop may also put it after work
     * that cannot wait (takeovers about to happen). By default the same as {@code schedule(nanoTime(), task)}.
     */
    default Timer soon(Runnable task) {
        return schedule(nanoTime(), task);
    }

    /** A scheduled task. */
    interface Timer {
        /** Stops the task if it has not run yet; idempotent. */
        void cancel();
    }
}
