package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.util.concurrent.DefaultEventExecutor;

class ReconcileBatcherTest {
    private final DefaultEventExecutor loop = new DefaultEventExecutor();

    @AfterEach
    void tearDown() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Test
    void aBurstOfChangesIsOneReconcileAndEveryFutureWaitsForIt() throws Exception {
        List<Integer> applied = new ArrayList<>();
        List<Integer> seenByReconcile = new ArrayList<>();
        AtomicInteger reconciles = new AtomicInteger();
        ReconcileBatcher b = new ReconcileBatcher(loop, () -> {
            reconciles.incrementAndGet();
            seenByReconcile.add(applied.size());
        }, TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.SECONDS.toNanos(5));
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            futures.add(b.submit(() -> applied.add(n)));
        }
        for (Future<?> f : futures) {
            f.get(5, TimeUnit.SECONDS);
        }
        assertEquals(1, reconciles.get());
        assertEquals(List.of(200), seenByReconcile, "the reconcile ran after every change of the burst");
    }

    @Test
    void aLongBurstStillReconcilesWithinTheMaximum() throws Exception {
        AtomicInteger reconciles = new AtomicInteger();
        ReconcileBatcher b = new ReconcileBatcher(loop, reconciles::incrementAndGet,
                TimeUnit.MILLISECONDS.toNanos(40), TimeUnit.MILLISECONDS.toNanos(100));
        long start = System.nanoTime();
        Future<?> first = b.submit(() -> { });
        while (!first.isDone() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5)) {
            b.submit(() -> { }); // a change every 10 ms: never quiet for 40 ms
            Thread.sleep(10);
        }
        assertTrue(first.isDone());
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(tookMillis >= 90 && tookMillis < 1000, "reconciled after " + tookMillis + " ms");
        assertTrue(reconciles.get() >= 1);
    }

    @Test
    void aFailingChangeFailsOnlyItsOwnFuture() throws Exception {
        AtomicInteger reconciles = new AtomicInteger();
        ReconcileBatcher b = new ReconcileBatcher(loop, reconciles::incrementAndGet, 0, 0);
        Future<?> bad = b.submit(() -> {
            throw new IllegalStateException("boom");
        });
        Future<?> good = b.submit(() -> { });
        good.get(5, TimeUnit.SECONDS);
        assertTrue(bad.isDone());
        assertEquals(IllegalStateException.class,
                org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> bad.get(1, TimeUnit.SECONDS)).getCause().getClass());
        assertEquals(1, reconciles.get());
    }
}
