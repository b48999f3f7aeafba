package org.calpe.vrrp.core.notify;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

import org.calpe.exec.api.ScriptRequest;
import org.calpe.exec.api.ScriptRunner;

/**
 * The open notify FIFOs, in keepalived's order of operations: for each configured FIFO (the global
 * {@code notify_fifo} first, then {@code vrrp_notify_fifo}) create it if it does not exist, start its script
 * (given the FIFO's path as the last argument), then open it without blocking. A FIFO that cannot be opened is
 * left out (keepalived logs "Unable to open notify fifo" and carries on). Closing writes what is queued, closes
 * the FIFOs and removes those that were created here.
 */
public final class NotifyFifos implements FifoSink, AutoCloseable {

    private final List<FifoWriter> writers;
    private final List<Path> created;
    private final List<ScriptRequest> scripts;
    private final List<String> problems;

    private NotifyFifos(List<FifoWriter> writers, List<Path> created, List<ScriptRequest> scripts,
            List<String> problems) {
        this.writers = List.copyOf(writers);
        this.created = List.copyOf(created);
        this.scripts = List.copyOf(scripts);
        this.problems = List.copyOf(problems);
    }

    public static NotifyFifos open(List<NotifyFifoConfig> configs, ScriptRunner runner, FifoMaker maker,
            ThreadFactory threads, int capacity) {
        return open(configs, runner, maker, threads, capacity, false);
    }

    /**
     * As {@link #open(List, ScriptRunner, FifoMaker, ThreadFactory, int)}; with {@code resumed} (the engine took
     * over from its previous revision, which {@link #detach() detached} its FIFOs) a FIFO that exists already is
     * taken as it is: its script, started by the previous revision, is still reading it and is not started twice.
     */
    public static NotifyFifos open(List<NotifyFifoConfig> configs, ScriptRunner runner, FifoMaker maker,
            ThreadFactory threads, int capacity, boolean resumed) {
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(maker, "maker");
        List<FifoWriter> writers = new ArrayList<>();
        List<Path> created = new ArrayList<>();
        List<ScriptRequest> scripts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (NotifyFifoConfig c : configs) {
            boolean made = false;
            if (!Files.exists(c.path(), LinkOption.NOFOLLOW_LINKS)) {
                try {
                    maker.mkfifo(c.path());
                    made = true;
                } catch (FileAlreadyExistsException e) {
                    // raced with someone else: use it, as keepalived does on EEXIST
                } catch (IOException e) {
                    problems.add("Unable to create " + c.keyword() + " " + c.path() + ": " + e.getMessage());
                    continue;
                }
            }
            if (resumed && !made) {
                try {
                    writers.add(FifoWriter.open(c.path(), capacity, threads));
                } catch (IOException e) {
                    problems.add("Unable to open " + c.keyword() + " " + c.path() + ": " + e);
                }
                continue;
            }
            c.script().ifPresent(s -> {
                ScriptRequest r = NotifyPlanner.request(c.keyword() + "_script",
                        new NotifyScript(NotifyFormat.fifoScriptArgv(s.command(), c.path()), s.runAs()),
                        false);
                scripts.add(r);
                runner.run(r);
            });
            try {
                writers.add(FifoWriter.open(c.path(), capacity, threads));
                if (made) {
                    created.add(c.path());
                }
            } catch (IOException e) {
                problems.add("Unable to open " + c.keyword() + " " + c.path() + ": " + e);
                if (made) {
                    deleteQuietly(c.path());
                }
            }
        }
        return new NotifyFifos(writers, created, scripts, problems);
    }

    /** Offers the line to every open FIFO; false if any dropped it. */
    @Override
    public boolean offer(String line) {
        boolean all = true;
        for (FifoWriter w : writers) {
            all &= w.offer(line);
        }
        return all;
    }

    /** The FIFO scripts that were started, in order. */
    public List<ScriptRequest> scripts() {
        return scripts;
    }

    /** Why configured FIFOs were left out. */
    public List<String> problems() {
        return problems;
    }

    public List<FifoWriter> writers() {
        return writers;
    }

    /**
     * Hands the FIFOs to the next engine revision: writes what is queued and closes the writers, but leaves the
     * FIFOs in place (their scripts keep reading them).
     */
    public void detach() {
        for (FifoWriter w : writers) {
            w.close(Duration.ofMillis(500));
        }
    }

    @Override
    public void close() {
        for (FifoWriter w : writers) {
            w.close(Duration.ofMillis(500));
        }
        created.forEach(NotifyFifos::deleteQuietly);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // nothing more to do: keepalived ignores a failed unlink too
        }
    }
}
