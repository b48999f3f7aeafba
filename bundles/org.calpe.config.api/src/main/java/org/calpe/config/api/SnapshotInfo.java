package org.calpe.config.api;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of applied configuration files on the media ({@code snapshots/<id>/}).
 *
 * @param id directory name, {@code <UTC timestamp>-<n>}
 * @param created when it was taken
 * @param reason why it was taken (applied, before rollback)
 * @param files the files it holds, relative to the media root
 */
public record SnapshotInfo(String id, Instant created, String reason, List<String> files) {
    public SnapshotInfo {
        files = List.copyOf(files);
    }
}
