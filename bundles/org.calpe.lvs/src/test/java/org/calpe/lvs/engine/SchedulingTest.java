package org.calpe.lvs.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

class SchedulingTest {

    /** A random source that always answers the largest value it may. */
    private static final RandomGenerator MAX = new RandomGenerator() {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    @Test
    void warmupIsRandomUpToItsValue() {
        Fixture lo = new Fixture().bindTcp().simple("warmup", 4 * Fixture.S);
        lo.advance(1);
        assertEquals(List.of(1000L), lo.tcp.callsAtMillis, "random 0: at the bootstrap delay");
        Fixture hi = new Fixture(MAX).bindTcp().simple("warmup", 4 * Fixture.S);
        hi.advance(4.999);
        assertEquals(List.of(), hi.tcp.callsAtMillis);
        hi.advance(0.001);
        assertEquals(List.of(5000L), hi.tcp.callsAtMillis, "random max: bootstrap + warmup");
    }

    @Test
    void warmupDefaultsToDelayLoop() {
        Fixture f = new Fixture(MAX).bindTcp();
        f.engine.updateVirtualServer(Fixture.VS, Fixture.vs("delay_loop", 3 * Fixture.S));
        f.engine.updateRealServer(Fixture.RS, Fixture.rs());
        java.util.Map<String, Object> c = Fixture.tcp(0);
        c.remove("warmup");
        f.engine.updateChecker(Fixture.TCP0, c);
        f.advance(4);
        assertEquals(List.of(4000L), f.tcp.callsAtMillis);
    }

    @Test
    void warmupSpreadsStartsWithinBounds() {
        Fixture f = new Fixture(new Random(7)).bindTcp();
        f.engine.updateVirtualServer(Fixture.VS, Fixture.vs("warmup", 2 * Fixture.S));
        for (int i = 0; i < 200; i++) {
            String rs = "rs" + i;
            f.engine.updateRealServer(rs, Fixture.rsAt("198.18.2." + (i % 250), 1000 + i));
            java.util.Map<String, Object> c = Fixture.checker("TCP_CHECK", 0, rs);
            c.remove("warmup");
            f.engine.updateChecker("c" + i, c);
        }
        f.advance(3);
        assertEquals(200, f.tcp.callsAtMillis.size());
        long min = f.tcp.callsAtMillis.stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = f.tcp.callsAtMillis.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(min >= 1000 && max <= 3000, min + ".." + max);
        assertTrue(max - min > 1000, "spread out: " + min + ".." + max);
    }

    @Test
    void theNextCheckIsDueADelayAfterTheCheckEndedNotAfterItsAnswerWasServed() {
        Fixture f = new Fixture().bindTcp();
        f.tcp.hold = true;
        f.simple();
        f.advance(1);
        assertEquals(List.of(1000L), f.tcp.callsAtMillis);
        f.advance(0.005);
        f.tcp.pending.get(0).complete(FakeChecker.OK); // the check ends at 1,005 ms
        f.loop.skip(java.time.Duration.ofMillis(40)); // its answer is served 40 ms later
        f.tcp.hold = false;
        f.advance(10);
        assertEquals(List.of(1000L, 11005L), f.tcp.callsAtMillis, "delay_loop 10 s after the check ended");
    }

    @Test
    void aCheckStartedLateHasItsNextOneDueThatMuchEarlier() {
        Fixture f = new Fixture().bindTcp();
        f.tcp.hold = true;
        f.simple();
        f.advance(0.999);
        f.loop.skip(java.time.Duration.ofMillis(30)); // the engine paused over the due time (1,000 ms)
        f.advance(0);
        assertEquals(List.of(1029L), f.tcp.callsAtMillis, "started 29 ms late");
        f.advance(0.005);
        f.tcp.pending.get(0).complete(FakeChecker.OK); // ends at 1,034 ms
        f.tcp.hold = false;
        f.advance(10);
        assertEquals(List.of(1029L, 11005L), f.tcp.callsAtMillis,
                "delay_loop 10 s after the end, less the 29 ms it started late");
        f.advance(10);
        assertEquals(List.of(1029L, 11005L, 21005L), f.tcp.callsAtMillis, "on time again: a plain delay_loop");
    }

    @Test
    void theLatenessCountedIsAtMostHalfTheDelay() {
        Fixture f = new Fixture().bindTcp();
        f.simple();
        f.advance(0.999);
        f.loop.skip(java.time.Duration.ofMillis(7001)); // 7 s late at delay_loop 10 s
        f.advance(0);
        assertEquals(List.of(8000L), f.tcp.callsAtMillis);
        f.advance(5);
        assertEquals(List.of(8000L, 13000L), f.tcp.callsAtMillis, "10 s less 5 s, not less 7 s");
    }

    @Test
    void checksBunchedByAPauseGoBackToTheirOwnTimes() {
        Fixture f = new Fixture().bindTcp();
        f.engine.updateVirtualServer(Fixture.VS, Fixture.vs());
        for (int i = 0; i < 3; i++) { // created 10 ms apart: first checks at 1,000, 1,010 and 1,020 ms
            String rs = "rs" + i;
            f.engine.updateRealServer(rs, Fixture.rsAt("198.18.2." + (i + 1), 80));
            f.engine.updateChecker("c" + i, Fixture.checker("TCP_CHECK", 0, rs));
            f.advance(0.010);
        }
        f.advance(1);
        assertEquals(List.of(1000L, 1010L, 1020L), f.tcp.callsAtMillis);
        f.advance(9.969); // 10,999 ms
        f.loop.skip(java.time.Duration.ofMillis(51)); // the engine pauses over all three due times
        f.advance(0);
        assertEquals(List.of(1000L, 1010L, 1020L, 11050L, 11050L, 11050L), f.tcp.callsAtMillis, "together, late");
        f.advance(10);
        assertEquals(List.of(1000L, 1010L, 1020L, 11050L, 11050L, 11050L, 21000L, 21010L, 21020L),
                f.tcp.callsAtMillis, "each back at its own time, not all at 21,050");
    }

    @Test
    void timerHeapOrdersAndRemoves() {
        TimerHeap heap = new TimerHeap();
        Random r = new Random(3);
        List<Timer> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Timer t = new Timer() {
                @Override
                protected void fire() {
                }
            };
            heap.schedule(t, r.nextInt(100_000));
            all.add(t);
        }
        for (int i = 0; i < 300; i++) {
            heap.cancel(all.get(i));
        }
        for (int i = 300; i < 400; i++) {
            heap.schedule(all.get(i), r.nextInt(100_000)); // reschedule in place
        }
        assertEquals(700, heap.size());
        long last = Long.MIN_VALUE;
        int n = 0;
        Timer t;
        while ((t = heap.pollDue(Long.MAX_VALUE / 2)) != null) {
            assertTrue(t.due() >= last);
            last = t.due();
            n++;
        }
        assertEquals(700, n);
        assertNull(heap.peek());
        Timer a = all.get(0);
        heap.schedule(a, 10);
        assertNull(heap.pollDue(9));
        assertSame(a, heap.pollDue(10));
    }

    @Test
    void lagHistogramPercentiles() {
        LagHistogram h = new LagHistogram();
        for (int i = 0; i < 99; i++) {
            h.record(50_000); // 50 µs
        }
        h.record(20_000_000); // 20 ms
        LagHistogram.Snapshot s = h.snapshot();
        assertEquals(100, s.count());
        assertEquals(100_000, s.percentileNanos(0.5));
        assertEquals(100_000, s.percentileNanos(0.99));
        assertEquals(20_000_000, s.percentileNanos(1.0));
        assertEquals(20_000_000, s.maxNanos());
        h.record(-5);
        h.record(5_000_000_000L);
        assertEquals(5_000_000_000L, h.snapshot().percentileNanos(1.0), "overflow bucket answers the max");
        assertTrue(h.snapshot().line().startsWith("checks=102 "));
        h.reset();
        assertEquals(0, h.snapshot().count());
    }
}
