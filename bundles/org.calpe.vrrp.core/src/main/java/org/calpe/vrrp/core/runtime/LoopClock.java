package org.calpe.vrrp.core.runtime;

import java.util.concurrent.TimeUnit;

import org.calpe.vrrp.core.garp.EventClock;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

/** The announcement scheduler's {@link EventClock} on the runtime's event loop. */
final class LoopClock implements EventClock {
    private final EventExecutor loop;

    LoopClock(EventExecutor loop) {
        this.loop = loop;
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
