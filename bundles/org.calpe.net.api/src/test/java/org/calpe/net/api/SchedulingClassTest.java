package org.calpe.net.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class SchedulingClassTest {
    private static final Optional<String> SHENANDOAH = ThreadScheduling.realtimeHazard(
            List.of("Shenandoah Pauses", "Shenandoah Cycles"));
    private static final OptionalInt NONE = OptionalInt.empty();

    private static SchedulingClass choose(OptionalInt rt, OptionalInt nice, Optional<String> hazard) {
        return SchedulingClass.choose("vrrp_rt_priority", rt, "vrrp_priority", nice, hazard);
    }

    @Test
    void withoutKeywordsRealTimeOneUnlessTheCollectorForbidsIt() {
        assertEquals("SCHED_RR priority 1 (Calpe's default; vrrp_priority 0 for none)",
                choose(NONE, NONE, Optional.empty()).toString());
        SchedulingClass c = choose(NONE, NONE, SHENANDOAH);
        assertFalse(c.realtime());
        assertEquals(-20, c.value());
        assertTrue(c.toString().startsWith("nice -20 (Calpe's default with this collector: the JVM's collector"
                + " (Shenandoah Pauses, Shenandoah Cycles)"), c.toString());
        assertTrue(c.refusedRealtime().isEmpty(), "nothing configured, nothing refused");
    }

    @Test
    void theRealTimeKeywordWinsOverTheNiceOneUnlessTheCollectorForbidsIt() {
        assertEquals("SCHED_RR priority 40 (vrrp_rt_priority)",
                choose(OptionalInt.of(40), OptionalInt.of(-5), Optional.empty()).toString());
        SchedulingClass refused = choose(OptionalInt.of(40), OptionalInt.of(-5), SHENANDOAH);
        assertEquals("nice -20", (refused.realtime() ? "rr " : "nice ") + refused.value());
        assertEquals(OptionalInt.of(40), refused.refusedRealtime());
        assertTrue(refused.reason().startsWith("vrrp_rt_priority 40 not applied: "), refused.reason());
    }

    @Test
    void theNiceKeywordIsAppliedAsGivenWithAnyCollector() {
        assertEquals("nice 0 (vrrp_priority)", choose(NONE, OptionalInt.of(0), Optional.empty()).toString());
        assertEquals("nice -5 (vrrp_priority)", choose(NONE, OptionalInt.of(-5), SHENANDOAH).toString());
    }

    @Test
    void applyToSetsTheClass() throws Exception {
        List<String> calls = new ArrayList<>();
        ThreadScheduling recording = new ThreadScheduling() {
            @Override
            public void realtime(int priority) {
                calls.add("rr " + priority);
            }

            @Override
            public void nice(int nice) {
                calls.add("nice " + nice);
            }
        };
        choose(OptionalInt.of(7), NONE, Optional.empty()).applyTo(recording);
        choose(NONE, OptionalInt.of(3), Optional.empty()).applyTo(recording);
        assertEquals(List.of("rr 7", "nice 3"), calls);
    }
}
