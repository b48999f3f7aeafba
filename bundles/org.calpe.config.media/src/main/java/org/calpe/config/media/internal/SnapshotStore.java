package org.calpe.config.media.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.calpe.config.api.SnapshotInfo;

/**
 * Snapshots of configuration files on the media: {@code snapshots/<UTC timestamp>-<n>/} holds copies of the
 * files read, in their layout relative to the media root, and a {@code manifest.txt}
 * ({@code created}, {@code reason}, then one {@code file <sha256> <relative path>} line per file). Files outside
 * the media root are kept under {@code _external/} for reference but never restored. A snapshot identical to the
 * newest one is not taken again; the oldest are pruned beyond {@code max}.
 */
final class SnapshotStore {
    static final String MANIFEST = "manifest.txt";
    static final String EXTERNAL = "_external";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path root;
    private final Clock clock;
    private final int max;

    SnapshotStore(Path mediaRoot, Clock clock, int max) {
        this.root = mediaRoot.toAbsolutePath().normalize();
        this.clock = clock;
        this.max = Math.max(1, max);
    }

    Path directory() {
        return root.resolve(MediaLocation.SNAPSHOTS);
    }

    /** Snapshots oldest first. */
    List<SnapshotInfo> list() {
        Path dir = directory();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<SnapshotInfo> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                if (Files.isRegularFile(p.resolve(MANIFEST)) && sequence(p.getFileName().toString()) >= 0) {
                    try {
                        out.add(read(p).info());
                    } catch (UncheckedIOException e) {
                        // a damaged snapshot is not offered for rollback
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparingLong(i -> sequence(i.id())));
        return out;
    }

    Optional<SnapshotInfo> find(String id) {
        return list().stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /**
     * Copies the existing ones of {@code files} into a new snapshot, unless the newest snapshot holds exactly the
     * same content, in which case that one is returned.
     */
    SnapshotInfo create(Set<Path> files, String reason) throws IOException {
        Map<String, Path> byRelative = new TreeMap<>();
        for (Path f : files) {
            Path abs = f.toAbsolutePath().normalize();
            if (Files.isRegularFile(abs)) {
                byRelative.put(relative(abs), abs);
            }
        }
        Map<String, byte[]> content = new LinkedHashMap<>();
        Map<String, String> hashes = new TreeMap<>();
        for (Map.Entry<String, Path> e : byRelative.entrySet()) {
            byte[] bytes = Files.readAllBytes(e.getValue());
            content.put(e.getKey(), bytes);
            hashes.put(e.getKey(), sha256(bytes));
        }
        List<SnapshotInfo> existing = list();
        if (!existing.isEmpty()) {
            Manifest newest = read(directory().resolve(existing.get(existing.size() - 1).id()));
            if (newest.hashes().equals(hashes)) {
                return newest.info();
            }
        }
        long n = existing.isEmpty() ? 1 : sequence(existing.get(existing.size() - 1).id()) + 1;
        Instant now = clock.instant();
        String id = STAMP.format(now) + "-" + n;
        Path dir = directory().resolve(id);
        Path tmp = directory().resolve(".tmp-" + id);
        Files.createDirectories(tmp);
        for (Map.Entry<String, byte[]> e : content.entrySet()) {
            Path target = tmp.resolve(e.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, e.getValue());
        }
        StringBuilder m = new StringBuilder("created ").append(now).append('\n');
        m.append("reason ").append(reason.replace('\n', ' ')).append('\n');
        hashes.forEach((rel, h) -> m.append("file ").append(h).append(' ').append(rel).append('\n'));
        Files.writeString(tmp.resolve(MANIFEST), m, StandardCharsets.UTF_8);
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        prune();
        return new SnapshotInfo(id, now, reason, List.copyOf(hashes.keySet()));
    }

    /**
     * Writes the snapshot's files back onto the media (each atomically replaced) and deletes the files of
     * {@code current} inside the media that the snapshot does not have.
     *
     * @return the files written
     */
    List<Path> restore(String id, Set<Path> current) throws IOException {
        Path dir = directory().resolve(id);
        if (sequence(id) < 0 || !Files.isRegularFile(dir.resolve(MANIFEST))) {
            throw new IllegalArgumentException("no snapshot " + id + " in " + directory());
        }
        Manifest manifest = read(dir);
        List<Path> written = new ArrayList<>();
        for (String rel : manifest.hashes().keySet()) {
            if (rel.startsWith(EXTERNAL + "/")) {
                continue;
            }
            Path target = root.resolve(rel).normalize();
            if (!target.startsWith(root)) {
                continue;
            }
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".calpe-restore-", ".tmp");
            Files.copy(dir.resolve(rel), tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written.add(target);
        }
        for (Path f : current) {
            Path abs = f.toAbsolutePath().normalize();
            String rel = relative(abs);
            if (abs.startsWith(root) && !abs.startsWith(directory()) && !manifest.hashes().containsKey(rel)) {
                Files.deleteIfExists(abs);
            }
        }
        return written;
    }

    private String relative(Path abs) {
        if (abs.startsWith(root)) {
            return root.relativize(abs).toString().replace('\\', '/');
        }
        return EXTERNAL + "/" + abs.toString().replaceFirst("^/+", "");
    }

    private void prune() throws IOException {
        List<SnapshotInfo> all = list();
        for (int i = 0; i < all.size() - max; i++) {
            deleteTree(directory().resolve(all.get(i).id()));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The {@code n} of {@code <stamp>-<n>}, or -1 when the name is not a snapshot id. */
    static long sequence(String id) {
        int dash = id.lastIndexOf('-');
        if (dash < 1 || id.startsWith(".")) {
            return -1;
        }
        try {
            return Long.parseLong(id.substring(dash + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private record Manifest(SnapshotInfo info, Map<String, String> hashes) {
    }

    private static Manifest read(Path dir) {
        try {
            Instant created = Instant.EPOCH;
            String reason = "";
            Map<String, String> hashes = new TreeMap<>();
            for (String line : Files.readAllLines(dir.resolve(MANIFEST), StandardCharsets.UTF_8)) {
                if (line.startsWith("created ")) {
                    created = Instant.parse(line.substring(8).trim());
                } else if (line.startsWith("reason ")) {
                    reason = line.substring(7);
                } else if (line.startsWith("file ")) {
                    String[] f = line.split(" ", 3);
                    if (f.length == 3) {
                        hashes.put(f[2], f[1]);
                    }
                }
            }
            return new Manifest(new SnapshotInfo(dir.getFileName().toString(), created, reason,
                    List.copyOf(hashes.keySet())), hashes);
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(new IOException("unreadable snapshot manifest in " + dir, e));
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
