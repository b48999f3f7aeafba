package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.util.concurrent.DefaultEventExecutor;

class AfterwardsTest {
    private final DefaultEventExecutor loop = new DefaultEventExecutor();
    private final Afterwards afterwards = new Afterwards(loop);
    private final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Waits (at most 5 s) for {@code n} log entries, then a little longer for any that should not come. */
    private void awaitEntries(int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (log.size() < n && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        Thread.sleep(20);
    }

    @Test
    void reportsRunInOrderAfterTheTimersAlreadyDue() throws Exception {
        loop.submit(() -> {
            loop.schedule(() -> log.add("timer due before"), 0, TimeUnit.NANOSECONDS);
            afterwards.add(() -> log.add("report 1"));
            afterwards.add(() -> {
                throw new IllegalStateException("a failing report stops nothing");
            });
            afterwards.add(() -> log.add("report 2"));
            log.add("task");
        }).get(5, TimeUnit.SECONDS);
        awaitEntries(4);
        assertEquals(List.of("task", "timer due before", "report 1", "report 2"), log);
        assertEquals(0, loop.submit(afterwards::pending).get(5, TimeUnit.SECONDS));
    }

    @Test
    void aSliceLetsTimersThatFellDueGoFirst() throws Exception {
        loop.submit(() -> {
            for (int i = 0; i < 3; i++) {
                int n = i;
                afterwards.add(() -> {
                    log.add("report " + n);
                    if (n == 0) {
                        // a timer falls due while the slice runs; the slice outlasts its budget
                        loop.schedule(() -> log.add("timer"), 0, TimeUnit.NANOSECONDS);
                        long end = System.nanoTime() + Afterwards.SLICE_NANOS + 100_000;
                        while (System.nanoTime() < end) {
                            Thread.onSpinWait();
                        }
                    }
                });
            }
        }).get(5, TimeUnit.SECONDS);
        awaitEntries(4);
        assertEquals(List.of("report 0", "timer", "report 1", "report 2"), log);
    }

    @Test
    void onALoopShuttingDownAReportRunsAtOnce() throws Exception {
        loop.shutdownGracefully(2, 5, TimeUnit.SECONDS); // its quiet period still runs tasks, not scheduled ones
        List<String> seen = loop.submit(() -> {
            afterwards.add(() -> log.add("stop reported"));
            return List.copyOf(log);
        }).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("stop reported"), seen);
    }

    @Test
    void flushRunsEverythingNow() throws Exception {
        List<String> seen = loop.submit(() -> {
            afterwards.add(() -> log.add("a"));
            afterwards.add(() -> log.add("b"));
            afterwards.flush();
            return List.copyOf(log);
        }).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("a", "b"), seen);
        Thread.sleep(50);
        assertEquals(List.of("a", "b"), log, "nothing runs twice");
    }

    /** While a takeover is near, reports wait for it; the last takeover done lets them run, in order. */
    @Test
    void reportsWaitWhileTakeoversAreNear() throws Exception {
        loop.submit(() -> {
            afterwards.hold();
            afterwards.hold();
            afterwards.add(() -> log.add("report 1"));
            afterwards.add(() -> log.add("report 2"));
            loop.schedule(() -> {
                log.add("takeover 1");
                afterwards.release();
            }, 20, TimeUnit.MILLISECONDS);
            loop.schedule(() -> {
                log.add("takeover 2");
                afterwards.add(() -> log.add("report 3"));
                afterwards.release();
            }, 40, TimeUnit.MILLISECONDS);
        }).get(5, TimeUnit.SECONDS);
        awaitEntries(5);
        assertEquals(List.of("takeover 1", "takeover 2", "report 1", "report 2", "report 3"), log);
        assertEquals(0, loop.submit(afterwards::near).get(5, TimeUnit.SECONDS));
        // not held any more: a report runs at once
        loop.submit(() -> afterwards.add(() -> log.add("report 4"))).get(5, TimeUnit.SECONDS);
        awaitEntries(6);
        assertEquals("report 4", log.get(5));
    }

    /** A takeover that never comes (its timer was dropped without a release) holds the reports back only so long. */
    @Test
    void reportsWaitAtMostSoLong() throws Exception {
        long[] added = new long[1];
        long[] ran = new long[2];
        loop.submit(() -> {
            afterwards.hold();
            added[0] = System.nanoTime();
            afterwards.add(() -> ran[0] = System.nanoTime());
            afterwards.add(() -> {
                ran[1] = System.nanoTime();
                log.add("ran");
            });
        }).get(5, TimeUnit.SECONDS);
        awaitEntries(1);
        assertEquals(List.of("ran"), log);
        long waited = ran[0] - added[0];
        assertTrue(waited >= Afterwards.MOST_HELD_NANOS, "waited " + waited + " ns");
        assertTrue(waited < Afterwards.MOST_HELD_NANOS + TimeUnit.SECONDS.toNanos(2), "waited " + waited + " ns");
        assertTrue(ran[1] >= ran[0]);
        // still held, but the queue ran dry: the next report waits again
        loop.submit(() -> afterwards.add(() -> log.add("later"))).get(5, TimeUnit.SECONDS);
        Thread.sleep(30);
        assertEquals(List.of("ran"), log, "held again");
        loop.submit(afterwards::release).get(5, TimeUnit.SECONDS);
        awaitEntries(2);
        assertEquals(List.of("ran", "later"), log);
    }

    /** A flush while held (a stop, a hand-over) runs everything, and what is added after it is not left behind. */
    @Test
    void flushWhileHeldRunsEverythingAndLeavesNothingBehind() throws Exception {
        List<String> seen = loop.submit(() -> {
            afterwards.hold();
            afterwards.add(() -> log.add("a"));
            return List.copyOf(log);
        }).get(5, TimeUnit.SECONDS);
        assertEquals(List.of(), seen);
        Thread.sleep(20); // the slice has found the queue held
        seen = loop.submit(() -> {
            afterwards.flush();
            afterwards.release();
            afterwards.add(() -> log.add("b"));
            return List.copyOf(log);
        }).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("a"), seen);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50); // well before the longest hold
        while (log.size() < 2 && System.nanoTime() < until) {
            Thread.sleep(2);
        }
        assertEquals(List.of("a", "b"), log);
    }
}
