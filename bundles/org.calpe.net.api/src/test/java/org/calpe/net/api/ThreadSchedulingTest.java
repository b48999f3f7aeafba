package org.calpe.net.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ThreadSchedulingTest {

    @Test
    void stopTheWorldCollectorsAreSafeForRealTime() {
        assertEquals(Optional.empty(), ThreadScheduling.realtimeHazard(List.of("Copy", "MarkSweepCompact")));
        assertEquals(Optional.empty(), ThreadScheduling.realtimeHazard(List.of("PS Scavenge", "PS MarkSweep")));
    }

    @Test
    void concurrentCollectorsAreNamedAsTheHazard() {
        for (List<String> names : List.of(List.of("Shenandoah Pauses", "Shenandoah Cycles"),
                List.of("ZGC Cycles", "ZGC Pauses"), List.of("G1 Young Generation", "G1 Old Generation"))) {
            Optional<String> hazard = ThreadScheduling.realtimeHazard(names);
            assertTrue(hazard.isPresent(), names.toString());
            assertTrue(hazard.get().contains(names.get(0)), hazard.get());
        }
    }
}
