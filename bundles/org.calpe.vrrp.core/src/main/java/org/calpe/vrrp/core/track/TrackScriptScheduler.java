package org.calpe.vrrp.core.track;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.calpe.exec.api.ScriptResult;
import org.calpe.exec.api.ScriptRunner;
import org.calpe.vrrp.core.garp.EventClock;

/**
 * Runs {@code vrrp_script}s as keepalived 2.2 does ({@code vrrp_init_script}, {@code vrrp_script_thread},
 * {@code vrrp_script_child_thread}) and reports each change between good and bad to a {@link ScriptStateListener}.
 * <ul>
 * <li>Every script runs at once on {@link #start()}, then every {@code interval}, counted from the moment the
 * previous tick fired (keepalived re-arms its timer first thing in the tick).</li>
 * <li>A script still running when its next tick is due is not started again: the tick is skipped with
 * keepalived's {@code Track script NAME is already running, expect idle - skipping run} ({@code being timed out}
 * once the run is past its timeout). keepalived 2.2.7 logs this line but then starts the script anyway (a
 * {@code return} was lost); Calpe does what the line says.</li>
 * <li>The runner ends a run after {@code timeout}, or after {@code interval} if there is none, and that counts as a
 * failure: {@code VRRP_Script(NAME) timed_out}.</li>
 * <li>Exit status 0 is a success, anything else a failure ({@code VRRP_Script(NAME) failed (exited with status
 * N)}); {@code Script `NAME` now returning N} whenever the status differs from the previous one (0 at first).
 * A run that never started (unknown user, queue full) gives no verdict.</li>
 * <li>{@link RiseFall} decides when a result changes the state; the change is logged
 * ({@code VRRP_Script(NAME) succeeded}) and reported.</li>
 * </ul>
 * Threading: every method, every timer task and every listener call runs on the one event loop that owns the VRRP
 * instances ({@link EventClock}'s thread). Results arrive on the runner's thread and are handed back through
 * {@code loop}, the same loop as an {@link Executor}.
 */
public final class TrackScriptScheduler {
    private final ScriptRunner runner;
    private final EventClock clock;
    private final Executor loop;
    private final ScriptStateListener listener;
    private final Consumer<String> log;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private boolean started;
    private boolean stopped;

    private static final class Entry {
        final TrackScript script;
        final long intervalNanos;
        final long timeoutNanos;
        final RiseFall counter;
        EventClock.Timer timer;
        boolean running;
        long startedAt;
        int lastStatus;
        long runs;
        long skipped;

        Entry(TrackScript script) {
            this.script = script;
            this.intervalNanos = script.interval().toNanos();
            this.timeoutNanos = script.effectiveTimeout().toNanos();
            this.counter = new RiseFall(script.rise(), script.fall());
        }
    }

    /**
     * @param scripts  the {@code vrrp_script}s that some instance or sync group tracks (keepalived runs only
     *                 those)
     * @param runner   the script runner
     * @param clock    the event loop's time and timers
     * @param loop     runs a task on the event loop (results are handed back through it)
     * @param listener receives good/bad changes, on the loop
     * @param log      receives keepalived's log lines (all LOG_INFO in keepalived)
     */
    public TrackScriptScheduler(List<TrackScript> scripts, ScriptRunner runner, EventClock clock, Executor loop,
            ScriptStateListener listener, Consumer<String> log) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.log = Objects.requireNonNull(log, "log");
        for (TrackScript s : scripts) {
            if (entries.putIfAbsent(s.name(), new Entry(s)) != null) {
                throw new IllegalArgumentException("duplicate vrrp_script " + s.name());
            }
        }
    }

    /** Starts every script now and then on its interval. */
    public void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        long now = clock.nanoTime();
        for (Entry e : entries.values()) {
            e.timer = clock.schedule(now, () -> tick(e));
        }
    }

    /**
     * Stops the timers; results of runs still in progress are ignored when they arrive (the runner still ends
     * those runs at their timeout). Idempotent.
     */
    public void stop() {
        stopped = true;
        for (Entry e : entries.values()) {
            if (e.timer != null) {
                e.timer.cancel();
                e.timer = null;
            }
        }
    }

    /** The scripts' current state, in configuration order. */
    public List<TrackScriptStatus> status() {
        List<TrackScriptStatus> out = new ArrayList<>(entries.size());
        for (Entry e : entries.values()) {
            String s;
            if (e.counter.initial()) {
                s = e.script.initFail() ? "INIT/FAILED" : "INIT";
            } else {
                s = e.counter.good() ? "GOOD" : "BAD";
            }
            out.add(new TrackScriptStatus(e.script.name(), s, e.running, e.counter.result(), e.lastStatus, e.runs,
                    e.skipped));
        }
        return out;
    }

    private void tick(Entry e) {
        if (stopped) {
            return;
        }
        long now = clock.nanoTime();
        e.timer = clock.schedule(now + e.intervalNanos, () -> tick(e));
        if (e.running) {
            e.skipped++;
            log.accept("Track script " + e.script.name() + " is "
                    + (now - e.startedAt >= e.timeoutNanos ? "being timed out" : "already running")
                    + ", expect idle - skipping run");
            return;
        }
        e.running = true;
        e.startedAt = now;
        e.runs++;
        CompletionStage<ScriptResult> stage;
        try {
            stage = runner.run(e.script.request());
        } catch (RuntimeException ex) {
            e.running = false;
            log.accept("VRRP_Script(" + e.script.name() + ") could not be run: " + ex);
            return;
        }
        stage.whenComplete((result, failure) -> handBack(e, result, failure));
    }

    /** On the runner's thread (or the loop's, for a runner that completes at once). */
    private void handBack(Entry e, ScriptResult result, Throwable failure) {
        try {
            loop.execute(() -> completed(e, result, failure));
        } catch (RejectedExecutionException ex) {
            // the loop is shutting down; nobody is left to tell
        }
    }

    private void completed(Entry e, ScriptResult result, Throwable failure) {
        if (stopped) {
            return;
        }
        e.running = false;
        if (failure != null || result == null) {
            log.accept("VRRP_Script(" + e.script.name() + ") could not be run: " + failure);
            return;
        }
        String name = e.script.name();
        switch (result.outcome()) {
            case TIMED_OUT -> apply(e, false, "VRRP_Script(" + name + ") timed_out");
            case EXITED -> {
                int status = result.keepalivedStatus().orElse(result.exitCode());
                if (status != e.lastStatus) {
                    log.accept("Script `" + name + "` now returning " + status);
                }
                e.lastStatus = status;
                if (status == 0) {
                    apply(e, true, "VRRP_Script(" + name + ") succeeded");
                } else {
                    apply(e, false, "VRRP_Script(" + name + ") failed (exited with status " + status + ")");
                }
            }
            case NOT_STARTED, STOPPED -> {
                // no verdict; the runner has logged why
            }
        }
    }

    private void apply(Entry e, boolean success, String message) {
        RiseFall.Transition t = e.counter.record(success);
        if (t == RiseFall.Transition.NONE) {
            return;
        }
        log.accept(message);
        TrackScript s = e.script;
        listener.scriptChanged(new ScriptStateChange(s.name(), t == RiseFall.Transition.UP, s.weight(), s.reverse()));
    }
}
