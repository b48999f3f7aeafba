package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.calpe.net.api.ThreadScheduling;
import org.junit.jupiter.api.Test;

/** global_defs vrrp_rt_priority / vrrp_priority to the VRRP threads' scheduling class. */
class LoopPriorityTest {

    private final List<String> calls = new ArrayList<>();
    private final ThreadScheduling fake = new Recording(Optional.empty());

    /** A JVM whose collector makes real-time threads unsafe (Shenandoah). */
    private final ThreadScheduling concurrentCollector = new Recording(
            ThreadScheduling.realtimeHazard(List.of("Shenandoah Pauses", "Shenandoah Cycles")));

    /** Records the classes asked for; {@code hazard} is the JVM's {@link ThreadScheduling#realtimeHazard()}. */
    private final class Recording implements ThreadScheduling {
        private final Optional<String> hazard;

        Recording(Optional<String> hazard) {
            this.hazard = hazard;
        }

        @Override
        public void realtime(int priority) {
            calls.add("rr " + priority);
        }

        @Override
        public void nice(int nice) {
            calls.add("nice " + nice);
        }

        @Override
        public Optional<String> realtimeHazard() {
            return hazard;
        }
    }

    @Test
    void withAConcurrentCollectorTheDefaultIsTheMostFavouredOrdinaryClass() {
        String what = LoopPriority.apply(concurrentCollector, new Props(Map.of()));
        assertEquals(List.of("nice -20"), calls);
        assertTrue(what.contains("Shenandoah"), what);
    }

    @Test
    void withAConcurrentCollectorAConfiguredRealTimePriorityIsNotApplied() {
        LoopPriority.apply(concurrentCollector, new Props(Map.of("vrrp_rt_priority", 40)));
        LoopPriority.apply(concurrentCollector, new Props(Map.of("vrrp_priority", -5)));
        assertEquals(List.of("nice -20", "nice -5"), calls);
    }

    @Test
    void realTimePriorityFromTheConfiguration() {
        LoopPriority.apply(fake, new Props(Map.of("vrrp_rt_priority", 40)));
        assertEquals(List.of("rr 40"), calls);
    }

    @Test
    void niceValueFromTheConfiguration() {
        LoopPriority.apply(fake, new Props(Map.of("vrrp_priority", -10)));
        LoopPriority.apply(fake, new Props(Map.of("vrrp_priority", 0)));
        assertEquals(List.of("nice -10", "nice 0"), calls);
    }

    @Test
    void realTimeOneByDefault() {
        LoopPriority.apply(fake, new Props(Map.of()));
        assertEquals(List.of("rr 1"), calls);
    }

    @Test
    void aRefusalLeavesTheThreadAsItIs() throws Exception {
        ThreadScheduling refusing = new ThreadScheduling() {
            @Override
            public void realtime(int priority) throws IOException {
                throw new IOException("sched_setscheduler: Operation not permitted");
            }

            @Override
            public void nice(int nice) throws IOException {
                throw new IOException("setpriority: Permission denied");
            }

            @Override
            public Optional<String> realtimeHazard() {
                return Optional.empty();
            }
        };
        assertEquals("unchanged", LoopPriority.apply(refusing, new Props(Map.of())));
        List<String> ran = new ArrayList<>();
        Thread t = new Thread(LoopPriority.wrap(() -> ran.add("ran"), refusing, Map.of("vrrp_priority", -5)));
        t.start();
        t.join(5000);
        assertTrue(ran.contains("ran"), "the task runs even when the class cannot be set");
    }
}
