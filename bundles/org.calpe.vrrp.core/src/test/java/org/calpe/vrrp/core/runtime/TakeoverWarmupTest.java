package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.core.codec.VrrpVersion;
import org.calpe.vrrp.core.fsm.InstanceConfig;
import org.calpe.vrrp.core.fsm.Tracker;
import org.junit.jupiter.api.Test;

import io.netty.util.concurrent.DefaultEventExecutor;

/** The state machine warm-up runs every round for every kind of instance, so the path it warms is the real one. */
class TakeoverWarmupTest {

    private static InetAddress ip(String s) throws UnknownHostException {
        return InetAddress.getByName(s);
    }

    @Test
    void v2BackupRunsEveryRound() throws Exception {
        InstanceConfig c = InstanceConfig.builder("VI_1").primaryAddress(ip("198.18.4.2")).build();
        assertEquals(50, TakeoverWarmup.stateMachine(c, 50));
    }

    @Test
    void v3Ipv6WithPreemptDelayAndTrackers() throws Exception {
        InstanceConfig c = InstanceConfig.builder("VI_6").version(VrrpVersion.V3).advertIntervalMicros(10_000)
                .primaryAddress(ip("fe80::1")).preemptDelayMicros(5_000_000)
                .tracker(Tracker.iface("eth1", -50, false)).tracker(Tracker.script("chk", 0, false, true))
                .build();
        assertEquals(50, TakeoverWarmup.stateMachine(c, 50));
    }

    @Test
    void addressOwnerAndNopreemptAndMasterStart() throws Exception {
        InstanceConfig owner = InstanceConfig.builder("VI_O").priority(255).initialState(VrrpState.MASTER)
                .primaryAddress(ip("198.18.4.1")).build();
        assertEquals(50, TakeoverWarmup.stateMachine(owner, 50));
        InstanceConfig nopreempt = InstanceConfig.builder("VI_N").nopreempt(true).higherPrioSendAdvert(true)
                .lowerPrioNoAdvert(true).garpLowerPrio(true).primaryAddress(ip("198.18.4.1")).build();
        assertEquals(50, TakeoverWarmup.stateMachine(nopreempt, 50));
    }

    /** A mass takeover's instances, preparing within a millisecond, rehearse the shared paths once. */
    @Test
    void theSharedPathsAreRehearsedAtMostOncePerMillisecond() {
        TakeoverWarmup w = new TakeoverWarmup();
        long t = System.nanoTime();
        assertTrue(w.sharedRehearsalDue(t));
        assertEquals(false, w.sharedRehearsalDue(t + 10_000));
        assertEquals(false, w.sharedRehearsalDue(t + TakeoverWarmup.REHEARSAL_SPACING_NANOS - 1));
        assertTrue(w.sharedRehearsalDue(t + TakeoverWarmup.REHEARSAL_SPACING_NANOS));
    }

    @Test
    void announcementsRunEveryRound() {
        assertEquals(50, TakeoverWarmup.announcements(50));
    }

    @Test
    void aSlicedWarmUpRunsEveryRoundInPiecesAndLetsTheLoopRunBetween() throws Exception {
        DefaultEventExecutor loop = new DefaultEventExecutor();
        try {
            AtomicInteger rounds = new AtomicInteger();
            AtomicInteger interleaved = new AtomicInteger();
            AtomicInteger slicesSeen = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(1);
            java.util.List<TakeoverWarmup.Slice> steps = java.util.List.of(
                    TakeoverWarmup.rounds(200, 1, n -> {
                        busy(100_000); // 0.1 ms a round: 20 ms in all, far more than one slice
                        return rounds.addAndGet(n) > 0 ? n : 0;
                    }),
                    deadline -> {
                        done.countDown();
                        return true;
                    });
            // another task of the loop, every millisecond while the warm-up runs
            io.netty.util.concurrent.ScheduledFuture<?> other = loop.scheduleAtFixedRate(
                    interleaved::incrementAndGet, 1, 1, TimeUnit.MILLISECONDS);
            loop.execute(new TakeoverWarmup.Sliced(loop, steps, () -> {
                slicesSeen.incrementAndGet();
                return true;
            }));
            assertTrue(done.await(10, TimeUnit.SECONDS), "the warm-up never finished");
            other.cancel(false);
            assertEquals(200, rounds.get());
            assertTrue(interleaved.get() >= 5, "the loop's other work did not run in between: " + interleaved.get());
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSlicedWarmUpStopsWhenItsInstanceIsGone() throws Exception {
        DefaultEventExecutor loop = new DefaultEventExecutor();
        try {
            AtomicInteger rounds = new AtomicInteger();
            AtomicBoolean wanted = new AtomicBoolean(true);
            java.util.List<TakeoverWarmup.Slice> steps = java.util.List.of(TakeoverWarmup.rounds(1_000, 1, n -> {
                busy(100_000);
                if (rounds.addAndGet(n) == 30) {
                    wanted.set(false); // the instance stops in the middle
                }
                return n;
            }));
            loop.execute(new TakeoverWarmup.Sliced(loop, steps, wanted::get));
            Thread.sleep(300);
            int at = rounds.get();
            Thread.sleep(100);
            assertEquals(at, rounds.get(), "the warm-up went on");
            assertTrue(at < 1_000, "the warm-up ran to the end: " + at);
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void roundsEndWhenTheWorkRunsShort() {
        AtomicInteger calls = new AtomicInteger();
        TakeoverWarmup.Slice s = TakeoverWarmup.rounds(100, 10, n -> calls.incrementAndGet() == 2 ? 3 : n);
        assertTrue(s.runUntil(System.nanoTime() + 1_000_000_000L), "not done after the work ran short");
        assertEquals(2, calls.get());
    }

    private static void busy(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }
}
