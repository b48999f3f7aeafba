package org.calpe.vrrp.core.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.calpe.vrrp.core.fsm.Tracker;
import org.calpe.vrrp.core.track.TrackScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What should run, resolved from the Config Admin configurations: each instance's {@link RunKey} (spec,
 * trackers, sync group), the sync groups with the members that exist, and the vrrp_scripts that something tracks
 * (keepalived runs only those). Configurations that cannot be run are logged and left out.
 *
 * @param keys instance PID to key, in configuration order
 */
record Desired(Map<String, RunKey> keys, List<SyncGroupSpec> groups, List<TrackScript> scripts) {
    private static final Logger LOG = LoggerFactory.getLogger("org.calpe.vrrp");

    /** The keys of a group's members by PID. */
    Map<String, RunKey> groupKeys(String group) {
        Map<String, RunKey> out = new HashMap<>();
        keys.forEach((pid, k) -> {
            if (k.group() != null && k.group().name().equals(group)) {
                out.put(pid, k);
            }
        });
        return out;
    }

    static Desired resolve(Map<String, Map<String, Object>> instances, Map<String, Map<String, Object>> scripts,
            Map<String, Map<String, Object>> groups, Map<String, Object> global) {
        return resolve(instances, scripts, groups, global, null);
    }

    /**
     * @param usableFiles the track_files whose files can be watched ({@link TrackFileWatcher#usable()}); null:
     *        every track_file defined in {@code global}
     */
    static Desired resolve(Map<String, Map<String, Object>> instances, Map<String, Map<String, Object>> scripts,
            Map<String, Map<String, Object>> groups, Map<String, Object> global, Set<String> usableFiles) {
        Map<String, TrackFileSpec> files = TrackFileSpec.all(new Props(global), new ArrayList<>());
        Set<String> usable = usableFiles != null ? usableFiles : files.keySet();
        Map<String, Map<String, Object>> groupProps = new HashMap<>();
        Map<String, TrackScript> byName = new LinkedHashMap<>();
        scripts.forEach((pid, p) -> {
            try {
                TrackScript t = ScriptSpec.parse(p);
                if (byName.putIfAbsent(t.name(), t) != null) {
                    LOG.error("{}: vrrp_script {} defined twice - ignoring", pid, t.name());
                }
            } catch (RuntimeException e) {
                LOG.error("{}: cannot run this vrrp_script: {}", pid, e.getMessage());
            }
        });
        Map<String, InstanceSpec> specs = new LinkedHashMap<>();
        Map<String, String> pidByName = new HashMap<>();
        instances.forEach((pid, p) -> {
            try {
                InstanceSpec s = InstanceSpec.parse(p, global);
                if (pidByName.putIfAbsent(s.name(), pid) != null) {
                    LOG.error("{}: vrrp_instance {} defined twice - ignoring", pid, s.name());
                    return;
                }
                specs.put(pid, s);
            } catch (RuntimeException e) {
                LOG.error("{}: cannot run this vrrp_instance: {}", pid, e.getMessage());
            }
        });
        Map<String, SyncGroupSpec> groupOf = new HashMap<>();
        List<SyncGroupSpec> groupList = new ArrayList<>();
        groups.forEach((pid, p) -> {
            SyncGroupSpec g;
            try {
                g = SyncGroupSpec.parse(p);
            } catch (RuntimeException e) {
                LOG.error("{}: cannot run this vrrp_sync_group: {}", pid, e.getMessage());
                return;
            }
            List<String> present = new ArrayList<>();
            for (String m : g.members()) {
                if (!pidByName.containsKey(m) || !specs.containsKey(pidByName.get(m))) {
                    LOG.warn("Virtual router {} specified in sync group {} doesn't exist - ignoring", m, g.name());
                } else if (groupOf.containsKey(m)) {
                    LOG.error("Virtual router {} cannot exist in more than one sync group; ignoring {}", m,
                            g.name());
                } else {
                    present.add(m);
                }
            }
            if (present.isEmpty()) {
                return;
            }
            SyncGroupSpec eff = g.withMembers(present);
            groupProps.put(g.name(), p);
            present.forEach(m -> groupOf.put(m, eff));
            groupList.add(eff);
        });
        Map<String, RunKey> keys = new LinkedHashMap<>();
        Set<String> tracked = new LinkedHashSet<>();
        specs.forEach((pid, s) -> {
            SyncGroupSpec g = groupOf.get(s.name());
            List<Tracker> trackers = new ArrayList<>(trackers(s, g, byName));
            trackers.addAll(fileTrackers(s, instances.get(pid), g, g == null ? null : groupProps.get(g.name()),
                    specs, files, usable));
            trackers.stream().filter(t -> t.kind() == Tracker.Kind.SCRIPT).forEach(t -> tracked.add(t.name()));
            keys.put(pid, new RunKey(s, trackers, g));
        });
        List<TrackScript> run = byName.values().stream().filter(t -> tracked.contains(t.name())).toList();
        return new Desired(keys, groupList, run);
    }

    /** An instance's track_file trackers (see {@link TrackFileRefs}). */
    private static List<Tracker> fileTrackers(InstanceSpec s, Map<String, Object> props, SyncGroupSpec g,
            Map<String, Object> groupProps, Map<String, InstanceSpec> specs, Map<String, TrackFileSpec> files,
            Set<String> usable) {
        java.util.function.Consumer<String> log = m -> LOG.warn("{}", m);
        List<TrackFileRefs.Ref> own = TrackFileRefs.refs(new Props(props), m -> LOG.warn("({}) {}", s.name(), m));
        List<TrackFileRefs.Ref> group = List.of();
        String ignoreOwn = s.priority() == 255 ? "address_owner" : null;
        boolean ignoreGroup = false;
        if (g != null && groupProps != null) {
            Props gp = new Props(groupProps);
            group = TrackFileRefs.refs(gp, m -> LOG.warn("VRRP_Group({}) {}", g.name(), m));
            if (ignoreOwn == null && !(gp.flag("sync_group_tracking_weight") || gp.flag("global_tracking"))) {
                ignoreOwn = "SYNC group";
            }
            ignoreGroup = specs.values().stream().anyMatch(m -> g.members().contains(m.name()) && m.priority() == 255);
        }
        if (own.isEmpty() && group.isEmpty()) {
            return List.of();
        }
        return TrackFileRefs.trackers(s.name(), own, group, files, usable, ignoreOwn, ignoreGroup, log);
    }

    /** An instance's trackers: its and its group's track_interface and track_script, and its own interface. */
    static List<Tracker> trackers(InstanceSpec s, SyncGroupSpec g, Map<String, TrackScript> scripts) {
        Map<String, Tracker> out = new LinkedHashMap<>();
        List<TrackRef> ifs = new ArrayList<>(s.trackInterfaces());
        List<TrackRef> scs = new ArrayList<>(s.trackScripts());
        if (g != null) {
            ifs.addAll(g.trackInterfaces());
            scs.addAll(g.trackScripts());
        }
        for (TrackRef r : ifs) {
            Tracker t = Tracker.iface(r.name(), r.weight() == null ? 0 : r.weight(), r.reversed(false));
            out.putIfAbsent(t.id(), t);
        }
        if (!s.dontTrackPrimary()) {
            Tracker own = Tracker.iface(s.interfaceName(), 0, false);
            out.putIfAbsent(own.id(), own);
        }
        for (TrackRef r : scs) {
            TrackScript script = scripts.get(r.name());
            if (script == null) {
                LOG.warn("({}) track script {} not found, ignoring...", s.name(), r.name());
                continue;
            }
            Tracker t = r.weight() == null ? script.tracker() : script.tracker(r.weight(), r.reversed(script.reverse()));
            out.putIfAbsent(t.id(), t);
        }
        return List.copyOf(out.values());
    }
}
