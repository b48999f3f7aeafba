package org.calpe.lvs.engine;

import java.io.IOException;
import java.util.Map;
import java.util.OptionalLong;

import org.calpe.net.api.ThreadScheduling;

/**
 * The scheduling class of the check engine's thread, from {@code global_defs}: {@code checker_rt_priority N}
 * puts it in {@code SCHED_RR} with priority N, {@code checker_priority N} in the normal class with nice value N
 * (keepalived applies them to its checker process). Only the engine thread (the scheduler that starts the checks)
 * is changed here, not the checkers' I/O loops; without either keyword nothing changes. A start lag (due time →
 * check handed over) beyond a few milliseconds on a busy machine is the engine thread waiting for a time slice,
 * which a negative nice value or SCHED_RR shortens.
 * <p>
 * Linux threads inherit the class and nice value of the thread that creates them: a thread first started from
 * the engine thread (an event loop a checker starts lazily, the script runner's pool) runs with it too.
 */
final class EnginePriority {
    private EnginePriority() {
    }

    /**
     * Applies the configured class to the calling thread.
     *
     * @return what was done, for the log; empty when nothing is configured
     * @throws IOException if the kernel refuses
     */
    static String apply(ThreadScheduling scheduling, Map<String, Object> config) throws IOException {
        Props p = new Props(config == null ? Map.of() : config);
        OptionalLong rt = p.number("checker_rt_priority");
        if (rt.isPresent()) {
            scheduling.realtime((int) rt.getAsLong());
            return "SCHED_RR priority " + rt.getAsLong() + " (checker_rt_priority)";
        }
        OptionalLong nice = p.number("checker_priority");
        if (nice.isPresent()) {
            scheduling.nice((int) nice.getAsLong());
            return "nice " + nice.getAsLong() + " (checker_priority)";
        }
        return "";
    }
}
