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

    @Test
    void timersDueWithinTheSlackFireInOneWakeUpNeverEarly() throws Exception {
        long slack = TimeUnit.MILLISECONDS.toNanos(20);
        try (ThreadLoop loop = new ThreadLoop("loop-slack", Throwable::printStackTrace, slack)) {
            int n = 5;
            long[] at = new long[n];
            long[] due = new long[n];
            CountDownLatch fired = new CountDownLatch(n);
            loop.execute(() -> {
                long base = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
                for (int i = 0; i < n; i++) {
                    int k = i;
                    due[k] = base + k * TimeUnit.MILLISECONDS.toNanos(2);
                    loop.schedule(new Timer() {
                        @Override
                        protected void fire() {
                            at[k] = System.nanoTime();
                            fired.countDown();
                        }
                    }, due[k]);
                }
            });
            assertTrue(fired.await(5, TimeUnit.SECONDS));
            for (int i = 0; i < n; i++) {
                assertTrue(at[i] >= due[i], "never early");
            }
            // 2 ms apart, within a 20 ms slack: served together, after the last one was due
            assertTrue(at[0] >= due[n - 1], "batched: the first waited for the others " + (due[n - 1] - at[0]));
        }
    }

    @Test
    void executeSoonWaitsAtMostTheSlackAndExecuteWakesAtOnce() throws Exception {
        long slack = TimeUnit.MILLISECONDS.toNanos(30);
        try (ThreadLoop loop = new ThreadLoop("loop-soon", Throwable::printStackTrace, slack)) {
            assertEquals(slack, loop.slackNanos());
            // nothing scheduled: the loop would sleep a second, so executeSoon wakes it
            Thread.sleep(50);
            long t0 = System.nanoTime();
            CountDownLatch soon = new CountDownLatch(1);
            loop.executeSoon(soon::countDown);
            assertTrue(soon.await(5, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(500), "woken, not left asleep");
            // a timer due in 5 ms: the loop wakes on its own within the slack, a soon task waits for it
            long[] ran = new long[2];
            CountDownLatch both = new CountDownLatch(2);
            long[] due = new long[1];
            loop.execute(() -> {
                due[0] = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
                loop.schedule(new Timer() {
                    @Override
                    protected void fire() {
                        ran[0] = System.nanoTime();
                        both.countDown();
                    }
                }, due[0]);
            });
            Thread.sleep(10); // the loop now wakes within the slack (at due + slack = 35 ms)
            loop.executeSoon(() -> {
                ran[1] = System.nanoTime();
                both.countDown();
            });
            assertTrue(both.await(5, TimeUnit.SECONDS));
            assertTrue(ran[1] >= due[0], "the soon task rode on the timer's wake-up");
            assertTrue(ran[1] - due[0] < TimeUnit.MILLISECONDS.toNanos(500), "within about the slack");
        }
    }

    @Test
    void resultsThatWakeTheLoopAreGatheredForOneSlackButUrgentTasksAreNot() throws Exception {
        long slack = TimeUnit.MILLISECONDS.toNanos(40);
        try (ThreadLoop loop = new ThreadLoop("loop-gather", Throwable::printStackTrace, slack)) {
            Thread.sleep(50); // parked for a second: nothing scheduled
            long t0 = System.nanoTime();
            long[] ran = new long[3];
            CountDownLatch all = new CountDownLatch(2);
            loop.executeSoon(() -> {
                ran[0] = System.nanoTime();
                all.countDown();
            });
            Thread.sleep(10);
            loop.executeSoon(() -> { // within the gathering: served in the same wake-up
                ran[1] = System.nanoTime();
                all.countDown();
            });
            assertTrue(all.await(5, TimeUnit.SECONDS));
            assertTrue(ran[0] - t0 >= TimeUnit.MILLISECONDS.toNanos(35), "the first result waited for the rest: "
                    + (ran[0] - t0) / 1000 + " us");
            assertTrue(ran[1] - ran[0] < TimeUnit.MILLISECONDS.toNanos(5), "served together");
            assertTrue(ran[0] - t0 < TimeUnit.MILLISECONDS.toNanos(500), "woken, not left asleep");
            // an urgent task cuts the gathering short
            Thread.sleep(50);
            CountDownLatch urgent = new CountDownLatch(1);
            long t1 = System.nanoTime();
            loop.executeSoon(() -> { });
            Thread.sleep(5);
            loop.execute(() -> {
                ran[2] = System.nanoTime();
                urgent.countDown();
            });
            assertTrue(urgent.await(5, TimeUnit.SECONDS));
            assertTrue(ran[2] - t1 < TimeUnit.MILLISECONDS.toNanos(30), "not held for the slack: "
                    + (ran[2] - t1) / 1000 + " us");
        }
    }
}
