package org.calpe.lvs.engine;

import java.time.Instant;

/**
 * The single thread that owns all engine state (keepalived's one event loop): tasks handed in from other threads
 * run on it in order, and timers fire on it when due. Production uses {@link ThreadLoop}; tests drive a manual
 * implementation with virtual time.
 */
public interface EngineLoop {
    /** Runs {@code task} on the loop thread, after the tasks already handed in. Callable from any thread. */
    void execute(Runnable task);

    /**
     * Runs {@code task} on the loop thread like {@link #execute}, but the loop may batch it with other work and run
     * it a little later (check results: {@link ThreadLoop} waits at most twice its slack). Callable from any thread.
     */
    default void executeSoon(Runnable task) {
        execute(task);
    }

    /** (Re)schedules {@code timer} to fire at {@code dueNanos} ({@link #nanoTime()} scale). Loop thread only. */
    void schedule(Timer timer, long dueNanos);

    /** Removes {@code timer} if scheduled. Loop thread only. */
    void cancel(Timer timer);

    /** Monotonic time in nanoseconds. */
    long nanoTime();

    /** Wall-clock time, for events and snapshots. */
    Instant now();
}
