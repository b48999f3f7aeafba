package org.calpe.vrrp.core.runtime;

import java.util.List;

import org.calpe.vrrp.core.fsm.Tracker;

/**
 * Everything an instance is started with: its spec, its resolved trackers and its sync group (null if none). A
 * reload that yields an equal key leaves the instance alone.
 */
record RunKey(InstanceSpec spec, List<Tracker> trackers, SyncGroupSpec group) {
    RunKey {
        trackers = List.copyOf(trackers);
    }
}
