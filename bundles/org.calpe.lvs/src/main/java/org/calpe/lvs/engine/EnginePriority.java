package org.calpe.lvs.engine;

import java.io.IOException;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.calpe.net.api.SchedulingClass;
import org.calpe.net.api.ThreadScheduling;

/**
 * The scheduling class of the check engine's thread, from {@code global_defs}: {@code checker_rt_priority N}
 * puts it in {@code SCHED_RR} with priority N, {@code checker_priority N} in the normal class with nice value N
 * (keepalived applies them to its checker process). Without either, Calpe uses {@code SCHED_RR} priority 1, as
 * for its VRRP threads: the engine thread only hands due checks over (microseconds each), but on a busy machine a
 * normal thread waits for a time slice, and a check then starts tens of milliseconds after its due time (the start
 * lag: p99 24 ms at 12,000 checks a second here, 6 ms with SCHED_RR); {@code checker_priority 0} gives the
 * ordinary class. With a collector that runs beside the application (Shenandoah, ZGC, G1) a real-time Java
 * thread can starve the machine ({@link ThreadScheduling#realtimeHazard()}): then the default, and a configured
 * {@code checker_rt_priority}, become nice -20, the most favoured ordinary class. Only the engine thread is changed
 * here, not the checkers' I/O loops, which do the checks' work.
 * <p>
 * Linux threads inherit the class and nice value of the thread that creates them, so the threads the engine thread
 * relies on are started by their owners when they are made (the checkers' event loops, the script runner's
 * threads): scripts run in the ordinary class, as keepalived's. The choice is {@link SchedulingClass}'s, shared
 * with the VRRP threads.
 */
final class EnginePriority {
    private EnginePriority() {
    }

    /**
     * Applies the configured class (or Calpe's default) to the calling thread.
     *
     * @return what was done (a configured real-time priority not applied is in
     *         {@link SchedulingClass#refusedRealtime()}: the caller warns)
     * @throws IOException if the kernel refuses
     */
    static SchedulingClass apply(ThreadScheduling scheduling, Map<String, Object> config) throws IOException {
        Props p = new Props(config == null ? Map.of() : config);
        SchedulingClass c = SchedulingClass.choose("checker_rt_priority", integer(p, "checker_rt_priority"),
                "checker_priority", integer(p, "checker_priority"), scheduling.realtimeHazard());
        c.applyTo(scheduling);
        return c;
    }

    private static OptionalInt integer(Props p, String key) {
        OptionalLong n = p.number(key);
        return n.isPresent() ? OptionalInt.of((int) n.getAsLong()) : OptionalInt.empty();
    }
}
