package org.calpe.config.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The config media: where keepalived.conf is read from, the configurations applied from it, their snapshots
 * and rollback. Used by the shell and the console.
 */
@ProviderType
public interface ConfigMedia {
    MediaStatus status();

    /** Snapshots on the media, oldest first. */
    List<SnapshotInfo> snapshots();

    /** Reads and applies the media's configuration now, whether or not a file changed. */
    ReloadOutcome reload();

    /**
     * Restores the snapshot's files onto the media (after snapshotting the current state) and applies them.
     *
     * @throws IllegalArgumentException when no snapshot has this id
     */
    ReloadOutcome rollback(String snapshotId);
}
