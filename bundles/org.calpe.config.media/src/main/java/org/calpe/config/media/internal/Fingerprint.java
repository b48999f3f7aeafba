package org.calpe.config.media.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the watched files look like: for each watched file and each regular file directly inside a watched
 * directory, its size and modification time (or that it is missing). Two equal fingerprints mean nothing
 * changed. Cheap enough to take every poll.
 */
record Fingerprint(Map<String, String> entries) {
    static final String MISSING = "missing";

    Fingerprint {
        entries = Map.copyOf(entries);
    }

    static Fingerprint of(Collection<Path> files, Collection<Path> directories) {
        Map<String, String> m = new TreeMap<>();
        for (Path f : files) {
            m.put("f " + f, describe(f));
        }
        for (Path d : directories) {
            if (!Files.isDirectory(d)) {
                m.put("d " + d, MISSING);
                continue;
            }
            try (Stream<Path> s = Files.list(d)) {
                s.filter(Files::isRegularFile).forEach(p -> m.put("d " + p, describe(p)));
            } catch (IOException e) {
                m.put("d " + d, "unreadable " + e.getClass().getSimpleName());
            }
        }
        return new Fingerprint(m);
    }

    private static String describe(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return a.size() + "@" + a.lastModifiedTime().toInstant() + (Files.isReadable(p) ? "" : " unreadable");
        } catch (IOException e) {
            return MISSING;
        }
    }
}
