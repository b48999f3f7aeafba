package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.calpe.net.api.ThreadScheduling;
import org.calpe.vrrp.core.fsm.VrrpTimer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.util.concurrent.DefaultEventExecutor;

/** Timers armed while handling a received advert run from the advert's arrival, not from the handling. */
class LoopSchedulerTest {
    private final DefaultEventExecutor loop = new DefaultEventExecutor();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * The delay from now to {@code millis} after {@code t0}: a task scheduled a moment after a timer keeps its
     * distance to it even when linking the task's lambda (the first in a fresh JVM: milliseconds) came between.
     */
    private static long after(long t0, long millis) {
        return t0 + TimeUnit.MILLISECONDS.toNanos(millis) - System.nanoTime();
    }

    @Test
    void timerArmedDuringAnEventRunsFromTheEvent() throws Exception {
        AtomicLong firedAt = new AtomicLong();
        AtomicLong nowSeen = new AtomicLong();
        CountDownLatch fired = new CountDownLatch(1);
        long[] event = new long[1];
        loop.submit(() -> {
            LoopScheduler s = new LoopScheduler(loop, t -> {
                firedAt.set(System.nanoTime());
                fired.countDown();
            });
            event[0] = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(300); // arrived 300 ms ago
            s.during(event[0], () -> {
                nowSeen.set(s.nowMicros());
                s.schedule(VrrpTimer.MASTER_DOWN, 400_000); // 400 ms from the arrival: 100 ms from now
            });
            assertTrue(s.nowMicros() - event[0] / 1000 >= 300_000, "outside the event, now is now again");
        }).sync();
        assertEquals(event[0] / 1000, nowSeen.get());
        assertTrue(fired.await(5, TimeUnit.SECONDS), "the timer fired");
        long afterEvent = firedAt.get() - event[0];
        assertTrue(afterEvent >= TimeUnit.MILLISECONDS.toNanos(400), "fired " + afterEvent + " ns after the event");
        assertTrue(afterEvent < TimeUnit.MILLISECONDS.toNanos(650), "fired late: " + afterEvent + " ns after it");
    }

    /** Re-arming a timer (each advert does) fires it at the new deadline, once; cancelling stops it. */
    @Test
    void rearmedTimersFireAtTheirLatestDeadlineOnce() throws Exception {
        java.util.List<Long> fired = new java.util.concurrent.CopyOnWriteArrayList<>();
        long[] t0 = new long[1];
        LoopScheduler[] s = new LoopScheduler[1];
        loop.submit(() -> {
            s[0] = new LoopScheduler(loop, t -> fired.add(System.nanoTime()));
            t0[0] = System.nanoTime();
            s[0].schedule(VrrpTimer.MASTER_DOWN, 200_000);
        }).sync();
        Thread.sleep(100);
        loop.submit(() -> s[0].schedule(VrrpTimer.MASTER_DOWN, 300_000)).sync(); // now due at ~400 ms
        Thread.sleep(700);
        assertEquals(1, fired.size(), "fired once");
        long at = fired.get(0) - t0[0];
        assertTrue(at >= TimeUnit.MILLISECONDS.toNanos(400), "fired at " + at + " ns, before its latest deadline");
        // pulled forward: a shorter delay than the armed one replaces it
        fired.clear();
        loop.submit(() -> {
            t0[0] = System.nanoTime();
            s[0].schedule(VrrpTimer.MASTER_DOWN, 2_000_000);
            s[0].schedule(VrrpTimer.MASTER_DOWN, 100_000);
        }).sync();
        Thread.sleep(500);
        assertEquals(1, fired.size(), "fired once");
        assertTrue(fired.get(0) - t0[0] < TimeUnit.MILLISECONDS.toNanos(400), "the shorter delay was kept");
        // cancelled after being pushed back: never fires
        fired.clear();
        loop.submit(() -> {
            s[0].schedule(VrrpTimer.MASTER_DOWN, 100_000);
            s[0].schedule(VrrpTimer.MASTER_DOWN, 200_000);
            s[0].cancel(VrrpTimer.MASTER_DOWN);
        }).sync();
        Thread.sleep(400);
        assertEquals(0, fired.size(), "a cancelled timer does not fire");
    }

    @Test
    void implausibleEventTimesAreIgnored() throws Exception {
        loop.submit(() -> {
            LoopScheduler s = new LoopScheduler(loop, t -> { });
            long now = System.nanoTime();
            s.during(now + TimeUnit.SECONDS.toNanos(5), () -> assertTrue(Math.abs(s.nowMicros() - now / 1000)
                    < 1_000_000, "a future time is not used"));
            s.during(0, () -> assertTrue(Math.abs(s.nowMicros() - now / 1000) < 1_000_000,
                    "no time (0) is not used"));
        }).sync();
    }

    /** Records the requests for prompt wake-ups: "+" when made, "-" when withdrawn. */
    private static class Recording implements ThreadScheduling {
        final List<String> log = new CopyOnWriteArrayList<>();

        @Override
        public void realtime(int priority) {
        }

        @Override
        public void nice(int nice) {
        }

        @Override
        public Closeable promptWakeups() throws IOException {
            log.add("+");
            return () -> log.add("-");
        }
    }

    @Test
    void aMasterDownTimerAsksForPromptWakeupsShortlyBeforeItFiresUntilItHasFired() throws Exception {
        Recording kernel = new Recording();
        PromptWakeups prompt = new PromptWakeups(kernel);
        List<String> seen = new CopyOnWriteArrayList<>();
        long[] t0 = new long[1];
        loop.submit(() -> {
            LoopScheduler s = new LoopScheduler(loop, prompt, t -> seen.add("fired, requests " + kernel.log));
            t0[0] = System.nanoTime();
            s.schedule(VrrpTimer.MASTER_DOWN, 50_000); // 50 ms
            loop.schedule(() -> seen.add("at 40 ms: " + kernel.log), 40, TimeUnit.MILLISECONDS);
        }).sync();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (kernel.log.size() < 2 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(List.of("at 40 ms: []", "fired, requests [+]"), seen);
        assertEquals(List.of("+", "-"), kernel.log, "withdrawn after the timer fired");
        assertEquals(0, loop.submit(prompt::holders).get(5, TimeUnit.SECONDS));
    }

    @Test
    void anAdvertInTheLastMillisecondsWithdrawsTheRequestAndAShortTimerMakesNone() throws Exception {
        List<String> fired = new CopyOnWriteArrayList<>();
        LoopScheduler[] s = new LoopScheduler[2];
        // the adverts come right after the request, inside the last 2 ms: both re-arm (one with a timer too short
        // to prepare). Queued on the loop by the request itself, so they run before the expiry however late the
        // loop is (an expiry falls due 2 ms later and joins the queue behind them).
        Recording kernel = new Recording() {
            @Override
            public Closeable promptWakeups() throws IOException {
                loop.execute(() -> {
                    s[0].schedule(VrrpTimer.MASTER_DOWN, 1_000_000);
                    s[1].schedule(VrrpTimer.MASTER_DOWN, 3_000);
                });
                return super.promptWakeups();
            }
        };
        PromptWakeups prompt = new PromptWakeups(kernel);
        loop.submit(() -> {
            s[0] = new LoopScheduler(loop, prompt, t -> fired.add("0"));
            s[1] = new LoopScheduler(loop, prompt, t -> fired.add("1"));
            s[0].schedule(VrrpTimer.MASTER_DOWN, 20_000);
            s[1].schedule(VrrpTimer.MASTER_DOWN, 20_000);
        }).sync();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (fired.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        Thread.sleep(50); // room for a wrong second firing
        assertEquals(List.of("1"), fired, "only the short timer fired");
        assertEquals(List.of("+", "-"), kernel.log, "one request for both, withdrawn when the last advert came");
        assertEquals(0, loop.submit(prompt::holders).get(5, TimeUnit.SECONDS));
        loop.submit(() -> s[0].cancelAll()).sync();
    }

    @Test
    void withoutTheKernelsPromiseTimersRunAsBefore() throws Exception {
        ThreadScheduling refusing = new Recording() {
            @Override
            public Closeable promptWakeups() throws IOException {
                throw new IOException("/dev/cpu_dma_latency: Permission denied");
            }
        };
        PromptWakeups prompt = new PromptWakeups(refusing);
        CountDownLatch fired = new CountDownLatch(2);
        loop.submit(() -> {
            new LoopScheduler(loop, prompt, t -> fired.countDown()).schedule(VrrpTimer.MASTER_DOWN, 10_000);
            new LoopScheduler(loop, prompt, t -> fired.countDown()).schedule(VrrpTimer.MASTER_DOWN, 10_000);
        }).sync();
        assertTrue(fired.await(5, TimeUnit.SECONDS));
        assertEquals(0, loop.submit(prompt::holders).get(5, TimeUnit.SECONDS));
    }

    /** The runtime's reports wait from the Master_Down timer's preparation until its expiry has been handled. */
    @Test
    void aMasterDownTimerHoldsTheReportsFromItsPreparationUntilItHasFired() throws Exception {
        Afterwards afterwards = new Afterwards(loop);
        List<String> seen = new CopyOnWriteArrayList<>();
        loop.submit(() -> {
            LoopScheduler s = new LoopScheduler(loop, PromptWakeups.NONE, afterwards, t -> {
                seen.add("fired, near " + afterwards.near());
                afterwards.add(() -> seen.add("report of the takeover"));
            });
            long t0 = System.nanoTime();
            s.schedule(VrrpTimer.MASTER_DOWN, 30_000); // 30 ms: prepared at 28 ms
            loop.schedule(() -> seen.add("at 20 ms, near " + afterwards.near()), after(t0, 20), TimeUnit.NANOSECONDS);
            loop.schedule(() -> {
                seen.add("at 29 ms, near " + afterwards.near());
                afterwards.add(() -> seen.add("an earlier report"));
            }, after(t0, 29), TimeUnit.NANOSECONDS);
        }).sync();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (seen.size() < 5 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(List.of("at 20 ms, near 0", "at 29 ms, near 1", "fired, near 1", "an earlier report",
                "report of the takeover"), seen);
        assertEquals(0, loop.submit(afterwards::near).get(5, TimeUnit.SECONDS));
    }

    /**
     * The takeover path is rehearsed once at the Master_Down timer's preparation, before it expires; a timer that an
     * advert re-arms before its preparation, and one too short to prepare, never rehearse.
     */
    @Test
    void aMasterDownTimerRehearsesAtItsPreparationOnly() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        long[] at = new long[3]; // start, rehearsal, expiry
        loop.submit(() -> {
            LoopScheduler expiring = new LoopScheduler(loop, t -> {
                at[2] = System.nanoTime();
                seen.add("fired");
            });
            expiring.rehearsal(() -> {
                at[1] = System.nanoTime();
                seen.add("rehearsed");
            });
            LoopScheduler heard = new LoopScheduler(loop, t -> seen.add("heard: fired"));
            heard.rehearsal(() -> seen.add("heard: rehearsed"));
            LoopScheduler shortTimer = new LoopScheduler(loop, t -> { });
            shortTimer.rehearsal(() -> seen.add("short: rehearsed"));
            at[0] = System.nanoTime();
            expiring.schedule(VrrpTimer.MASTER_DOWN, 30_000); // prepared at 28 ms
            heard.schedule(VrrpTimer.MASTER_DOWN, 30_000);
            shortTimer.schedule(VrrpTimer.MASTER_DOWN, 3_000);
            loop.schedule(() -> heard.schedule(VrrpTimer.MASTER_DOWN, 1_000_000), 20, TimeUnit.MILLISECONDS);
            loop.schedule(heard::cancelAll, 200, TimeUnit.MILLISECONDS);
        }).sync();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (seen.size() < 2 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        Thread.sleep(250); // room for a wrong rehearsal
        assertEquals(List.of("rehearsed", "fired"), seen);
        long rehearsedMicros = TimeUnit.NANOSECONDS.toMicros(at[1] - at[0]);
        assertTrue(rehearsedMicros >= 28_000, "rehearsed at " + rehearsedMicros + " µs");
        assertTrue(TimeUnit.NANOSECONDS.toMicros(at[2] - at[0]) >= 30_000, "the expiry keeps its time");
    }

    /** A backup that hears its master in the last milliseconds releases the reports too. */
    @Test
    void anAdvertInTheLastMillisecondsReleasesTheReports() throws Exception {
        Afterwards afterwards = new Afterwards(loop);
        List<String> seen = new CopyOnWriteArrayList<>();
        loop.submit(() -> {
            LoopScheduler s = new LoopScheduler(loop, PromptWakeups.NONE, afterwards, t -> seen.add("fired"));
            long t0 = System.nanoTime();
            s.schedule(VrrpTimer.MASTER_DOWN, 30_000);
            loop.schedule(() -> {
                afterwards.add(() -> seen.add("report"));
                s.schedule(VrrpTimer.MASTER_DOWN, 1_000_000); // the advert re-arms it
                seen.add("re-armed, near " + afterwards.near());
            }, after(t0, 29), TimeUnit.NANOSECONDS);
            loop.schedule(s::cancelAll, 200, TimeUnit.MILLISECONDS);
        }).sync();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (seen.size() < 2 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(List.of("re-armed, near 0", "report"), seen);
    }

    /**
     * Two masters that start together and keep to phases half an interval apart advertise half an interval apart
     * from the second or third interval on, and no interval is ever longer than the configured one.
     */
    @Test
    void advertsKeepToTheirPhaseAndNeverComeLater() throws Exception {
        long period = TimeUnit.MILLISECONDS.toNanos(100);
        // per master: when each advert went, and when the scheduler armed the next one for (judged by the armed
        // time, a loop or a whole guest that stands still for a moment cannot fail the test)
        List<List<Long>> fired = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        List<List<Long>> due = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        loop.submit(() -> {
            for (int i = 0; i < 2; i++) {
                List<Long> mine = fired.get(i);
                List<Long> myDue = due.get(i);
                LoopScheduler[] s = new LoopScheduler[1];
                s[0] = new LoopScheduler(loop, t -> {
                    mine.add(System.nanoTime());
                    if (mine.size() < 7) {
                        s[0].schedule(VrrpTimer.ADVERT, 100_000); // as the state machine does after each advert
                        myDue.add(s[0].due(VrrpTimer.ADVERT));
                    }
                });
                s[0].advertPhase(i == 0 ? 0.2 : 0.7);
                mine.add(System.nanoTime()); // the takeover's advert
                s[0].schedule(VrrpTimer.ADVERT, 100_000);
                myDue.add(s[0].due(VrrpTimer.ADVERT));
            }
        }).sync();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((fired.get(0).size() < 7 || fired.get(1).size() < 7) && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        long slack = TimeUnit.MILLISECONDS.toNanos(1);
        for (int m = 0; m < 2; m++) {
            List<Long> mine = fired.get(m);
            assertEquals(7, mine.size());
            for (int i = 1; i < mine.size(); i++) {
                long gap = due.get(m).get(i - 1) - mine.get(i - 1);
                assertTrue(gap <= period + slack, "interval " + i + ": " + gap + " ns");
                assertTrue(gap >= period / 4 - slack, "interval " + i + ": " + gap + " ns");
                assertTrue(mine.get(i) - due.get(m).get(i - 1) >= 0, "advert " + i + " before its time");
            }
        }
        for (int i = 2; i < 6; i++) { // without the phases, both would advertise within a millisecond of each other
            long apart = Math.floorMod(due.get(1).get(i) - due.get(0).get(i), period);
            assertTrue(Math.abs(apart - period / 2) < slack, "advert " + (i + 1) + ": " + apart + " ns apart");
        }
    }

    /**
     * A Master_Down timer that adverts move later queues no new task per advert: the task armed first re-arms once it
     * runs and finds the time moved; the timer fires once, at the last advert's time, with its preparation 2 ms before.
     * Moved earlier (Skew_Time after priority 0), it is armed anew and fires at the earlier time.
     */
    @Test
    void aMasterDownTimerMovedLaterByAdvertsQueuesOneTaskAndFiresAtTheLastTime() throws Exception {
        List<Long> fired = new CopyOnWriteArrayList<>();
        List<Long> rehearsed = new CopyOnWriteArrayList<>();
        long[] last = new long[2]; // the last advert's time, the earlier timer's arming
        LoopScheduler[] s = new LoopScheduler[1];
        loop.submit(() -> {
            s[0] = new LoopScheduler(loop, t -> fired.add(System.nanoTime()));
            s[0].rehearsal(() -> rehearsed.add(System.nanoTime()));
            long t0 = System.nanoTime();
            s[0].schedule(VrrpTimer.MASTER_DOWN, 40_000);
            for (int i = 1; i <= 6; i++) { // an advert every 10 ms, each moving the timer 40 ms on
                loop.schedule(() -> {
                    last[0] = System.nanoTime();
                    s[0].schedule(VrrpTimer.MASTER_DOWN, 40_000);
                }, after(t0, 10L * i), TimeUnit.NANOSECONDS);
            }
        }).sync();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (fired.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        Thread.sleep(60); // room for a second, wrong expiry
        assertEquals(1, fired.size(), "fired once");
        long firedAfter = fired.get(0) - last[0];
        assertTrue(firedAfter >= TimeUnit.MILLISECONDS.toNanos(40), "fired " + firedAfter + " ns after the last");
        assertTrue(firedAfter < TimeUnit.MILLISECONDS.toNanos(60), "fired late: " + firedAfter + " ns");
        assertEquals(1, rehearsed.size(), "prepared once");
        assertTrue(fired.get(0) - rehearsed.get(0) >= LoopScheduler.PREPARE_NANOS / 2,
                "prepared " + (fired.get(0) - rehearsed.get(0)) + " ns before");
        // 6 adverts over 60 ms against a 40 ms timer: the first arming, a re-arming at every third advert (when the
        // task is under a third of the timer away) and the expiry after the preparation; one per advert would be 8
        long armings = loop.submit(() -> s[0].armings()).get();
        assertTrue(armings <= 4, armings + " tasks queued for a timer and 6 adverts");

        // one advert early on, then none: the task runs at the old time, finds the timer moved and re-arms for it
        fired.clear();
        rehearsed.clear();
        loop.submit(() -> {
            s[0] = new LoopScheduler(loop, t -> fired.add(System.nanoTime()));
            s[0].rehearsal(() -> rehearsed.add(System.nanoTime()));
            long t0 = System.nanoTime();
            s[0].schedule(VrrpTimer.MASTER_DOWN, 40_000);
            loop.schedule(() -> {
                last[0] = System.nanoTime();
                s[0].schedule(VrrpTimer.MASTER_DOWN, 40_000);
            }, after(t0, 15), TimeUnit.NANOSECONDS);
        }).sync();
        until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (fired.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        Thread.sleep(60);
        assertEquals(1, fired.size(), "fired once");
        firedAfter = fired.get(0) - last[0];
        assertTrue(firedAfter >= TimeUnit.MILLISECONDS.toNanos(40), "fired " + firedAfter + " ns after the advert");
        assertTrue(firedAfter < TimeUnit.MILLISECONDS.toNanos(60), "fired late: " + firedAfter + " ns");
        assertEquals(1, rehearsed.size(), "prepared once, for the moved time");

        fired.clear();
        loop.submit(() -> {
            LoopScheduler e = new LoopScheduler(loop, t -> fired.add(System.nanoTime()));
            e.schedule(VrrpTimer.MASTER_DOWN, 500_000);
            last[1] = System.nanoTime();
            e.schedule(VrrpTimer.MASTER_DOWN, 20_000); // priority 0: Skew_Time
        }).sync();
        until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (fired.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(2);
        }
        assertEquals(1, fired.size(), "the earlier time fired");
        long earlier = fired.get(0) - last[1];
        assertTrue(earlier >= TimeUnit.MILLISECONDS.toNanos(20) && earlier < TimeUnit.MILLISECONDS.toNanos(100),
                "fired " + earlier + " ns after it was moved earlier");
    }

    /** A short Master_Down timer (no preparation) moved later by less than the preparation never fires early. */
    @Test
    void aShortMasterDownTimerMovedALittleLaterFiresAtTheNewTime() throws Exception {
        AtomicLong firedAt = new AtomicLong();
        long[] moved = new long[1];
        loop.submit(() -> {
            LoopScheduler s = new LoopScheduler(loop, t -> firedAt.set(System.nanoTime()));
            long t0 = System.nanoTime();
            s.schedule(VrrpTimer.MASTER_DOWN, 3_000);
            loop.schedule(() -> {
                moved[0] = System.nanoTime();
                s.schedule(VrrpTimer.MASTER_DOWN, 3_000); // 1 ms later than it was
            }, after(t0, 1), TimeUnit.NANOSECONDS);
        }).sync();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (firedAt.get() == 0 && System.nanoTime() < until) {
            Thread.sleep(2);
        }
        assertTrue(firedAt.get() != 0, "fired");
        assertTrue(firedAt.get() - moved[0] >= TimeUnit.MILLISECONDS.toNanos(3),
                "fired " + (firedAt.get() - moved[0]) + " ns after it was moved");
    }

    /** The times an advert timer keeps to, without a clock. */
    @Test
    void inPhaseIsTheLastSlotBeforeTheDueTime() {
        long p = 100;
        // in phase already: the next slot, an interval minus the loop's lateness after the last
        assertEquals(1030, LoopScheduler.inPhase(932, 932, p, 30));
        // right after a takeover at 1000, phase 20: the slot at 1020 is too close, half an interval instead
        assertEquals(1050, LoopScheduler.inPhase(1000, 1000, p, 20));
        // ... and from there the slot at 1120 (in phase, 70 later)
        assertEquals(1120, LoopScheduler.inPhase(1050, 1050, p, 20));
        // phase 70 after a takeover at 1000: 70 later, at once
        assertEquals(1070, LoopScheduler.inPhase(1000, 1000, p, 70));
        // a loop 90 late (fired at 1120 for 1030): the slot at 1130 is too close, half an interval
        assertEquals(1170, LoopScheduler.inPhase(1120, 1120, p, 30));
        // armed from an event 40 in the past (a received advert's kernel time): never after start + period
        assertEquals(1090, LoopScheduler.inPhase(1040, 1000, p, 30));
        assertEquals(1100, LoopScheduler.inPhase(1090, 1000, p, 30));
        for (long now = 0; now < 1000; now += 7) {
            for (long phase = 0; phase < p; phase += 11) {
                long t = LoopScheduler.inPhase(now, now, p, phase);
                assertTrue(t <= now + p && t - now >= p / 4, now + " " + phase + " -> " + t);
            }
        }
    }

    /** 1,000 instances as the scale bench has them (4 interfaces, 250 VRIDs each) spread evenly over an interval. */
    @Test
    void phasesSpreadAThousandInstances() {
        int[] buckets = new int[LoopScheduler.PHASES];
        for (int i = 0; i < 4; i++) {
            for (int vrid = 1; vrid <= 250; vrid++) {
                double phase = LoopScheduler.phaseOf("bench" + i, vrid, false);
                assertEquals(phase, Math.floor(phase * buckets.length) / buckets.length, "one of the phases");
                buckets[(int) (phase * buckets.length)]++;
            }
        }
        int max = java.util.Arrays.stream(buckets).max().getAsInt();
        int min = java.util.Arrays.stream(buckets).min().getAsInt();
        assertTrue(max <= 1000 / buckets.length * 5 / 4 && min >= 1000 / buckets.length * 3 / 4,
                "within a quarter of the average per phase: " + java.util.Arrays.toString(buckets));
        double a = LoopScheduler.phaseOf("eth0", 7, false);
        assertEquals(a, LoopScheduler.phaseOf("eth0", 7, false), "the same in every engine");
        assertTrue(Math.abs(a - LoopScheduler.phaseOf("eth0", 7, true)) > 0.1, "the IPv6 instance is elsewhere");
    }
}
