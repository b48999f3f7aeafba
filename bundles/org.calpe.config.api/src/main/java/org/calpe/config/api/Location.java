package org.calpe.config.api;

import java.util.Objects;

/**
 * Where something stands in a configuration file: file path as the user wrote or included it, 1-based line
 * and column (column 0 when unknown).
 */
public record Location(String file, int line, int column) {
    public static final Location UNKNOWN = new Location("", 0, 0);

    public Location {
        Objects.requireNonNull(file, "file");
    }

    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return column > 0 ? file + ":" + line + ":" + column : file + ":" + line;
    }
}
