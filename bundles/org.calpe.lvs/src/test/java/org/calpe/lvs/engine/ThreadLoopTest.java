package org.calpe.lvs.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class ThreadLoopTest {

    @Test
    void tasksRunInOrderOnOneThreadAndTimersFireWhenDue() throws Exception {
        List<Throwable> errors = new ArrayList<>();
        try (ThreadLoop loop = new ThreadLoop("loop-test", errors::add)) {
            List<Integer> order = new ArrayList<>();
            AtomicReference<Thread> thread = new AtomicReference<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                loop.execute(() -> {
                    thread.compareAndSet(null, Thread.currentThread());
                    assertEquals(thread.get(), Thread.currentThread());
                    order.add(n);
                });
            }
            loop.execute(() -> {
                throw new IllegalStateException("a failing task does not stop the loop");
            });
            assertEquals(100, (int) loop.call(order::size, 5000));
            for (int i = 0; i < 100; i++) {
                assertEquals(i, order.get(i));
            }
            assertEquals(1, errors.size());

            CountDownLatch fired = new CountDownLatch(2);
            long[] at = new long[2];
            long start = System.nanoTime();
            Timer late = new Timer() {
                @Override
                protected void fire() {
                    at[1] = System.nanoTime();
                    fired.countDown();
                }
            };
            Timer early = new Timer() {
                @Override
                protected void fire() {
                    at[0] = System.nanoTime();
                    fired.countDown();
                }
            };
            Timer cancelled = new Timer() {
                @Override
                protected void fire() {
                    errors.add(new AssertionError("cancelled timer fired"));
                }
            };
            loop.execute(() -> {
                loop.schedule(late, start + TimeUnit.MILLISECONDS.toNanos(200));
                loop.schedule(early, start + TimeUnit.MILLISECONDS.toNanos(100));
                loop.schedule(cancelled, start + TimeUnit.MILLISECONDS.toNanos(150));
                loop.cancel(cancelled);
            });
            assertTrue(fired.await(5, TimeUnit.SECONDS));
            assertTrue(at[0] - start >= TimeUnit.MILLISECONDS.toNanos(100), "not early");
            assertTrue(at[1] - start >= TimeUnit.MILLISECONDS.toNanos(200), "not early");
            assertTrue(at[1] > at[0]);
            assertEquals(1, errors.size(), errors.toString());
            assertEquals("inline", loop.call(() -> loop.call(() -> "inline", 10), 5000), "call from the loop itself");
            assertFalse(loop.isLoopThread());
        }
    }
}
