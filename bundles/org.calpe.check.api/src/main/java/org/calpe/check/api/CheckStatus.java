package org.calpe.check.api;

import java.util.List;

import org.calpe.check.api.dto.RealServerStatus;
import org.calpe.check.api.dto.VirtualServerStatus;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The check engine's current view of every checked real server, for the shell, the console, the JSON dump and
 * metrics. Snapshots only; changes are announced on Event Admin ({@link CheckTopics}).
 */
@ProviderType
public interface CheckStatus {
    /** Every real server with at least one checker, in configuration order. */
    List<RealServerStatus> realServers();

    /** Every virtual server with its quorum state, in configuration order. */
    default List<VirtualServerStatus> virtualServers() {
        return List.of();
    }
}
