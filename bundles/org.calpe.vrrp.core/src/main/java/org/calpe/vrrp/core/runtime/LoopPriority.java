package org.calpe.vrrp.core.runtime;

import java.io.IOException;
import java.util.Map;
import java.util.OptionalInt;

import org.calpe.net.api.SchedulingClass;
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
 * (Shenandoah, ZGC, G1) a real-time Java thread can starve the machine
 * ({@link ThreadScheduling#realtimeHazard()}): then the default, and a configured {@code vrrp_rt_priority}, become
 * nice -20, the most favoured ordinary class, with a warning for the latter. The receive threads inherit the class
 * from the loop thread that opens their sockets. A refusal (no privilege) is logged and the thread runs as it is.
 * The choice is {@link SchedulingClass}'s, shared with the check engine.
 */
final class LoopPriority {
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
        SchedulingClass c;
        try {
            OptionalInt rt = optional(p, "vrrp_rt_priority", SchedulingClass.DEFAULT_RT_PRIORITY);
            c = SchedulingClass.choose("vrrp_rt_priority", rt, "vrrp_priority", optional(p, "vrrp_priority", 0),
                    scheduling.realtimeHazard());
            c.applyTo(scheduling);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("VRRP thread {} keeps its scheduling class: {}", Thread.currentThread().getName(),
                    e.getMessage());
            return "unchanged";
        }
        if (c.refusedRealtime().isPresent()) {
            LOG.warn("VRRP thread {} runs {}", Thread.currentThread().getName(), c);
        } else {
            LOG.info("VRRP thread {} runs {}", Thread.currentThread().getName(), c);
        }
        return c.toString();
    }

    private static OptionalInt optional(Props p, String key, int fallback) {
        return p.has(key) ? OptionalInt.of(p.integer(key, fallback)) : OptionalInt.empty();
    }
}
