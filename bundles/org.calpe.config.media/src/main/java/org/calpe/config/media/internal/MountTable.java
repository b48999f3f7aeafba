package org.calpe.config.media.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The kernel's mount table ({@code /proc/mounts}), read afresh on every question. */
final class MountTable {
    /** One mounted file system: its source as written in the table and where it is mounted. */
    record Entry(String source, Path mountPoint) {
    }

    private final Path file;

    MountTable(Path file) {
        this.file = file;
    }

    List<Entry> entries() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            if (f.length >= 2) {
                entries.add(new Entry(unescape(f[0]), Path.of(unescape(f[1]))));
            }
        }
        return entries;
    }

    /**
     * Where a block device is mounted, in table order: a source matches when its real path is the device's real
     * path ({@code /dev/disk/by-label/CALPE}, {@code /dev/mapper/x} and {@code /dev/loop3} are all links or nodes).
     */
    List<Path> mountPointsOf(Path device) throws IOException {
        Path real = realPath(device);
        List<Path> points = new ArrayList<>();
        for (Entry e : entries()) {
            if (e.source().startsWith("/") && realPath(Path.of(e.source())).equals(real)) {
                points.add(e.mountPoint());
            }
        }
        return points;
    }

    /** The source of the file system mounted on {@code mountPoint} (the topmost one), if any. */
    Optional<String> sourceAt(Path mountPoint) throws IOException {
        Path point = realPath(mountPoint);
        String source = null;
        for (Entry e : entries()) {
            if (e.mountPoint().equals(point)) {
                source = e.source();
            }
        }
        return Optional.ofNullable(source);
    }

    static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** /proc/mounts writes blanks, tabs, newlines and backslashes as octal escapes ({@code \040}). */
    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 4 <= s.length() && isOctal(s.substring(i + 1, i + 4))) {
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
