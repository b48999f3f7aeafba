package org.calpe.vrrp.core.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.calpe.vrrp.core.notify.GroupNotifyScripts;

/**
 * One {@code org.calpe.vrrp.SyncGroup} configuration ({@code vrrp_sync_group}): its members by instance name and
 * the trackers it applies to every member (keepalived adds a group's {@code track_interface} and
 * {@code track_script} to each of its instances).
 */
record SyncGroupSpec(String name, List<String> members, List<TrackRef> trackInterfaces,
        List<TrackRef> trackScripts, GroupNotifyScripts notifyScripts) {

    SyncGroupSpec {
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackScripts = List.copyOf(trackScripts);
        Objects.requireNonNull(notifyScripts, "notifyScripts");
    }

    /** The same group with only {@code present} members (the others do not exist). */
    SyncGroupSpec withMembers(List<String> present) {
        return new SyncGroupSpec(name, present, trackInterfaces, trackScripts, notifyScripts);
    }

    static SyncGroupSpec parse(java.util.Map<String, ?> properties) {
        Props p = new Props(properties);
        String name = p.string(InstanceSpec.NAME).orElseThrow(
                () -> new IllegalArgumentException(InstanceSpec.NAME + " missing"));
        List<String> members = new ArrayList<>();
        for (String line : p.lines("group")) {
            for (String w : line.trim().split("\\s+")) {
                if (!w.isEmpty() && !members.contains(w)) {
                    members.add(w);
                }
            }
        }
        return new SyncGroupSpec(name, members, InstanceSpec.refs(p, "track_interface"),
                InstanceSpec.refs(p, "track_script"),
                InstanceSpec.stateScripts(p, GroupNotifyScripts.NONE));
    }
}
