package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
