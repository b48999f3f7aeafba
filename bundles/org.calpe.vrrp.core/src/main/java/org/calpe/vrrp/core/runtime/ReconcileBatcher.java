package org.calpe.vrrp.core.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Coalesces configuration changes into one reconcile: Config Admin delivers a configuration of N instances as N
 * separate updates, and reconciling after each one started the instances one by one (each with its own
 * Master_Down timer start, and N resolutions of the whole set). A change is applied on the loop at once; the
 * reconcile runs when no further change came for {@code quietNanos}, at the latest {@code maxNanos} after the first
 * change of the burst. The future of each change completes when the reconcile that includes it has run.
 */
final class ReconcileBatcher {
    private final EventExecutor loop;
    private final Runnable reconcile;
    private long quietNanos;
    private long maxNanos;
    private final List<Promise<Object>> pending = new ArrayList<>();
    private long firstNanos;
    private ScheduledFuture<?> timer;

    ReconcileBatcher(EventExecutor loop, Runnable reconcile, long quietNanos, long maxNanos) {
        this.loop = loop;
        this.reconcile = reconcile;
        this.quietNanos = quietNanos;
        this.maxNanos = maxNanos;
    }

    /**
     * From now on every change is reconciled as soon as the loop gets to it (changes already queued still share
     * it): a hand-over is resumed, and the old engine's masters bridge only until then. On the loop.
     */
    void noDelay() {
        quietNanos = 0;
        maxNanos = 0;
    }

    /** Applies {@code change} on the loop and reconciles with the burst it belongs to. */
    Future<?> submit(Runnable change) {
        Promise<Object> done = loop.newPromise();
        try {
            loop.execute(() -> {
                try {
                    change.run();
                } catch (RuntimeException e) {
                    done.setFailure(e);
                    return;
                }
                pending.add(done);
                arm();
            });
        } catch (RejectedExecutionException e) {
            return loop.newFailedFuture(e);
        }
        return done;
    }

    private void arm() {
        long now = System.nanoTime();
        if (timer == null) {
            firstNanos = now;
        } else {
            timer.cancel(false);
        }
        long at = Math.min(now + quietNanos, firstNanos + maxNanos);
        timer = loop.schedule(this::fire, Math.max(0, at - now), TimeUnit.NANOSECONDS);
    }

    private void fire() {
        timer = null;
        List<Promise<Object>> done = new ArrayList<>(pending);
        pending.clear();
        try {
            reconcile.run();
            done.forEach(p -> p.trySuccess(null));
        } catch (RuntimeException e) {
            done.forEach(p -> p.tryFailure(e));
        }
    }
}
