package org.calpe.exec.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.calpe.exec.api.Accounts.Ids;
import org.calpe.exec.api.RunAs;
import org.calpe.exec.api.ScriptRequest;
import org.calpe.exec.api.ScriptResult;
import org.calpe.exec.api.ScriptResult.ExecMode;
import org.calpe.exec.api.ScriptResult.Outcome;
import org.calpe.exec.api.ScriptRunner;

/**
 * The runner's engine, free of OSGi so tests build it with {@code new}. Three threads:
 * <ul>
 * <li>the <b>launcher</b> resolves the user, plans and starts processes; it lives as long as the runner, because a
 * script's parent-death signal fires when the thread that started it ends;</li>
 * <li>the <b>timer</b> drains output of all running scripts every poll interval (never a blocking read), handles
 * exits, timeouts (SIGTERM to the session, then SIGKILL after the grace period, repeated until no member lives)
 * and all per-run state;</li>
 * <li>the <b>completer</b> completes callers' futures, so their dependent stages never run on the other two.</li>
 * </ul>
 * At most {@code maxConcurrent} scripts run; up to {@code queueLimit} more wait; beyond that a request is refused.
 */
final class ScriptExecutor implements ScriptRunner, AutoCloseable {
    /** After SIGKILL: how often the session is scanned and killed again until no member lives. */
    private static final Duration KILL_RETRY = Duration.ofMillis(10);
    private static final int KILL_ROUNDS = 500;

    private volatile Settings settings;
    private final UserDatabase users;
    private final ProcessTable table;
    private final ExecLog log = new ExecLog();

    private final ThreadPoolExecutor launcher;
    private final ScheduledThreadPoolExecutor timer;
    private final ThreadPoolExecutor completer;

    private final Object lock = new Object();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Set<Run> running = new LinkedHashSet<>();
    private int slots;
    /** close() has begun: new requests are refused; those accepted before still start and may end by themselves. */
    private boolean closing;
    /** close() has stopped waiting for them: nothing more starts, what runs is stopped. */
    private boolean stopped;
    private ScheduledFuture<?> pump;

    private record Pending(ScriptRequest request, CompletableFuture<ScriptResult> future) {
    }

    ScriptExecutor(Settings settings, UserDatabase users, ProcessTable table) {
        this.settings = settings;
        this.users = users;
        this.table = table;
        this.launcher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                named("calpe-exec-launcher"));
        this.timer = new ScheduledThreadPoolExecutor(1, named("calpe-exec-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.completer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                named("calpe-exec-complete"));
        // Started now, by the activating thread: started lazily by the first caller of run(), they would inherit
        // that caller's scheduling class (the VRRP and check engine threads run SCHED_RR), and so would every
        // script the launcher starts; keepalived's scripts run in the ordinary class whatever its own.
        launcher.prestartAllCoreThreads();
        timer.prestartAllCoreThreads();
        completer.prestartAllCoreThreads();
    }

    /** New limits and defaults apply to runs started from now on; running scripts are left alone. */
    void update(Settings s) {
        synchronized (lock) {
            this.settings = s;
        }
        launchQueued();
    }

    @Override
    public CompletionStage<ScriptResult> run(ScriptRequest request) {
        Pending p = new Pending(request, new CompletableFuture<>());
        String refused = null;
        synchronized (lock) {
            if (closing) {
                refused = "script runner stopped";
            } else if (slots < settings.maxConcurrent()) {
                slots++;
                launcher.execute(() -> launch(p));
            } else if (queue.size() < settings.queueLimit()) {
                queue.add(p);
            } else {
                refused = "queue full (" + queue.size() + " waiting, " + slots + " running)";
            }
        }
        if (refused != null) {
            complete(p, Optional.empty(), ScriptResult.notStarted(request.name(), refused));
        }
        return p.future().minimalCompletionStage();
    }

    /** Scripts started and not yet ended (for tests and status pages). */
    int running() {
        synchronized (lock) {
            return running.size();
        }
    }

    // ---- launcher thread

    private void launch(Pending p) {
        try {
            launchChecked(p);
        } catch (RuntimeException e) {
            release();
            complete(p, Optional.empty(), ScriptResult.notStarted(p.request().name(), "internal error: " + e));
        }
    }

    private void launchChecked(Pending p) {
        ScriptRequest request = p.request();
        Settings s = settings;
        Optional<RunAs> who = request.runAs().or(s::scriptUser);
        Ids ids;
        if (who.isPresent()) {
            UserDatabase.Resolved r = users.resolve(who.get());
            if (r.ids().isEmpty()) {
                notStarted(p, Optional.empty(), r.problem());
                return;
            }
            ids = r.ids().get();
        } else {
            ids = users.defaultIds();
        }
        LaunchPlanner.Result planned = new LaunchPlanner(s.setsid(), s.setpriv(), s.shell(), s.path())
                .plan(request.command(), ids);
        if (planned.plan() == null) {
            notStarted(p, Optional.of(ids), planned.problem());
            return;
        }
        synchronized (lock) {
            if (stopped) {
                slots--;
                lock.notifyAll();
                p.future().complete(ScriptResult.notStarted(request.name(), "script runner stopped"));
                return;
            }
        }
        ProcessBuilder pb = new ProcessBuilder(planned.plan().argv()).directory(new File("/"))
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(s.environment());
        long t0 = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            notStarted(p, Optional.of(ids),
                    "Error exec-ing command '" + planned.plan().scriptArgv().get(0) + "': " + e.getMessage());
            return;
        }
        Run run = new Run(request, p.future(), planned.plan(), process, t0);
        boolean late;
        synchronized (lock) {
            running.add(run);
            late = stopped; // close() began while this one was starting
            if (pump == null) {
                long every = s.pollInterval().toNanos();
                pump = timer.scheduleWithFixedDelay(this::pumpAll, every, every, TimeUnit.NANOSECONDS);
            }
        }
        request.timeout().ifPresent(t -> run.timeoutTask = timer.schedule(() -> timedOut(run), t.toNanos(),
                TimeUnit.NANOSECONDS));
        process.onExit().thenRun(() -> onTimer(() -> leaderExited(run)));
        if (late) {
            onTimer(() -> stop(run, Duration.ZERO));
        }
    }

    private void stop(Run run, Duration grace) {
        if (!run.done) {
            run.stopping = true;
            terminate(run, grace);
        }
    }

    private void notStarted(Pending p, Optional<Ids> ids, String why) {
        release();
        ScriptResult result = ScriptResult.notStarted(p.request().name(), why);
        log.finished(p.request(), ids, result);
        completeQuietly(p.future(), result);
    }

    // ---- timer thread

    private void pumpAll() {
        List<Run> snapshot;
        synchronized (lock) {
            snapshot = new ArrayList<>(running);
        }
        for (Run r : snapshot) {
            if (!r.done) {
                r.output.poll(r.process.getInputStream());
            }
        }
    }

    private void timedOut(Run run) {
        if (run.done || run.leaderGone) {
            return;
        }
        run.timedOut = true;
        terminate(run, run.request.killGrace());
    }

    /** SIGTERM to the session now, SIGKILL after {@code grace} unless everything is gone by then. */
    private void terminate(Run run, Duration grace) {
        if (run.signal == 0) {
            run.signal = ProcessTable.SIGTERM;
            table.signal(run.pid, run.leaderStart, ProcessTable.SIGTERM);
        }
        if (run.escalation != null && run.escalation.getDelay(TimeUnit.NANOSECONDS) <= grace.toNanos()) {
            return; // SIGKILL already due sooner
        }
        if (run.escalation != null) {
            run.escalation.cancel(false);
        }
        run.escalation = timer.schedule(() -> kill(run), grace.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void kill(Run run) {
        if (run.done) {
            return;
        }
        run.signal = ProcessTable.SIGKILL;
        table.signal(run.pid, run.leaderStart, ProcessTable.SIGKILL);
        if (run.leaderGone && table.liveMembers(run.pid).isEmpty()) {
            finish(run, "");
        } else if (++run.killRounds < KILL_ROUNDS) {
            run.escalation = timer.schedule(() -> kill(run), KILL_RETRY.toNanos(), TimeUnit.NANOSECONDS);
        } else {
            finish(run, table.liveMembers(run.pid).size() + " processes survived SIGKILL");
        }
    }

    private void leaderExited(Run run) {
        if (run.done) {
            return;
        }
        run.leaderGone = true;
        run.endNanos = System.nanoTime();
        if (run.timeoutTask != null) {
            run.timeoutTask.cancel(false);
        }
        if (run.signal == 0) {
            // Ended by itself: like keepalived, leave anything it left running in the background alone.
            finish(run, "");
        } else {
            afterTerm(run);
        }
    }

    /** After SIGTERM and the leader's exit: done as soon as the group is gone, else the SIGKILL round ends it. */
    private void afterTerm(Run run) {
        if (run.done || run.signal == ProcessTable.SIGKILL) {
            return;
        }
        if (table.liveMembers(run.pid).isEmpty()) {
            if (run.escalation != null) {
                run.escalation.cancel(false);
            }
            finish(run, "");
        } else {
            timer.schedule(() -> afterTerm(run), KILL_RETRY.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void finish(Run run, String problem) {
        if (run.done) {
            return;
        }
        run.done = true;
        if (run.endNanos == 0) {
            run.endNanos = System.nanoTime();
        }
        InputStream in = run.process.getInputStream();
        while (run.output.poll(in) && available(in) > 0) {
            // drain what the script wrote before it ended
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        Outcome outcome = run.stopping ? Outcome.STOPPED : run.timedOut ? Outcome.TIMED_OUT : Outcome.EXITED;
        int exit = run.process.isAlive() ? -1 : run.process.exitValue();
        String detail = switch (outcome) {
            case TIMED_OUT -> "timed out after " + run.request.timeout().orElseThrow().toMillis() + "ms";
            case STOPPED -> "script runner stopped";
            default -> "";
        };
        if (!problem.isEmpty()) {
            detail = detail.isEmpty() ? problem : detail + "; " + problem;
        }
        ScriptResult result = new ScriptResult(run.request.name(), outcome, run.plan.mode(), run.pid, exit,
                run.signal, Duration.ofNanos(run.endNanos - run.startNanos), run.output.text(),
                run.output.truncated(), detail);
        synchronized (lock) {
            running.remove(run);
            slots--;
            if (running.isEmpty() && pump != null) {
                pump.cancel(false);
                pump = null;
            }
            lock.notifyAll();
        }
        log.finished(run.request, Optional.of(run.plan.ids()), result);
        completeQuietly(run.future, result);
        launchQueued();
    }

    private static int available(InputStream in) {
        try {
            return in.available();
        } catch (IOException e) {
            return 0;
        }
    }

    // ---- shared

    private void release() {
        synchronized (lock) {
            slots--;
            lock.notifyAll();
        }
        launchQueued();
    }

    private void launchQueued() {
        synchronized (lock) {
            while (!stopped && slots < settings.maxConcurrent() && !queue.isEmpty()) {
                Pending next = queue.poll();
                slots++;
                launcher.execute(() -> launch(next));
            }
        }
    }

    private void complete(Pending p, Optional<Ids> ids, ScriptResult result) {
        log.finished(p.request(), ids, result);
        completeQuietly(p.future(), result);
    }

    private void completeQuietly(CompletableFuture<ScriptResult> f, ScriptResult result) {
        try {
            completer.execute(() -> f.complete(result));
        } catch (RejectedExecutionException e) {
            f.complete(result);
        }
    }

    private void onTimer(Runnable task) {
        try {
            timer.execute(task);
        } catch (RejectedExecutionException e) {
            // runner closed; close() has already ended the run
        }
    }

    /**
     * Stops the runner within about {@code shutdownTimeout}. New requests are refused at once. What was accepted
     * before — running, being started or waiting for a slot — gets the first half of the timeout to end by itself:
     * keepalived never kills its notify scripts, so the {@code STOP} notify that VRRP runs as it stops does run to
     * its end, as do short checks. Then what is still waiting is refused, and what still runs gets SIGTERM and,
     * after its kill grace (at most a quarter of the timeout), SIGKILL of its whole session.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
        }
        Duration budget = settings.shutdownTimeout();
        long drainEnd = System.nanoTime() + budget.toNanos() / 2;
        List<Pending> waiting;
        synchronized (lock) {
            awaitLocked(() -> slots == 0 && queue.isEmpty(), drainEnd);
            stopped = true;
            waiting = new ArrayList<>(queue);
            queue.clear();
        }
        for (Pending p : waiting) {
            complete(p, Optional.empty(), ScriptResult.notStarted(p.request().name(), "script runner stopped"));
        }
        long deadline = System.nanoTime() + budget.toNanos() / 2;
        Duration grace = budget.dividedBy(4);
        onTimer(() -> {
            List<Run> all;
            synchronized (lock) {
                all = new ArrayList<>(running);
            }
            for (Run r : all) {
                stop(r, r.request.killGrace().compareTo(grace) < 0 ? r.request.killGrace() : grace);
            }
        });
        synchronized (lock) {
            awaitLocked(running::isEmpty, deadline);
        }
        // The launcher outlives the scripts it started: its end would send them their parent-death SIGTERM.
        launcher.shutdown();
        awaitQuietly(launcher, Duration.ofSeconds(1));
        timer.shutdownNow();
        awaitQuietly(timer, Duration.ofSeconds(1));
        List<Run> left;
        synchronized (lock) {
            left = new ArrayList<>(running);
        }
        for (Run r : left) { // the timer is gone: this thread owns the runs now
            r.stopping = true;
            r.signal = ProcessTable.SIGKILL;
            table.signal(r.pid, r.leaderStart, ProcessTable.SIGKILL);
            finish(r, "still running at the end of shutdown; killed");
        }
        completer.shutdown();
        awaitQuietly(completer, Duration.ofSeconds(1));
    }

    /** Holding the lock: waits until {@code done} holds (re-checked whenever the lock is notified) or the deadline. */
    private void awaitLocked(java.util.function.BooleanSupplier done, long deadlineNanos) {
        long left;
        while (!done.getAsBoolean() && (left = deadlineNanos - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void awaitQuietly(ExecutorService e, Duration d) {
        try {
            e.awaitTermination(d.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, n.getAndIncrement() == 0 ? name : name + "-" + n.get());
            t.setDaemon(true);
            return t;
        };
    }
}
