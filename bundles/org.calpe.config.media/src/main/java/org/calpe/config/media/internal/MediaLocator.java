package org.calpe.config.media.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the config media: the configured {@code path}, else the framework property {@code calpe.media}, else the
 * mounted partition labelled {@code CALPE} (its device from {@code /dev/disk/by-label/CALPE}, its mount point
 * from {@code /proc/mounts}), else the bundled example.
 */
final class MediaLocator {
    static final String LABEL = "CALPE";
    static final String EXAMPLE = "bundled example";
    static final String FRAMEWORK_PROPERTY = "framework property calpe.media";

    private final Path byLabelDir;
    private final Path mounts;

    MediaLocator(Path byLabelDir, Path mounts) {
        this.byLabelDir = byLabelDir;
        this.mounts = mounts;
    }

    static MediaLocator system() {
        return new MediaLocator(Path.of("/dev/disk/by-label"), Path.of("/proc/mounts"));
    }

    MediaLocation locate(String configuredPath, String frameworkProperty, Supplier<Path> example) {
        if (configuredPath != null && !configuredPath.isBlank()) {
            return new MediaLocation(Path.of(configuredPath.trim()), "configuration org.calpe.config.media");
        }
        if (frameworkProperty != null && !frameworkProperty.isBlank()) {
            return new MediaLocation(Path.of(frameworkProperty.trim()), FRAMEWORK_PROPERTY);
        }
        Optional<Path> partition = labelledPartition();
        if (partition.isPresent()) {
            return new MediaLocation(partition.get(), "partition labelled " + LABEL);
        }
        return new MediaLocation(example.get(), EXAMPLE);
    }

    /** The mount point of the partition labelled CALPE, if it exists and is mounted. */
    Optional<Path> labelledPartition() {
        Path link = byLabelDir.resolve(LABEL);
        if (!Files.exists(link)) {
            return Optional.empty();
        }
        try {
            Path device = link.toRealPath();
            List<String> lines = Files.readAllLines(mounts, StandardCharsets.UTF_8);
            for (String line : lines) {
                String[] f = line.split(" ");
                if (f.length < 2 || !f[0].startsWith("/")) {
                    continue;
                }
                Path dev = Path.of(unescape(f[0]));
                Path real = Files.exists(dev) ? dev.toRealPath() : dev;
                if (real.equals(device)) {
                    return Optional.of(Path.of(unescape(f[1])));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** /proc/mounts writes blanks, tabs, newlines and backslashes as octal escapes ({@code \040}). */
    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && isOctal(s.substring(i + 1, i + 4))) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isOctal(String s) {
        return s.chars().allMatch(d -> d >= '0' && d <= '7');
    }
}
