package org.calpe.vrrp.core.runtime;

import java.util.concurrent.TimeUnit;

import org.calpe.vrrp.core.garp.EventClock;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The announcement scheduler's {@link EventClock} on the runtime's event loop; {@link #soon} goes through the
 * runtime's {@link Afterwards} (in order with the reports, after takeovers that are near) when it has one.
 */
final class LoopClock implements EventClock {
    private final EventExecutor loop;
    private final Afterwards afterwards;

    LoopClock(EventExecutor loop) {
        this(loop, null);
    }

    LoopClock(EventExecutor loop, Afterwards afterwards) {
        this.loop = loop;
        this.afterwards = afterwards;
    }

    @Override
    public Timer soon(Runnable task) {
        if (afterwards == null) {
            return schedule(System.nanoTime(), task);
        }
        Soon s = new Soon(task);
        afterwards.add(s);
        return s;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Timer schedule(long deadlineNanos, Runnable task) {
        ScheduledFuture<?> f = loop.schedule(task, Math.max(0, deadlineNanos - System.nanoTime()),
                TimeUnit.NANOSECONDS);
        return new Cancel(f);
    }

    /** The classes a first takeover's announcements would otherwise load (for {@link TakeoverWarmup}). */
    static final Class<?>[] TAKEOVER_CLASSES = {Soon.class, Cancel.class};

    /** A task in {@link Afterwards}' queue; cancelled, it does nothing when its turn comes. */
    private static final class Soon implements Timer, Runnable {
        private final Runnable task;
        private boolean cancelled;

        Soon(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            if (!cancelled) {
                task.run();
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    /** A class, not a lambda: the first one is made at a takeover, when linking a lambda would delay it. */
    private static final class Cancel implements Timer {
        private final ScheduledFuture<?> future;

        Cancel(ScheduledFuture<?> future) {
            this.future = future;
        }

        @Override
        public void cancel() {
            future.cancel(false);
        }
    }
}
