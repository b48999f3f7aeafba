package org.calpe.vrrp.core.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.api.dto.GroupStatus;
import org.calpe.vrrp.core.fsm.SyncGroup;

/** A running {@code vrrp_sync_group}: its state machine group and the keys its members were started with. */
final class GroupRun {
    final SyncGroupSpec spec;
    final Map<String, RunKey> keys;
    SyncGroup group;
    VrrpState state = VrrpState.INIT;
    Instant lastTransition = Instant.now();

    GroupRun(SyncGroupSpec spec, Map<String, RunKey> keys) {
        this.spec = spec;
        this.keys = Map.copyOf(keys);
    }

    GroupStatus status() {
        return new GroupStatus(spec.name(), state, List.copyOf(spec.members()), lastTransition);
    }
}
