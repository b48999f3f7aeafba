package org.calpe.vrrp.core.runtime;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import org.calpe.net.api.ThreadScheduling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduling class of the VRRP threads, from {@code global_defs}: {@code vrrp_rt_priority N} puts them in
 * {@code SCHED_RR} with priority N, {@code vrrp_priority N} in the normal class with nice value N (as keepalived's
 * VRRP process). Without either, Calpe uses {@code SCHED_RR} priority 1 — keepalived's own start-up notice
 * recommends real-time scheduling ({@code max_auto_priority}) — because a failover is only as fast as the
 * wake-up of the thread whose timer expires, and on a busy machine a normal thread waits for a time slice;
 * {@code vrrp_priority 0} gives the ordinary class. With a collector that runs beside the application
 * (Shenandoah, the launcher's; ZGC; G1) a real-time Java thread can starve the machine
 * ({@link ThreadScheduling#realtimeHazard()}): then the default, and a configured {@code vrrp_rt_priority}, become
 * nice -20, the most favoured ordinary class, with a warning for the latter. The receive threads inherit the class
 * from the loop thread that opens their sockets. A refusal (no privilege) is logged and the thread runs as it is.
 */
final class LoopPriority {
    /** Calpe's real-time priority when the configuration names none. */
    static final int DEFAULT_RT_PRIORITY = 1;
    /** Calpe's class when real-time is unsafe in this JVM ({@link ThreadScheduling#realtimeHazard()}). */
    static final int DEFAULT_NICE = -20;
    private static final Logger LOG = LoggerFactory.getLogger("org.calpe.vrrp");

    private LoopPriority() {
    }

    /** {@code task}, first setting the running thread's class from {@code global}. */
    static Runnable wrap(Runnable task, ThreadScheduling scheduling, Map<String, ?> global) {
        Props p = new Props(global == null ? Map.of() : global);
        return () -> {
            apply(scheduling, p);
            task.run();
        };
    }

    static String apply(ThreadScheduling scheduling, Props p) {
        String what;
        try {
            Optional<String> hazard = scheduling.realtimeHazard();
            if (p.has("vrrp_rt_priority") && hazard.isPresent()) {
                LOG.warn("vrrp_rt_priority {} is not applied: {}; the VRRP threads run nice {} instead"
                        + " (a stop-the-world collector, -XX:+UseSerialGC in CALPE_JAVA_OPTS, allows real-time)",
                        p.integer("vrrp_rt_priority", DEFAULT_RT_PRIORITY), hazard.get(), DEFAULT_NICE);
                what = "nice " + DEFAULT_NICE + " (vrrp_rt_priority not applied with this collector)";
                scheduling.nice(DEFAULT_NICE);
            } else if (p.has("vrrp_rt_priority")) {
                int prio = p.integer("vrrp_rt_priority", DEFAULT_RT_PRIORITY);
                what = "SCHED_RR priority " + prio + " (vrrp_rt_priority)";
                scheduling.realtime(prio);
            } else if (p.has("vrrp_priority")) {
                int nice = p.integer("vrrp_priority", 0);
                what = "nice " + nice + " (vrrp_priority)";
                scheduling.nice(nice);
            } else if (hazard.isPresent()) {
                what = "nice " + DEFAULT_NICE + " (Calpe's default with this collector: " + hazard.get() + ")";
                scheduling.nice(DEFAULT_NICE);
            } else {
                what = "SCHED_RR priority " + DEFAULT_RT_PRIORITY + " (Calpe's default; vrrp_priority 0 for none)";
                scheduling.realtime(DEFAULT_RT_PRIORITY);
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("VRRP thread {} keeps its scheduling class: {}", Thread.currentThread().getName(),
                    e.getMessage());
            return "unchanged";
        }
        LOG.info("VRRP thread {} runs {}", Thread.currentThread().getName(), what);
        return what;
    }
}
