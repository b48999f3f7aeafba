package org.calpe.vrrp.core.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the files of the {@code track_file}s and keeps the number each holds, as keepalived 2.2 does
 * (track_file.c): the directory of each file is watched (the JDK's {@link WatchService}, inotify on Linux); a
 * file written, created or moved in is read again, a file deleted or moved away holds 0. A read takes the first
 * 127 bytes and parses them as C's {@code strtol(buf, NULL, 0)} does (leading blanks, sign, {@code 0x} hex,
 * leading-0 octal, stops at the first other character); no number, an unreadable or missing file: 0.
 * <p>
 * {@code init_file [VALUE] [overwrite]}: when a track_file is defined, a missing file is created holding VALUE
 * (default 0); with {@code overwrite} an existing regular file is rewritten too, except on a reload.
 * A file whose directory does not exist is not tracked ("Track file directory for X does not exist - removing").
 * <p>
 * Thread-safe. {@link #define} runs on the caller's thread (the configuration thread, never the VRRP loop): it
 * writes the init files and reads every file once, so that instances start with the values known. Later reads
 * run on the watcher's own thread; keepalived reads on IN_CLOSE_WRITE, which the JDK does not report, so a
 * change is read once its file has been quiet for {@value #SETTLE_MILLIS} ms (and at most
 * {@value #MAX_SETTLE_MILLIS} ms after the first event), then {@code changed} gets the track_file's name.
 */
final class TrackFileWatcher implements AutoCloseable {
    static final long SETTLE_MILLIS = 20;
    static final long MAX_SETTLE_MILLIS = 200;
    private static final Logger LOG = LoggerFactory.getLogger("org.calpe.vrrp");

    /** A watched file: its resolved directory and name within it. */
    private record Watched(TrackFileSpec spec, Path dir, Path part) {
        Path file() {
            return dir.resolve(part);
        }
    }

    private final Consumer<String> changed;
    private final ThreadFactory threads;
    private final Map<String, Integer> values = new ConcurrentHashMap<>();
    private final Map<String, Watched> watched = new LinkedHashMap<>();
    private final Map<Path, WatchKey> keys = new HashMap<>();
    private volatile Set<String> usable = Set.of();
    private WatchService service;
    private boolean reload;
    private boolean closed;

    /**
     * @param changed gets a track_file's name, on the watcher thread, after its value changed
     * @param threads makes the watcher thread
     */
    TrackFileWatcher(Consumer<String> changed, ThreadFactory threads) {
        this.changed = changed;
        this.threads = threads;
    }

    /**
     * Watches exactly {@code specs} (the track_files of the current global configuration): new ones are
     * initialised ({@code init_file}) and read, vanished ones forgotten. The first call is keepalived's start,
     * later ones its reload.
     */
    synchronized void define(Collection<TrackFileSpec> specs) {
        if (closed) {
            return;
        }
        Map<String, TrackFileSpec> wanted = new LinkedHashMap<>();
        specs.forEach(s -> wanted.put(s.name(), s));
        for (String name : Set.copyOf(watched.keySet())) {
            Watched w = watched.get(name);
            if (!w.spec().equals(wanted.get(name))) {
                forget(name);
            }
        }
        values.keySet().retainAll(wanted.keySet());
        for (TrackFileSpec s : wanted.values()) {
            if (s.init()) {
                initialise(s, reload);
            }
            if (!watched.containsKey(s.name())) {
                watch(s);
            }
        }
        reload = true;
        usable = Set.copyOf(watched.keySet());
    }

    /**
     * This engine continues a previous one (a hand-over after a bundle update): its first {@link #define} is a
     * reload, so {@code init_file ... overwrite} leaves existing files as they are.
     */
    synchronized void continuing() {
        reload = true;
    }

    /** The names of the track_files being watched (the others are not tracked by any instance). */
    Set<String> usable() {
        return usable;
    }

    /** The number {@code name}'s file holds now (0 when unknown). */
    int value(String name) {
        return values.getOrDefault(name, 0);
    }

    /** Writes the init value: a missing file always, an existing one only with overwrite and not on reload. */
    private void initialise(TrackFileSpec s, boolean reloading) {
        Path p = s.file();
        if (Files.exists(p)) {
            if (!s.overwrite()) {
                return;
            }
            if (!Files.isRegularFile(p)) {
                LOG.error("Cannot initialise track file {} - it is not a regular file", s.name());
                return;
            }
            if (reloading) {
                return;
            }
        }
        try {
            Files.writeString(p, s.initValue() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            LOG.error("Unable to initialise track file {}", s.name());
        }
    }

    private void watch(TrackFileSpec s) {
        Path p = s.file().toAbsolutePath();
        Path dir;
        Path part = p.getFileName();
        try {
            if (Files.exists(p)) {
                Path real = p.toRealPath();
                dir = real.getParent();
                part = real.getFileName();
            } else {
                Path parent = p.getParent();
                if (parent == null || !Files.isDirectory(parent)) {
                    LOG.error("Track file directory for {} does not exist - removing", s.name());
                    return;
                }
                dir = parent.toRealPath();
            }
            if (service == null) {
                service = FileSystems.getDefault().newWatchService();
                Thread t = threads.newThread(this::run);
                t.start();
            }
            if (!keys.containsKey(dir)) {
                keys.put(dir, dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY));
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("track file {} is not accessible - ignoring", s.name());
            return;
        }
        Watched w = new Watched(s, dir, part);
        watched.put(s.name(), w);
        values.put(s.name(), read(w.file()));
    }

    private void forget(String name) {
        Watched w = watched.remove(name);
        values.remove(name);
        if (w != null && watched.values().stream().noneMatch(o -> o.dir().equals(w.dir()))) {
            WatchKey k = keys.remove(w.dir());
            if (k != null) {
                k.cancel();
            }
        }
    }

    /** The watcher thread: collects events until the files are quiet, then reads the ones that changed. */
    private void run() {
        WatchService ws;
        synchronized (this) {
            ws = service;
        }
        try {
            while (true) {
                WatchKey key = ws.take();
                Set<String> affected = new HashSet<>();
                collect(key, affected);
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_SETTLE_MILLIS);
                WatchKey more;
                while (System.nanoTime() < until
                        && (more = ws.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    collect(more, affected);
                }
                for (String name : affected) {
                    reread(name);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // closed
        }
    }

    private void reread(String name) {
        Path file;
        synchronized (this) {
            Watched w = watched.get(name);
            if (w == null || closed) {
                return;
            }
            file = w.file();
        }
        int v = read(file);
        Integer old;
        synchronized (this) {
            if (!watched.containsKey(name)) {
                return;
            }
            old = values.put(name, v);
        }
        if (!Objects.equals(old, v)) {
            try {
                changed.accept(name);
            } catch (RuntimeException e) {
                LOG.warn("track file {}: {}", name, e.toString());
            }
        }
    }

    private synchronized void collect(WatchKey key, Set<String> affected) {
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> e : key.pollEvents()) {
            for (Watched w : watched.values()) {
                if (!w.dir().equals(dir)) {
                    continue;
                }
                if (e.kind() == StandardWatchEventKinds.OVERFLOW || w.part().equals(e.context())) {
                    affected.add(w.spec().name());
                }
            }
        }
        key.reset();
    }

    /** The number in {@code file} as keepalived reads it; 0 if it cannot be read or holds none. */
    static int read(Path file) {
        if (!Files.isRegularFile(file)) {
            return 0; // missing, a directory, or a FIFO (keepalived's O_NONBLOCK read finds nothing)
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(new String(in.readNBytes(127), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return 0;
        }
    }

    /** C's {@code strtol(s, NULL, 0)}, saturated to the int range. */
    static int parse(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && " \t\n\u000b\f\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i < n && s.charAt(i) == '0') {
            if (i + 2 < n && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                radix = 16;
                i += 2;
            } else {
                radix = 8;
            }
        }
        long v = 0;
        while (i < n) {
            int d = Character.digit(s.charAt(i), radix);
            if (d < 0) {
                break;
            }
            v = v * radix + d;
            if (v > Integer.MAX_VALUE + 1L) {
                v = Integer.MAX_VALUE + 1L;
            }
            i++;
        }
        long signed = negative ? -v : v;
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, signed));
    }

    /** Stops watching; the values stay readable. */
    @Override
    public synchronized void close() {
        closed = true;
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                LOG.debug("closing the track file watch: {}", e.getMessage());
            }
            service = null;
        }
        keys.clear();
    }
}
