package org.calpe.lvs.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.calpe.net.api.SchedulingClass;
import org.calpe.net.api.ThreadScheduling;
import org.junit.jupiter.api.Test;

class EnginePriorityTest {
    private final List<String> calls = new ArrayList<>();
    private final ThreadScheduling recording = new ThreadScheduling() {
        @Override
        public void realtime(int priority) {
            calls.add("rr " + priority);
        }

        @Override
        public void nice(int nice) throws IOException {
            if (nice < 0 && nice < -20) {
                throw new IOException("refused");
            }
            calls.add("nice " + nice);
        }

        @Override
        public Optional<String> realtimeHazard() {
            return hazard;
        }
    };
    private Optional<String> hazard = Optional.empty();

    @Test
    void withAConcurrentCollectorTheDefaultIsTheMostFavouredOrdinaryClass() throws IOException {
        hazard = ThreadScheduling.realtimeHazard(List.of("Shenandoah Pauses", "Shenandoah Cycles"));
        SchedulingClass c = EnginePriority.apply(recording, Map.of("router_id", "x"));
        assertEquals(List.of("nice -20"), calls);
        assertTrue(c.toString().contains("Shenandoah") && c.refusedRealtime().isEmpty(), c.toString());
    }

    @Test
    void withAConcurrentCollectorAConfiguredRealTimePriorityIsNotApplied() throws IOException {
        hazard = ThreadScheduling.realtimeHazard(List.of("ZGC Cycles", "ZGC Pauses"));
        SchedulingClass c = EnginePriority.apply(recording, Map.of("checker_rt_priority", 5));
        assertEquals(List.of("nice -20"), calls);
        assertEquals(java.util.OptionalInt.of(5), c.refusedRealtime());
        assertTrue(c.toString().startsWith("nice -20 (checker_rt_priority 5 not applied: the JVM's collector (ZGC"),
                c.toString());
        assertEquals("nice -3 (checker_priority)",
                EnginePriority.apply(recording, Map.of("checker_priority", -3)).toString());
    }

    @Test
    void nothingConfiguredIsRealTimePriorityOne() throws IOException {
        assertEquals("SCHED_RR priority 1 (Calpe's default; checker_priority 0 for none)",
                EnginePriority.apply(recording, Map.of("router_id", "x")).toString());
        assertEquals(List.of("rr 1"), calls);
    }

    @Test
    void checkerPriorityZeroIsTheOrdinaryClass() throws IOException {
        assertEquals("nice 0 (checker_priority)",
                EnginePriority.apply(recording, Map.of("checker_priority", "0")).toString());
        assertEquals(List.of("nice 0"), calls);
    }

    @Test
    void checkerPriorityIsANiceValue() throws IOException {
        assertEquals("nice -10 (checker_priority)",
                EnginePriority.apply(recording, Map.of("checker_priority", "-10")).toString());
        assertEquals(List.of("nice -10"), calls);
    }

    @Test
    void realtimeWinsOverNice() throws IOException {
        assertEquals("SCHED_RR priority 5 (checker_rt_priority)",
                EnginePriority.apply(recording, Map.of("checker_priority", -5, "checker_rt_priority", 5)).toString());
        assertEquals(List.of("rr 5"), calls);
    }

    @Test
    void aRefusalIsReported() {
        assertThrows(IOException.class, () -> EnginePriority.apply(recording, Map.of("checker_priority", "-40")));
    }
}
