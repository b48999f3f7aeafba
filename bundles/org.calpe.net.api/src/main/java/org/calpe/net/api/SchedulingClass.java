package org.calpe.net.api;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The scheduling class a Calpe thread gets from keepalived's two {@code global_defs} keywords for it — a real-time
 * priority ({@code vrrp_rt_priority}, {@code checker_rt_priority}) or a nice value ({@code vrrp_priority},
 * {@code checker_priority}; the real-time priority wins when both are given) — and Calpe's default without
 * either: {@code SCHED_RR} priority {@value #DEFAULT_RT_PRIORITY}, because a timer is only as punctual as the
 * wake-up of its thread. When real time is unsafe in this JVM ({@link ThreadScheduling#realtimeHazard()}) the
 * default, and a configured real-time priority, become nice {@value #DEFAULT_NICE}, the most favoured ordinary
 * class; the latter is reported in {@link #refusedRealtime()} so that the caller warns.
 *
 * @param realtime {@code SCHED_RR} with priority {@code value}, else the ordinary class with nice {@code value}
 * @param value the real-time priority or the nice value
 * @param reason why, for the log: the keyword, or Calpe's default (with the hazard when there is one)
 * @param refusedRealtime the configured real-time priority that is not applied, or empty
 */
public record SchedulingClass(boolean realtime, int value, String reason, OptionalInt refusedRealtime) {
    /** Calpe's real-time priority when the configuration names no class. */
    public static final int DEFAULT_RT_PRIORITY = 1;
    /** Calpe's class when real time is unsafe in this JVM. */
    public static final int DEFAULT_NICE = -20;

    /**
     * @param rtKeyword the real-time keyword's name, for the reason
     * @param rt its configured value, if any
     * @param niceKeyword the nice keyword's name, for the reason
     * @param nice its configured value, if any
     * @param hazard {@link ThreadScheduling#realtimeHazard()}
     */
    public static SchedulingClass choose(String rtKeyword, OptionalInt rt, String niceKeyword, OptionalInt nice,
            Optional<String> hazard) {
        if (rt.isPresent() && hazard.isPresent()) {
            return new SchedulingClass(false, DEFAULT_NICE, rtKeyword + " " + rt.getAsInt() + " not applied: "
                    + hazard.get() + "; a stop-the-world collector, -XX:+UseSerialGC in CALPE_JAVA_OPTS, allows"
                    + " real-time", rt);
        }
        if (rt.isPresent()) {
            return new SchedulingClass(true, rt.getAsInt(), rtKeyword, OptionalInt.empty());
        }
        if (nice.isPresent()) {
            return new SchedulingClass(false, nice.getAsInt(), niceKeyword, OptionalInt.empty());
        }
        if (hazard.isPresent()) {
            return new SchedulingClass(false, DEFAULT_NICE, "Calpe's default with this collector: " + hazard.get(),
                    OptionalInt.empty());
        }
        return new SchedulingClass(true, DEFAULT_RT_PRIORITY, "Calpe's default; " + niceKeyword + " 0 for none",
                OptionalInt.empty());
    }

    /**
     * Gives the calling thread this class.
     *
     * @throws IOException if the kernel refuses
     */
    public void applyTo(ThreadScheduling scheduling) throws IOException {
        if (realtime) {
            scheduling.realtime(value);
        } else {
            scheduling.nice(value);
        }
    }

    /**
     * E.g. {@code SCHED_RR priority 1 (Calpe's default; vrrp_priority 0 for none)}, {@code nice -3 (vrrp_priority)}.
     */
    @Override
    public String toString() {
        return (realtime ? "SCHED_RR priority " : "nice ") + value + " (" + reason + ")";
    }
}
