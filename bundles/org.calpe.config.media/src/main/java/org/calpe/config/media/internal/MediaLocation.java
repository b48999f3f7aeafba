package org.calpe.config.media.internal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The media directory in use, how it was found, and its main file: {@code keepalived.conf} in the directory
 * unless the launcher's {@code -f} named another file ({@code mainFileName} may then be absolute).
 */
record MediaLocation(Path directory, String origin, String mainFileName) {
    static final String MAIN_FILE = "keepalived.conf";
    static final String SNAPSHOTS = "snapshots";
    static final String BUNDLES = "bundles";

    MediaLocation {
        directory = directory.toAbsolutePath().normalize();
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(mainFileName, "mainFileName");
    }

    MediaLocation(Path directory, String origin) {
        this(directory, origin, MAIN_FILE);
    }

    /** The same media with another main file (absolute, or relative to the media directory). */
    MediaLocation withMainFile(String file) {
        return new MediaLocation(directory, origin, file);
    }

    Path mainFile() {
        return directory.resolve(mainFileName);
    }

    Path snapshots() {
        return directory.resolve(SNAPSHOTS);
    }

    Path bundles() {
        return directory.resolve(BUNDLES);
    }
}
