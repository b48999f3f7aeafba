package org.calpe.vrrp.core.runtime;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.calpe.vrrp.core.fsm.Scheduler;
import org.calpe.vrrp.core.fsm.VrrpTimer;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The state machine's {@link Scheduler} on the runtime's event loop. A generation per timer makes an expiry
 * that was replaced or cancelled after it had already been queued a no-op.
 */
final class LoopScheduler implements Scheduler {
    private final EventExecutor loop;
    private final Consumer<VrrpTimer> fire;
    private final Map<VrrpTimer, ScheduledFuture<?>> armed = new EnumMap<>(VrrpTimer.class);
    private final long[] generation = new long[VrrpTimer.values().length];

    LoopScheduler(EventExecutor loop, Consumer<VrrpTimer> fire) {
        this.loop = loop;
        this.fire = fire;
    }

    @Override
    public long nowMicros() {
        return System.nanoTime() / 1000L;
    }

    @Override
    public void schedule(VrrpTimer timer, long delayMicros) {
        cancel(timer);
        long gen = generation[timer.ordinal()];
        armed.put(timer, loop.schedule(() -> {
            if (generation[timer.ordinal()] == gen) {
                armed.remove(timer);
                generation[timer.ordinal()]++;
                fire.accept(timer);
            }
        }, Math.max(0, delayMicros), TimeUnit.MICROSECONDS));
    }

    @Override
    public void cancel(VrrpTimer timer) {
        generation[timer.ordinal()]++;
        ScheduledFuture<?> f = armed.remove(timer);
        if (f != null) {
            f.cancel(false);
        }
    }

    /** Cancels everything (the instance is gone). */
    void cancelAll() {
        for (VrrpTimer t : VrrpTimer.values()) {
            cancel(t);
        }
    }
}
