package org.calpe.lvs.engine;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.calpe.net.api.ThreadScheduling;

/**
 * The scheduling class of the check engine's thread, from {@code global_defs}: {@code checker_rt_priority N}
 * puts it in {@code SCHED_RR} with priority N, {@code checker_priority N} in the normal class with nice value N
 * (keepalived applies them to its checker process). Without either, Calpe uses {@code SCHED_RR} priority 1, as
 * for its VRRP threads: the engine thread only hands due checks over (microseconds each), but on a busy machine a
 * normal thread waits for a time slice, and a check then starts tens of milliseconds after its due time (the start
 * lag: p99 24 ms at 12,000 checks a second here, 6 ms with SCHED_RR); {@code checker_priority 0} gives the
 * ordinary class. With a collector that runs beside the application (Shenandoah, the launcher's) a real-time Java
 * thread can starve the machine ({@link ThreadScheduling#realtimeHazard()}): then the default, and a configured
 * {@code checker_rt_priority}, become nice -20, the most favoured ordinary class. Only the engine thread is changed
 * here, not the checkers' I/O loops, which do the checks' work.
 * <p>
 * Linux threads inherit the class and nice value of the thread that creates them, so the threads the engine thread
 * relies on are started by their owners when they are made (the checkers' event loops, the script runner's
 * threads): scripts run in the ordinary class, as keepalived's.
 */
final class EnginePriority {
    private EnginePriority() {
    }

    /** Calpe's real-time priority for the engine thread when the configuration names no class. */
    static final int DEFAULT_RT_PRIORITY = 1;

    /** Calpe's class when real-time is unsafe in this JVM ({@link ThreadScheduling#realtimeHazard()}). */
    static final int DEFAULT_NICE = -20;

    /** In {@link #apply}'s result when a configured real-time priority was replaced (the caller warns). */
    static final String NOT_APPLIED = "not applied";

    /**
     * Applies the configured class (or Calpe's default) to the calling thread.
     *
     * @return what was done, for the log
     * @throws IOException if the kernel refuses
     */
    static String apply(ThreadScheduling scheduling, Map<String, Object> config) throws IOException {
        Props p = new Props(config == null ? Map.of() : config);
        Optional<String> hazard = scheduling.realtimeHazard();
        OptionalLong rt = p.number("checker_rt_priority");
        if (rt.isPresent() && hazard.isPresent()) {
            scheduling.nice(DEFAULT_NICE);
            return "nice " + DEFAULT_NICE + ": checker_rt_priority " + rt.getAsLong() + " " + NOT_APPLIED + " ("
                    + hazard.get() + "; a stop-the-world collector, -XX:+UseSerialGC in CALPE_JAVA_OPTS, allows"
                    + " real-time)";
        }
        if (rt.isPresent()) {
            scheduling.realtime((int) rt.getAsLong());
            return "SCHED_RR priority " + rt.getAsLong() + " (checker_rt_priority)";
        }
        OptionalLong nice = p.number("checker_priority");
        if (nice.isPresent()) {
            scheduling.nice((int) nice.getAsLong());
            return "nice " + nice.getAsLong() + " (checker_priority)";
        }
        if (hazard.isPresent()) {
            scheduling.nice(DEFAULT_NICE);
            return "nice " + DEFAULT_NICE + " (Calpe's default with this collector: " + hazard.get() + ")";
        }
        scheduling.realtime(DEFAULT_RT_PRIORITY);
        return "SCHED_RR priority " + DEFAULT_RT_PRIORITY + " (Calpe's default; checker_priority 0 for none)";
    }
}
