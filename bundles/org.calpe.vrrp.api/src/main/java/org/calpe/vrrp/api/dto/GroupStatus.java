package org.calpe.vrrp.api.dto;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.calpe.vrrp.api.VrrpState;

/**
 * A snapshot of one {@code vrrp_sync_group}.
 *
 * @param name the group name
 * @param state the group's state (its members move together)
 * @param instances the names of its member instances, in configuration order
 * @param lastTransition when the group entered its current state
 */
public record GroupStatus(String name, VrrpState state, List<String> instances, Instant lastTransition) {

    public GroupStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        instances = List.copyOf(instances);
        Objects.requireNonNull(lastTransition, "lastTransition");
    }
}
