package org.calpe.vrrp.api;

import java.util.List;
import java.util.Optional;

import org.calpe.vrrp.api.dto.GroupStatus;
import org.calpe.vrrp.api.dto.InstanceStatus;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The VRRP engine's current view, for people and tools: the Gogo {@code calpe:vrrp} view, the JSON dump with
 * keepalived's field names, the Web Console and metrics. Snapshots only; state changes are announced on
 * Event Admin ({@link VrrpTopics}).
 */
@ProviderType
public interface VrrpStatus {
    /** Every configured instance, in configuration order. */
    List<InstanceStatus> instances();

    /** Every sync group, in configuration order. */
    List<GroupStatus> groups();

    /** One instance by name. */
    default Optional<InstanceStatus> instance(String name) {
        return instances().stream().filter(i -> i.name().equals(name)).findFirst();
    }
}
