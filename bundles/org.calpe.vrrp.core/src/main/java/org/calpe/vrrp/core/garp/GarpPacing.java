package org.calpe.vrrp.core.garp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which interfaces space their GARPs/NAs and by how much: keepalived's {@code garp_delay_t}. One pacing state
 * exists per {@code garp_group} (shared by every interface listed in it) and, when {@code vrrp_garp_interval}
 * or {@code vrrp_gna_interval} is set in global_defs, one per other base interface with the global values
 * (set_default_garp_delay). An interface without either sends every packet at once.
 *
 * <p>A garp_group's values do not inherit the globals: a group with only {@code gna_interval} leaves its
 * interfaces' GARPs unpaced (keepalived sets {@code have_garp_interval} only from the group's own keyword).
 * {@code garp_interval 0} in a group counts as set, and paces nothing.
 */
public final class GarpPacing {

    /** One pacing definition; {@code null} intervals are unset. */
    public record Spec(Duration garpInterval, Duration gnaInterval) {
        long garpNanos() {
            return garpInterval == null ? -1 : garpInterval.toNanos();
        }

        long gnaNanos() {
            return gnaInterval == null ? -1 : gnaInterval.toNanos();
        }
    }

    private final Spec global;
    private final Map<Integer, Integer> groupOf;
    private final List<Spec> groups;

    private GarpPacing(Spec global, Map<Integer, Integer> groupOf, List<Spec> groups) {
        this.global = global;
        this.groupOf = Map.copyOf(groupOf);
        this.groups = List.copyOf(groups);
    }

    /** No pacing at all (keepalived's default). */
    public static GarpPacing none() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Creates the mutable per-run state: one pacer per group and one per base interface under globals. */
    Pacers newPacers() {
        return new Pacers();
    }

    /** Builds a {@link GarpPacing}. */
    public static final class Builder {
        private Duration globalGarp;
        private Duration globalGna;
        private final Map<Integer, Integer> groupOf = new HashMap<>();
        private final List<Spec> groups = new ArrayList<>();

        /** {@code vrrp_garp_interval} / {@code vrrp_gna_interval}; zero or null means unset, as in keepalived. */
        public Builder global(Duration garpInterval, Duration gnaInterval) {
            this.globalGarp = garpInterval == null || garpInterval.isZero() ? null : garpInterval;
            this.globalGna = gnaInterval == null || gnaInterval.isZero() ? null : gnaInterval;
            return this;
        }

        /**
         * One {@code garp_group}: {@code null} intervals are absent. An interface already in a group is
         * rejected, as keepalived does ("garp_group already specified for %s - ignoring").
         */
        public Builder group(Duration garpInterval, Duration gnaInterval, Collection<Integer> baseIfindexes) {
            if (garpInterval == null && gnaInterval == null) {
                throw new IllegalArgumentException("garp group does not have any delay set");
            }
            int id = groups.size();
            groups.add(new Spec(garpInterval, gnaInterval));
            for (Integer ifindex : baseIfindexes) {
                Objects.requireNonNull(ifindex);
                if (groupOf.putIfAbsent(ifindex, id) != null) {
                    throw new IllegalArgumentException("garp_group already specified for ifindex " + ifindex);
                }
            }
            return this;
        }

        public GarpPacing build() {
            Spec g = globalGarp == null && globalGna == null ? null : new Spec(globalGarp, globalGna);
            return new GarpPacing(g, groupOf, groups);
        }
    }

    /** Mutable pacing state for one scheduler. */
    final class Pacers {
        private final Map<Integer, Pacer> byGroup = new HashMap<>();
        private final Map<Integer, Pacer> byInterface = new HashMap<>();

        /** The pacer for a base interface, or {@code null} if its packets are never delayed. */
        Pacer forBase(int baseIfindex) {
            Integer group = groupOf.get(baseIfindex);
            if (group != null) {
                return byGroup.computeIfAbsent(group, g -> new Pacer(groups.get(g)));
            }
            if (global == null) {
                return null;
            }
            return byInterface.computeIfAbsent(baseIfindex, i -> new Pacer(global));
        }
    }

    /** keepalived's garp_delay_t: the interval and the next time a packet may leave, per family. */
    static final class Pacer {
        private final long[] interval = new long[2];
        private final long[] next = new long[2];
        private final boolean[] nextSet = new boolean[2];

        Pacer(Spec spec) {
            interval[0] = spec.garpNanos();
            interval[1] = spec.gnaNanos();
        }

        /** have_garp_interval / have_gna_interval. */
        boolean paces(int family) {
            return interval[family] >= 0;
        }

        long interval(int family) {
            return interval[family];
        }

        /** A packet must wait: pacing on, a packet already sent, and its spacing not yet over. */
        boolean mustWait(int family, long now) {
            return paces(family) && nextSet[family] && now < next[family];
        }

        /** True when a queued packet may go now (keepalived: time_now >= next_time). */
        boolean ready(int family, long now) {
            return !nextSet[family] || now >= next[family];
        }

        long next(int family) {
            return next[family];
        }

        /** Notes a packet sent at {@code now}. */
        void sent(int family, long now) {
            if (paces(family)) {
                next[family] = now + interval[family];
                nextSet[family] = true;
            }
        }
    }
}
