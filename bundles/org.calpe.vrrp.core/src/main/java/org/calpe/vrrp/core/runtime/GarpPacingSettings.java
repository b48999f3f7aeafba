package org.calpe.vrrp.core.runtime;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

import org.calpe.net.api.LinkInfo;
import org.calpe.vrrp.core.garp.GarpPacing;

/**
 * The GARP/NA pacing of {@code org.calpe.Global}: {@code vrrp_garp_interval} and {@code vrrp_gna_interval}
 * (decimal seconds, microsecond resolution; 0 is unset) and the {@code garp_group} blocks, one rendered line each
 * ({@code garp_interval S gna_interval S interface NAME} or {@code … interfaces { NAME NAME }}). A value: equal
 * settings need no new {@link GarpPacing}.
 *
 * @param garpInterval {@code vrrp_garp_interval}, null if unset
 * @param gnaInterval  {@code vrrp_gna_interval}, null if unset
 * @param groups       the garp_groups in configuration order
 */
record GarpPacingSettings(Duration garpInterval, Duration gnaInterval, List<Group> groups) {

    /** One {@code garp_group}; null intervals are absent. */
    record Group(Duration garpInterval, Duration gnaInterval, List<String> interfaces) {
        Group {
            interfaces = List.copyOf(interfaces);
        }
    }

    GarpPacingSettings {
        groups = List.copyOf(groups);
    }

    /** Reads the settings; a garp_group line that cannot be read is reported and left out. */
    static GarpPacingSettings of(Props global, Consumer<String> problems) {
        List<Group> groups = new ArrayList<>();
        for (String line : global.lines("garp_group")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                groups.add(group(line));
            } catch (IllegalArgumentException e) {
                problems.accept("garp_group '" + line + "' cannot be used: " + e.getMessage());
            }
        }
        return new GarpPacingSettings(seconds(global.number("vrrp_garp_interval").orElse(null)),
                seconds(global.number("vrrp_gna_interval").orElse(null)), groups);
    }

    private static Group group(String line) {
        List<String> w = TrackFileSpec.words(line);
        Duration garp = null;
        Duration gna = null;
        List<String> interfaces = new ArrayList<>();
        for (int i = 0; i < w.size(); i++) {
            switch (w.get(i)) {
                case "garp_interval" -> garp = seconds(number(w, ++i));
                case "gna_interval" -> gna = seconds(number(w, ++i));
                case "interface" -> {
                    if (i + 1 >= w.size()) {
                        throw new IllegalArgumentException("interface without a name");
                    }
                    interfaces.add(w.get(++i));
                }
                case "interfaces" -> {
                    if (i + 1 < w.size() && w.get(i + 1).equals("{")) {
                        i++;
                    }
                    while (i + 1 < w.size() && !w.get(i + 1).equals("}")) {
                        interfaces.add(w.get(++i));
                    }
                    i++; // the closing brace
                }
                default -> throw new IllegalArgumentException("unexpected '" + w.get(i) + "'");
            }
        }
        return new Group(garp, gna, interfaces);
    }

    private static double number(List<String> w, int i) {
        if (i >= w.size()) {
            throw new IllegalArgumentException("interval without a value");
        }
        return Double.parseDouble(w.get(i));
    }

    /** Decimal seconds to microseconds, as keepalived reads them; null stays null. */
    private static Duration seconds(Double s) {
        return s == null ? null : Duration.ofNanos(Math.round(s * 1_000_000) * 1000L);
    }

    /**
     * The pacing for these settings, with each garp_group interface resolved to its ifindex ({@code ifindex}
     * returns 0 for an interface that does not exist, which is logged and left out, as keepalived does).
     */
    GarpPacing resolve(ToIntFunction<String> ifindex, Consumer<String> log) {
        GarpPacing.Builder b = GarpPacing.builder().global(garpInterval, gnaInterval);
        List<Integer> used = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            if (group.garpInterval() == null && group.gnaInterval() == null) {
                log.accept("garp group " + g + " does not have any delay set - removing");
                continue;
            }
            List<Integer> indexes = new ArrayList<>();
            for (String name : group.interfaces()) {
                int index = ifindex.applyAsInt(name);
                if (index <= 0) {
                    log.accept("WARNING - interface " + name + " specified for garp_group doesn't exist");
                } else if (used.contains(index) || indexes.contains(index)) {
                    log.accept("garp_group already specified for " + name + " - ignoring");
                } else {
                    indexes.add(index);
                }
            }
            used.addAll(indexes);
            b.group(group.garpInterval(), group.gnaInterval(), indexes);
        }
        return b.build();
    }

    /**
     * Keeps the runtime's announcement scheduler paced as the global configuration says (on the loop): a
     * changed setting builds a new {@link GarpPacing}, resolving interface names in the runtime's namespace.
     */
    static final class Applier {
        private GarpPacingSettings applied;

        void apply(java.util.Map<String, Object> global, RuntimeContext ctx, Consumer<String> log) {
            GarpPacingSettings wanted = of(new Props(global), log);
            if (Objects.equals(wanted, applied)) {
                return;
            }
            applied = wanted;
            RuntimeServices s = ctx.services();
            ctx.announcements().pacing(wanted.resolve(name -> {
                try {
                    return s.links().link(s.namespace(), name).map(LinkInfo::index).orElse(0);
                } catch (IOException e) {
                    return 0;
                }
            }, log));
        }
    }
}
