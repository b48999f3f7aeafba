package org.calpe.config.api;

import java.util.List;

/**
 * What applying a configuration did to Config Admin: PIDs created, updated and deleted, and how many
 * configurations were left untouched because their content had not changed.
 */
public record ApplyResult(List<String> created, List<String> updated, List<String> deleted, int unchanged) {
    public ApplyResult {
        created = List.copyOf(created);
        updated = List.copyOf(updated);
        deleted = List.copyOf(deleted);
    }

    /** Number of configurations created, updated or deleted. */
    public int changes() {
        return created.size() + updated.size() + deleted.size();
    }

    @Override
    public String toString() {
        return created.size() + " created, " + updated.size() + " updated, " + deleted.size() + " deleted, "
                + unchanged + " unchanged";
    }
}
