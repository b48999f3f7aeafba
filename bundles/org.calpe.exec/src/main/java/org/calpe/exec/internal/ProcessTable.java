package org.calpe.exec.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The processes of a script's session, read from {@code /proc}. Each script starts as leader of its own session
 * and process group (id = its pid), so everything it forks carries that id unless it calls {@code setsid} itself.
 * Java has no {@code kill(-pgid)}, so the group is signalled member by member through {@link ProcessHandle},
 * which checks each process's start time and so never signals a recycled pid. Killing is repeated until no live
 * member is left, which also catches members forked between the scan and the signal.
 */
final class ProcessTable {
    static final int SIGTERM = 15;
    static final int SIGKILL = 9;

    private final Path proc;

    ProcessTable(Path proc) {
        this.proc = proc;
    }

    static ProcessTable system() {
        return new ProcessTable(Path.of("/proc"));
    }

    /** One process: pid, state letter ({@code Z} = zombie), parent, process group and session. */
    record Entry(long pid, char state, long ppid, long pgrp, long session) {
        boolean live() {
            return state != 'Z' && state != 'X';
        }
    }

    /** Live (not zombie) processes whose session or process group is {@code id}. */
    List<Entry> liveMembers(long id) {
        List<Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, p -> isDigits(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                read(dir).filter(e -> (e.session() == id || e.pgrp() == id) && e.live()).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + proc, e);
        }
        return out;
    }

    /** The entry of one pid, if it exists. */
    Optional<Entry> entry(long pid) {
        return read(proc.resolve(Long.toString(pid)));
    }

    /**
     * Sends {@code signal} (TERM or KILL) to every live member of the session led by {@code leader}; returns how
     * many were signalled. If the leader's pid now belongs to another process (recycled after the leader was
     * reaped, and that process leads a session of its own), nothing is signalled: the id is no longer ours.
     */
    int signal(long id, Optional<Instant> leaderStart, int signal) {
        Optional<Instant> now = ProcessHandle.of(id).flatMap(h -> h.info().startInstant());
        if (now.isPresent() && leaderStart.isPresent() && !now.equals(leaderStart)) {
            return 0;
        }
        int n = 0;
        for (Entry e : liveMembers(id)) {
            Optional<ProcessHandle> h = ProcessHandle.of(e.pid());
            if (h.isPresent()) {
                boolean sent = signal == SIGKILL ? h.get().destroyForcibly() : h.get().destroy();
                if (sent) {
                    n++;
                }
            }
        }
        return n;
    }

    private static Optional<Entry> read(Path dir) {
        String stat;
        try {
            stat = Files.readString(dir.resolve("stat"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone meanwhile
        }
        // "pid (comm) S ppid pgrp session ..."; comm may hold spaces and parentheses: parse after the last ')'
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] f = stat.substring(close + 2).split(" ");
        if (f.length < 4) {
            return Optional.empty();
        }
        long pid = Long.parseLong(stat.substring(0, stat.indexOf(' ')));
        return Optional.of(new Entry(pid, f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[2]),
                Long.parseLong(f[3])));
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
