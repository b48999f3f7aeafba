package org.calpe.vrrp.core.runtime;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

import org.calpe.vrrp.api.AuthSequence;
import org.calpe.vrrp.api.VrrpState;

/**
 * Reads and writes a {@link HandOver} as a properties file in the bundle's persistent data area (which survives
 * {@code update()} and refresh). Written to a temporary file and renamed; read once: {@link #consume()} deletes
 * the file before anything else, so a snapshot is never used twice. Format version 1:
 * <pre>
 * format=1, jvm.pid, jvm.start, wall, nano
 * instance.N.pid, .identity, .state, .priority, .seq.sent, .seq.received, .seq.cycled
 * group.N.name, group.N.state
 * </pre>
 */
final class HandOverStore implements HandOverLink {
    static final String FILE_NAME = "vrrp-handover.properties";
    private static final String FORMAT = "1";
    private static final String MARKER_PREFIX = "vrrp-handover-";
    private static final String TAKEN = "taken";
    private static final String ABANDONED = "abandoned";

    private final Path file;

    HandOverStore(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    void write(HandOver h) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("jvm.pid", Long.toString(h.jvm().pid()));
        p.setProperty("jvm.start", Long.toString(h.jvm().startMillis()));
        p.setProperty("wall", Long.toString(h.wallMillis()));
        p.setProperty("nano", Long.toString(h.nanoTime()));
        int i = 0;
        for (Map.Entry<String, HandOver.Saved> e : h.instances().entrySet()) {
            String k = "instance." + i++ + ".";
            HandOver.Saved s = e.getValue();
            p.setProperty(k + "pid", e.getKey());
            p.setProperty(k + "identity", s.identity());
            p.setProperty(k + "state", s.state().name());
            p.setProperty(k + "priority", Integer.toString(s.priority()));
            p.setProperty(k + "seq.sent", Long.toString(s.sequence().sent()));
            p.setProperty(k + "seq.received", Long.toString(s.sequence().received()));
            p.setProperty(k + "seq.cycled", Boolean.toString(s.sequence().cycled()));
        }
        i = 0;
        for (Map.Entry<String, VrrpState> e : h.groups().entrySet()) {
            p.setProperty("group." + i + ".name", e.getKey());
            p.setProperty("group." + i++ + ".state", e.getValue().name());
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        removeOldMarkers();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "Calpe VRRP hand-over (read once by the next engine in this JVM)");
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public boolean claim(long id) {
        return decide(id, TAKEN);
    }

    @Override
    public boolean taken(long id) {
        try {
            return TAKEN.equals(Files.readString(outcome(id)));
        } catch (IOException e) {
            return false;
        }
    }

    /** Also deletes the snapshot if it still is hand-over {@code id}, so that nobody resumes it later. */
    @Override
    public boolean abandon(long id) {
        if (!decide(id, ABANDONED)) {
            return false;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            if (Long.toString(id).equals(p.getProperty("nano"))) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // consumed already
        }
        return true;
    }

    /** Writes the outcome of hand-over {@code id} unless there is one: true if {@code what} is the outcome. */
    private boolean decide(long id, String what) {
        Path f = outcome(id);
        try {
            Files.writeString(f, what, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            try {
                return what.equals(Files.readString(f));
            } catch (IOException ex) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
    }

    private Path outcome(long id) {
        return file.resolveSibling(MARKER_PREFIX + Long.toHexString(id) + ".outcome");
    }

    /** Outcome files of earlier hand-overs (older than a minute). */
    private void removeOldMarkers() {
        long limit = System.currentTimeMillis() - 60_000;
        try (java.util.stream.Stream<Path> s = Files.list(file.toAbsolutePath().getParent())) {
            for (Path p : s.filter(x -> x.getFileName().toString().startsWith(MARKER_PREFIX)).toList()) {
                if (Files.getLastModifiedTime(p).toMillis() < limit) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // best effort
        }
    }

    /**
     * Reads the snapshot, if there is one, and deletes it first.
     *
     * @throws IOException if it exists but cannot be read or is malformed (it is deleted all the same)
     */
    Optional<HandOver> consume() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } finally {
            Files.deleteIfExists(file);
        }
        try {
            return Optional.of(parse(p));
        } catch (RuntimeException e) {
            throw new IOException("malformed hand-over file " + file + ": " + e, e);
        }
    }

    static HandOver parse(Properties p) {
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new IllegalArgumentException("unknown format " + p.getProperty("format"));
        }
        HandOver.JvmIdentity jvm = new HandOver.JvmIdentity(number(p, "jvm.pid"), number(p, "jvm.start"));
        Map<String, HandOver.Saved> instances = new LinkedHashMap<>();
        Map<String, VrrpState> groups = new LinkedHashMap<>();
        TreeSet<Integer> indexes = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("instance.") && key.endsWith(".pid")) {
                indexes.add(Integer.parseInt(key.substring(9, key.length() - 4)));
            }
        }
        for (int i : indexes) {
            String k = "instance." + i + ".";
            AuthSequence seq = new AuthSequence(number(p, k + "seq.sent"), number(p, k + "seq.received"),
                    Boolean.parseBoolean(required(p, k + "seq.cycled")));
            instances.put(required(p, k + "pid"), new HandOver.Saved(required(p, k + "identity"),
                    VrrpState.valueOf(required(p, k + "state")), (int) number(p, k + "priority"), seq));
        }
        for (int i = 0; p.getProperty("group." + i + ".name") != null; i++) {
            groups.put(p.getProperty("group." + i + ".name"), VrrpState.valueOf(required(p, "group." + i + ".state")));
        }
        return new HandOver(jvm, number(p, "wall"), number(p, "nano"), instances, groups);
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v;
    }

    private static long number(Properties p, String key) {
        return Long.parseLong(required(p, key).trim());
    }
}
