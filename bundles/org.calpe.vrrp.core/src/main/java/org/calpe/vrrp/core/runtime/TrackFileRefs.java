package org.calpe.vrrp.core.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.calpe.vrrp.core.fsm.Tracker;

/**
 * The {@code track_file} entries of a vrrp_instance and of its vrrp_sync_group, resolved into the instance's
 * {@link Tracker.Kind#FILE} trackers with keepalived 2.2's rules:
 * <ul>
 * <li>an entry without {@code weight} takes the track_file's weight and {@code reverse}; {@code weight W} alone
 * keeps the track_file's {@code reverse}; {@code reverse} / {@code noreverse} after it decide;</li>
 * <li>an unknown name is logged ("(VI_1) track file X not found, ignoring...") and left out, so is a second
 * entry for the same file in one block ("duplicate track_file");</li>
 * <li>an address owner (priority 255), or a member of a sync group without {@code sync_group_tracking_weight}:
 * its own entry with a non-zero {@code weight} of its own is dropped ("(VI_1) ignoring tracked file X with weight 2
 * due to SYNC group"), one inheriting a non-zero weight from the track_file gets weight 0 ("ignoring weight from
 * tracked file X due to address_owner. specify weight 0"), so a non-zero value puts it in FAULT (both checked
 * with keepalived 2.2.7);</li>
 * <li>the group's entries apply to every member; a group entry for a file the member tracks itself replaces
 * the member's weight unless that is 0 ("track_file X is configured on object"); a group with a member of
 * priority 255 uses weight 0;</li>
 * <li>a track_file whose directory does not exist is not tracked at all ({@link TrackFileWatcher} logged it).</li>
 * </ul>
 */
final class TrackFileRefs {
    private TrackFileRefs() {
    }

    /** One entry: {@code NAME [weight W [reverse|noreverse]]}; null weight / reverse: the track_file's. */
    record Ref(String name, Integer weight, Boolean reverse) {
        Ref {
            Objects.requireNonNull(name, "name");
        }

        static Ref parse(String line) {
            List<String> w = TrackFileSpec.words(line);
            if (w.isEmpty()) {
                throw new IllegalArgumentException("empty track_file entry");
            }
            Integer weight = null;
            Boolean reverse = null;
            for (int i = 1; i < w.size(); i++) {
                switch (w.get(i)) {
                    case "weight" -> {
                        if (i + 1 >= w.size()) {
                            throw new IllegalArgumentException("weight without value specified for track file "
                                    + w.get(0));
                        }
                        weight = Integer.parseInt(w.get(++i));
                    }
                    case "reverse" -> reverse = true;
                    case "noreverse", "no_reverse" -> reverse = false;
                    default -> throw new IllegalArgumentException("unknown track file option " + w.get(i));
                }
            }
            return new Ref(w.get(0), weight, reverse);
        }
    }

    /** The entries of a {@code track_file} list block of an instance or group configuration. */
    static List<Ref> refs(Props p, Consumer<String> problems) {
        List<Ref> out = new ArrayList<>();
        for (String line : p.lines(TrackFileSpec.KEY)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(Ref.parse(line));
            } catch (IllegalArgumentException e) {
                problems.accept(e.getMessage() + " - ignoring");
            }
        }
        return out;
    }

    /**
     * The FILE trackers of one instance.
     *
     * @param instance        the instance name (for log lines)
     * @param own             the instance's entries
     * @param group           its sync group's entries (empty without a group)
     * @param files           the defined track_files by name
     * @param usable          the names whose file can be watched
     * @param ownWeightsIgnored why the instance's own weights are ignored ({@code address_owner},
     *        {@code SYNC group}), or null
     * @param ignoreGroupWeight a member of the group has priority 255
     * @param log             gets keepalived's config warnings
     */
    static List<Tracker> trackers(String instance, List<Ref> own, List<Ref> group, Map<String, TrackFileSpec> files,
            Set<String> usable, String ownWeightsIgnored, boolean ignoreGroupWeight, Consumer<String> log) {
        Map<String, Tracker> out = new LinkedHashMap<>();
        for (Ref r : own) {
            Tracker t = tracker(instance, r, files, usable, ownWeightsIgnored, log);
            if (t != null && out.putIfAbsent(t.name(), t) != null) {
                log.accept("(" + instance + ") duplicate track_file " + r.name() + " - ignoring");
            }
        }
        Map<String, Tracker> fromGroup = new LinkedHashMap<>();
        for (Ref r : group) {
            Tracker t = tracker(instance, r, files, usable, null, log);
            if (t != null && ignoreGroupWeight && t.weight() != 0) {
                log.accept("(" + instance + ") Cannot have weighted track file '" + t.name()
                        + "' with member having priority 255 - setting weight 0");
                t = Tracker.file(t.name(), 0, t.reverse());
            }
            if (t == null || fromGroup.putIfAbsent(t.name(), t) != null) {
                continue;
            }
            Tracker mine = out.get(t.name());
            if (mine == null) {
                out.put(t.name(), t);
            } else {
                log.accept("(" + instance + ") track_file " + t.name() + " is configured on object");
                if (mine.weight() != 0) {
                    out.put(t.name(), t);
                }
            }
        }
        return List.copyOf(out.values());
    }

    private static Tracker tracker(String instance, Ref r, Map<String, TrackFileSpec> files, Set<String> usable,
            String weightsIgnored, Consumer<String> log) {
        TrackFileSpec f = files.get(r.name());
        if (f == null) {
            log.accept("(" + instance + ") track file " + r.name() + " not found, ignoring...");
            return null;
        }
        if (!usable.contains(f.name())) {
            return null;
        }
        int weight = r.weight() != null ? r.weight() : f.weight();
        boolean reverse = r.reverse() != null ? r.reverse() : f.reverse();
        if (weight < -254 || weight > 254) {
            log.accept("(" + instance + ") weight for track file " + r.name()
                    + " must be in [-254..254] inclusive. Ignoring...");
            weight = f.weight();
        }
        if (weightsIgnored != null && weight != 0) {
            if (r.weight() != null) {
                log.accept("(" + instance + ") ignoring tracked file " + f.name() + " with weight " + weight
                        + " due to " + weightsIgnored);
                return null;
            }
            log.accept("(" + instance + ") ignoring weight from tracked file " + f.name() + " due to "
                    + weightsIgnored + ". specify weight 0");
            weight = 0;
        }
        return Tracker.file(f.name(), weight, reverse);
    }
}
