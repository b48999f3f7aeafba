package org.calpe.lvs.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGenerator;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTopics;
import org.calpe.check.api.Checker;
import org.calpe.check.api.Verdict;
import org.calpe.check.api.dto.RealServerStatus;
import org.calpe.check.api.dto.VirtualServerStatus;

/**
 * The per-real-server check logic of keepalived 2.2.7 (check_api.c, check_tcp.c epilog, ipwrapper.c
 * update_svr_checker_state / perform_svr_state / migrate_checkers) in one place, on one {@link EngineLoop}.
 * Every method runs on the loop thread.
 * <ul>
 * <li>Each checker has its own timer: first check 1 s + random(0..warmup) after creation, then every
 * {@code delay_loop}; after a failure with retries left, after {@code delay_before_retry}. Each delay counts from
 * the end of the previous check, less how late that check was started (at most half the delay).</li>
 * <li>A failure counts against {@code retry}; when retries are exhausted the checker goes down. A success resets
 * the count and brings the checker up. ERROR results, exceptions and cancellations give no verdict: nothing is
 * counted and the check runs again after {@code delay_loop}.</li>
 * <li>A real server is alive only when all its checkers are up; {@code alpha} checkers start down.</li>
 * <li>When the checker service for a type goes away its checks are suspended with their state; after the grace
 * period {@link CheckTopics#CHECKER_UNAVAILABLE} is posted; when a service returns they resume.</li>
 * <li>Each virtual server has a quorum over the weights of its alive real servers ({@link Quorums}).</li>
 * <li>HTTP_GET / SSL_GET {@code fast_recovery}: a checker that is down without a failure that exhausted its
 * retries (keepalived's failed_url) is rescheduled at once.</li>
 * <li>{@link #shutdown} is keepalived's clear_services when the checker process exits.</li>
 * </ul>
 */
public final class CheckEngine {
    private final EngineLoop loop;
    private final EngineOutput out;
    private final RandomGenerator random;
    private final ConfigStore configs = new ConfigStore();
    private final Map<String, RealServerRun> servers = new LinkedHashMap<>();
    private final Map<String, List<Checker>> services = new HashMap<>();
    private final Map<String, TypeState> types = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Set<String> dirtyVs = new LinkedHashSet<>();
    /** Real server PID → the virtual server PID it belonged to at the last reconcile. */
    private final Map<String, String> rsVs = new HashMap<>();
    /** Virtual servers that lost real servers in the reconcile under way. */
    private final Set<String> removedFrom = new LinkedHashSet<>();
    /** Strings repeated over real servers' specs (virtual server names, option numbers), held once. */
    private final SharedStrings shared = new SharedStrings();
    private final Quorums quorums;
    private final LagHistogram lag = new LagHistogram();
    private final Timer reconcile = new Timer() {
        @Override
        protected void fire() {
            reconcileDirty();
        }
    };
    private long graceNanos;
    private long settleNanos;
    private boolean logAllFailures;
    private boolean closed;

    public CheckEngine(EngineLoop loop, EngineOutput out, RandomGenerator random, Duration grace, Duration settle) {
        this.loop = loop;
        this.out = out;
        this.random = random;
        this.graceNanos = grace.toNanos();
        this.settleNanos = settle.toNanos();
        this.quorums = new Quorums(out, this::weightSum, loop::now);
    }

    // ---------------------------------------------------------------- settings

    public void settings(Duration grace, Duration settle, boolean checkerLogAllFailures) {
        this.graceNanos = grace.toNanos();
        this.settleNanos = settle.toNanos();
        this.logAllFailures = checkerLogAllFailures;
    }

    // ---------------------------------------------------------------- configuration

    public void updateVirtualServer(String pid, Map<String, Object> props) {
        dirtyVs.add(pid);
        markDirty(configs.putVirtualServer(pid, props), true);
    }

    public void deleteVirtualServer(String pid) {
        dirtyVs.add(pid);
        markDirty(configs.removeVirtualServer(pid), true);
    }

    public void updateRealServer(String pid, Map<String, Object> props) {
        markDirty(configs.putRealServer(pid, props));
    }

    public void deleteRealServer(String pid) {
        markDirty(configs.removeRealServer(pid));
    }

    public void updateChecker(String pid, Map<String, Object> props) {
        markDirty(configs.putChecker(pid, props));
    }

    public void deleteChecker(String pid) {
        markDirty(configs.removeChecker(pid));
    }

    private void markDirty(Set<String> realServers) {
        markDirty(realServers, false);
    }

    private void markDirty(Set<String> realServers, boolean always) {
        if ((realServers.isEmpty() && !always) || closed) {
            return;
        }
        dirty.addAll(realServers);
        loop.schedule(reconcile, loop.nanoTime() + settleNanos);
    }

    /** Applies every pending configuration change now (the settle timer does this otherwise). */
    public void reconcileDirty() {
        List<String> todo = new ArrayList<>(dirty);
        dirty.clear();
        Set<String> touched = new LinkedHashSet<>(dirtyVs);
        dirtyVs.clear();
        loop.cancel(reconcile);
        quorums.reconciling(true);
        for (String pid : todo) {
            String before = rsVs.get(pid);
            String after = ConfigStore.virtualServerPid(configs.realServer(pid));
            if (before != null) {
                touched.add(before);
                if (!before.equals(after)) {
                    removedFrom.add(before);
                }
            }
            if (after != null) {
                touched.add(after);
                rsVs.put(pid, after);
            } else {
                rsVs.remove(pid);
            }
            reconcile(pid);
        }
        quorums.reconciling(false);
        for (String vsPid : touched) {
            reconcileQuorum(vsPid);
        }
        removedFrom.clear();
    }

    /**
     * keepalived's reload for one virtual server: update_vs_notifies of the old one (when it lost real servers, or
     * is gone), then init_service_vs. A virtual server without real servers does not exist for keepalived
     * ("Virtual server … has no real servers - ignoring").
     */
    private void reconcileQuorum(String vsPid) {
        Map<String, Object> vs = configs.virtualServer(vsPid);
        List<Map<String, Object>> realServers = new ArrayList<>();
        for (String rsPid : configs.realServersOf(vsPid)) {
            Map<String, Object> rs = configs.realServer(rsPid);
            if (rs != null) {
                realServers.add(rs);
            }
        }
        boolean gone = vs == null || realServers.isEmpty();
        if (gone || removedFrom.contains(vsPid)) {
            quorums.serversRemoved(vsPid, gone);
        }
        if (gone) {
            quorums.remove(vsPid);
            return;
        }
        quorums.configured(vsPid, QuorumSpec.of(vs, realServers), SourceOrder.of(vs));
    }

    /**
     * keepalived's weigh_live_realservers: the weights of the alive real servers of a virtual server. A real
     * server without checkers is alive with its configured weight.
     */
    private long weightSum(String vsPid) {
        long sum = 0;
        for (String rsPid : configs.realServersOf(vsPid)) {
            RealServerRun run = servers.get(rsPid);
            if (run != null) {
                sum += run.alive ? Math.max(0, run.weight) : 0;
            } else if (configs.realServer(rsPid) != null && configs.checkersOf(rsPid).isEmpty()) {
                sum += SpecBuilder.configuredWeight(configs.realServer(rsPid));
            }
        }
        return sum;
    }

    private void reconcile(String pid) {
        RealServerSpec spec = null;
        Map<String, Object> rs = configs.realServer(pid);
        if (rs != null) {
            Map<String, Object> vs = configs.virtualServerOf(rs);
            List<Map<String, Object>> checks = configs.checkersOf(pid);
            if (vs != null && !checks.isEmpty()) {
                try {
                    spec = SpecBuilder.build(pid, vs, rs, checks, shared);
                } catch (IllegalArgumentException e) {
                    out.warn("real server " + pid + " not checked: " + e.getMessage());
                }
            }
        }
        RealServerRun run = servers.get(pid);
        if (run != null && rs != null) {
            run.source = SourceOrder.of(rs);
            run.vsPid = ConfigStore.virtualServerPid(rs);
        }
        if (spec == null) {
            if (run != null) {
                remove(run);
            }
        } else if (run == null) {
            create(spec);
        } else if (!run.spec.equals(spec)) {
            migrate(run, spec);
        }
    }

    private void create(RealServerSpec spec) {
        RealServerRun run = new RealServerRun(spec, loop.now());
        Map<String, Object> rsProps = configs.realServer(spec.pid());
        run.source = rsProps == null ? SourceOrder.NONE : SourceOrder.of(rsProps);
        run.vsPid = ConfigStore.virtualServerPid(rsProps);
        for (CheckSpec c : spec.checks()) {
            CheckRun cr = new CheckRun(run, this, c, !c.alpha());
            cr.oneFailureEnough = true;
            run.checks.add(cr);
            if (!cr.up) {
                run.failedCheckers++;
            }
        }
        run.alive = run.failedCheckers == 0;
        servers.put(spec.pid(), run);
        for (CheckRun cr : run.checks) {
            begin(cr);
        }
        if (run.alive) {
            postServer(CheckTopics.REAL_SERVER_UP, run, "configured");
        }
    }

    private void begin(CheckRun cr) {
        out.info(KeepalivedLog.activating(cr.server.rs(), cr.server.vs()));
        long warmup = cr.spec.warmup();
        long delayMicros = SpecBuilder.SECOND + (warmup > 0 ? random.nextLong(warmup + 1) : 0);
        loop.schedule(cr, loop.nanoTime() + delayMicros * 1000);
        if (!available(cr.spec.type())) {
            TypeState ts = types.computeIfAbsent(cr.spec.type(), TypeState::new);
            if (ts.unavailable) {
                postChecker(CheckTopics.CHECKER_UNAVAILABLE, cr, "LOCAL", unavailableReason(cr.spec.type()));
            } else if (!ts.isScheduled()) {
                loop.schedule(ts, loop.nanoTime() + graceNanos);
            }
        }
    }

    /** Reload of a real server whose configuration changed: checkers keep their state by identity. */
    private void migrate(RealServerRun run, RealServerSpec spec) {
        RealServerSpec old = run.spec;
        List<CheckRun> previous = new ArrayList<>(run.checks);
        List<CheckRun> fresh = new ArrayList<>();
        run.checks.clear();
        run.spec = spec;
        for (CheckSpec c : spec.checks()) {
            CheckRun kept = null;
            for (CheckRun p : previous) {
                if (p.spec.sameIdentity(c)) {
                    kept = p;
                    break;
                }
            }
            if (kept != null) {
                previous.remove(kept);
                long retry = c.retry() >= 0 ? c.retry() : defaultRetry(c.type());
                if (kept.retryIt > 0 && retry > 0 && kept.retryIt >= retry) {
                    kept.retryIt = (int) retry - 1; // one more failure is enough, as keepalived's migrate_checkers
                } else if (retry <= 0) {
                    kept.retryIt = 0;
                }
                kept.spec = c;
                run.checks.add(kept);
            } else {
                CheckRun cr = new CheckRun(run, this, c, true);
                fresh.add(cr);
                run.checks.add(cr);
            }
        }
        for (CheckRun gone : previous) {
            stop(gone);
        }
        boolean anyDown = run.checks.stream().anyMatch(cr -> !cr.up);
        for (CheckRun cr : fresh) {
            cr.up = !(cr.spec.alpha() && (anyDown || !run.alive));
        }
        run.failedCheckers = (int) run.checks.stream().filter(cr -> !cr.up).count();
        if (old.weight() != spec.weight() && run.weight == old.weight()) {
            setWeight(run, spec.weight(), false);
        }
        if (run.failedCheckers == 0 && !run.alive) {
            serverState(run, true, "reload");
        } else if (run.failedCheckers > 0 && run.alive) {
            serverState(run, false, "reload");
        }
        for (CheckRun cr : fresh) {
            begin(cr);
        }
    }

    /** A real server removed by a reload: keepalived logs it and runs notify_down if it was alive; no event. */
    private void remove(RealServerRun run) {
        servers.remove(run.spec.pid());
        if (run.vsPid != null) {
            removedFrom.add(run.vsPid);
        }
        out.info(KeepalivedLog.noLongerExists(run.rs()));
        if (run.alive || run.spec.inhibit()) {
            out.info(KeepalivedLog.removing(run.spec.inhibit() && !run.alive, run.rs(), run.vs()));
        }
        for (CheckRun cr : run.checks) {
            stop(cr);
        }
        if (run.alive) {
            run.alive = false;
            run.spec.notifyDown().ifPresent(s -> out.runScript("notify_down " + run.rs(), s));
        }
    }

    private void stop(CheckRun cr) {
        cr.removed = true;
        cr.generation++;
        loop.cancel(cr);
        if (cr.inFlight != null) {
            cr.inFlight.cancel(false);
            cr.inFlight = null;
        }
    }

    // ---------------------------------------------------------------- checks

    /** A check is due: hand it to its checker at once; the result comes back through {@link EngineLoop}. */
    void start(CheckRun cr) {
        if (cr.removed) {
            return;
        }
        List<Checker> svc = services.get(cr.spec.type());
        if (svc == null || svc.isEmpty()) {
            cr.pending = true; // suspended: runs as soon as a service for the type is back
            return;
        }
        Checker checker = svc.get(0);
        long late = loop.nanoTime() - cr.due;
        lag.record(late);
        cr.startedLate = Math.max(0, late);
        cr.pending = false;
        cr.running = true;
        cr.runningOn = checker;
        int gen = ++cr.generation;
        CompletionStage<CheckResult> stage;
        try {
            stage = checker.check(cr.spec.target());
        } catch (RuntimeException e) {
            result(cr, gen, checker, null, e, loop.nanoTime());
            return;
        }
        try {
            cr.inFlight = stage.toCompletableFuture();
        } catch (UnsupportedOperationException e) {
            cr.inFlight = null;
        }
        stage.whenComplete((r, e) -> {
            long doneAt = loop.nanoTime(); // on the checker's thread, as the check ends
            loop.executeSoon(() -> result(cr, gen, checker, r, e, doneAt));
        });
    }

    /**
     * A check's answer, on the loop. {@code doneAt} is when the check ended ({@link EngineLoop#nanoTime()}): the next
     * check is due a delay after that, as keepalived schedules it from its result, not after the loop got round to
     * the answer (results ride on the loop's timer wake-ups; timed from there, the checks served in one wake-up
     * would all fall due together again, and a few such bunches would start every check late).
     */
    private void result(CheckRun cr, int gen, Checker checker, CheckResult r, Throwable e, long doneAt) {
        if (cr.removed || gen != cr.generation || closed) {
            return; // cancelled by a reload or a hot swap: no verdict
        }
        cr.running = false;
        cr.runningOn = null;
        cr.inFlight = null;
        if (e != null || r == null) {
            noVerdict(cr, describe(e), doneAt);
        } else if (r.verdict() == Verdict.ERROR) {
            cr.lastResult = r;
            cr.lastCheckNanos = doneAt;
            noVerdict(cr, r.reason(), doneAt);
        } else {
            verdict(cr, checker, r, doneAt);
        }
    }

    private void noVerdict(CheckRun cr, String reason, long doneAt) {
        out.info(KeepalivedLog.noVerdict(cr.spec, cr.server.rs(), reason));
        scheduleNext(cr, doneAt, cr.spec.delayLoop() * 1000);
    }

    /**
     * The next check of {@code cr}: {@code delay} after the check that ended at {@code doneAt}, as keepalived times
     * it, less how late that check was started (at most half the delay). A pause of the engine (a GC, a busy
     * machine) starts every check due during it at its end; timed from their ends alone, those checks would stay
     * together in every later round, and such bunches grow until each one holds the checker's loop for tens of
     * milliseconds. Counting the lateness keeps every checker on its own phase, and only ever moves a check earlier.
     */
    private void scheduleNext(CheckRun cr, long doneAt, long delay) {
        loop.schedule(cr, doneAt + delay - Math.min(cr.startedLate, delay / 2));
    }

    /**
     * keepalived's epilogs: tcp_epilog (TCP_CHECK and the connection-style types count retries whatever the
     * checker's state), with http's timeout_epilog and check_misc's difference: a failure of a checker already
     * known down is not retried (HTTP_GET/SSL_GET wait max(delay_before_retry, delay_loop), MISC_CHECK
     * delay_loop).
     */
    private void verdict(CheckRun cr, Checker checker, CheckResult r, long doneAt) {
        RealServerRun run = cr.server;
        CheckSpec c = cr.spec;
        cr.lastResult = r;
        cr.lastCheckNanos = doneAt;
        long retry = c.retry() >= 0 ? c.retry() : checker.defaultRetry();
        if (!cr.hasRun && cr.oneFailureEnough) {
            cr.retryIt = (int) Math.min(Integer.MAX_VALUE, retry);
        }
        long delayLoop = c.delayLoop() * 1000;
        long delayBeforeRetry = c.delayBeforeRetry() >= 0 ? c.delayBeforeRetry() * 1000
                : "DNS_CHECK".equals(c.type()) ? delayLoop : checker.defaultDelayBeforeRetry().toNanos();
        boolean success = r.isSuccess();
        if (success && (c.dynamic() || r.weight().isPresent())) {
            setWeight(run, r.weight().isPresent() ? r.weight().getAsInt() : run.spec.weight(), true);
        }
        long delay;
        if (!success && !cr.up && cr.hasRun && !countsRetriesWhileDown(c.type())) {
            delay = "MISC_CHECK".equals(c.type()) ? delayLoop : Math.max(delayBeforeRetry, delayLoop);
            cr.failedUrl = true; // http's epilog keeps the failed url of a checker known down
        } else if (success || cr.retryIt >= retry) {
            cr.failedUrl = !success;
            // http's epilog waits max(delay_before_retry, delay_loop) after a failed URL
            delay = success || countsRetriesWhileDown(c.type()) || "MISC_CHECK".equals(c.type()) ? delayLoop
                    : Math.max(delayBeforeRetry, delayLoop);
            cr.retryIt = 0;
            if (success && (!cr.up || !cr.hasRun)) {
                out.info(KeepalivedLog.success(c, run.rs(), run.vs()));
                checkerState(cr, true, r);
            } else if (!success && (cr.up || !cr.hasRun)) {
                out.info(KeepalivedLog.failed(c, run.rs(), run.vs(), retry, retry > 0 && cr.hasRun, r));
                checkerState(cr, false, r);
            }
        } else {
            delay = delayBeforeRetry;
            cr.retryIt++;
            if ((cr.up || (!cr.hasRun && !countsRetriesWhileDown(c.type())))
                    && (c.logAllFailures() || logAllFailures)) {
                out.info(KeepalivedLog.attempt(c, run.rs(), run.vs(), retry, r));
            }
        }
        cr.hasRun = true;
        if (c.fastRecovery() && !cr.up && !cr.failedUrl) {
            delay = 0; // check_http.c epilog: down but no failed url → at once (thread_add_event)
        }
        scheduleNext(cr, doneAt, delay);
    }

    private static boolean countsRetriesWhileDown(String type) {
        return !("HTTP_GET".equals(type) || "SSL_GET".equals(type) || "MISC_CHECK".equals(type));
    }

    /** keepalived's update_svr_checker_state. */
    private void checkerState(CheckRun cr, boolean alive, CheckResult r) {
        RealServerRun run = cr.server;
        if (cr.up == alive) {
            if (!cr.hasRun) {
                if (cr.spec.alpha() || !alive) {
                    notifyScript(run);
                }
                cr.hasRun = true;
            }
            return;
        }
        cr.hasRun = true;
        cr.up = alive;
        run.failedCheckers = Math.max(0, run.failedCheckers + (alive ? -1 : 1));
        postChecker(alive ? CheckTopics.CHECKER_UP : CheckTopics.CHECKER_DOWN, cr, r.cause().name(), r.reason());
        if (!alive || run.failedCheckers == 0) {
            serverState(run, alive, r.reason());
        }
    }

    /** keepalived's perform_svr_state. */
    private void serverState(RealServerRun run, boolean alive, String reason) {
        if (run.alive == alive) {
            return;
        }
        out.info(KeepalivedLog.serverState(alive, run.spec.inhibit(), run.rs(), run.vs()));
        run.alive = alive;
        run.lastTransition = loop.now();
        notifyScript(run);
        postServer(alive ? CheckTopics.REAL_SERVER_UP : CheckTopics.REAL_SERVER_DOWN, run, reason);
        quorums.changed(run.vsPid, alive ? Math.max(0, run.weight) : -Math.max(0, run.weight));
    }

    private void notifyScript(RealServerRun run) {
        boolean alive = run.alive;
        Optional<org.calpe.exec.api.ScriptCommand> script = alive ? run.spec.notifyUp() : run.spec.notifyDown();
        script.ifPresent(s -> out.runScript((alive ? "notify_up " : "notify_down ") + run.rs(), s));
    }

    /** keepalived's update_svr_wgt; {@code updateQuorum} as its last argument. */
    private void setWeight(RealServerRun run, int weight, boolean updateQuorum) {
        if (weight == run.weight) {
            return;
        }
        out.info(KeepalivedLog.weight(run.weight, weight, run.alive, run.rs(), run.vs()));
        long delta = run.alive ? Math.max(0, weight) - Math.max(0, run.weight) : 0;
        run.weight = weight;
        postServer(CheckTopics.REAL_SERVER_WEIGHT_CHANGED, run, "weight");
        if (updateQuorum) {
            quorums.changed(run.vsPid, delta);
        }
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof CancellationException) {
            return "check cancelled";
        }
        return t == null ? "no result" : String.valueOf(t);
    }

    // ---------------------------------------------------------------- checker services (hot swap)

    public void bindChecker(String type, Checker checker) {
        List<Checker> list = services.computeIfAbsent(type, k -> new ArrayList<>());
        boolean was = !list.isEmpty();
        list.add(checker);
        if (!was) {
            typeAvailable(type);
        }
    }

    public void unbindChecker(String type, Checker checker) {
        List<Checker> list = services.get(type);
        if (list == null || !list.remove(checker)) {
            return;
        }
        boolean gone = list.isEmpty();
        int suspended = 0;
        for (RealServerRun run : servers.values()) {
            for (CheckRun cr : run.checks) {
                if (!cr.spec.type().equals(type)) {
                    continue;
                }
                suspended++;
                if (cr.running && cr.runningOn == checker) {
                    // its answer would be the departing service's shutdown, not a verdict: ask again
                    cr.generation++;
                    cr.running = false;
                    cr.runningOn = null;
                    if (cr.inFlight != null) {
                        cr.inFlight.cancel(false);
                        cr.inFlight = null;
                    }
                    if (gone) {
                        cr.pending = true;
                    } else {
                        loop.schedule(cr, loop.nanoTime());
                    }
                }
            }
        }
        if (!gone) {
            return;
        }
        if (suspended > 0) {
            out.info(type + " checker service gone: " + suspended + " checks suspended, state kept");
        }
        TypeState ts = types.computeIfAbsent(type, TypeState::new);
        if (!ts.unavailable && !ts.isScheduled()) {
            loop.schedule(ts, loop.nanoTime() + graceNanos);
        }
    }

    private void typeAvailable(String type) {
        TypeState ts = types.get(type);
        boolean wasUnavailable = false;
        if (ts != null) {
            loop.cancel(ts);
            wasUnavailable = ts.unavailable;
            ts.unavailable = false;
        }
        int resumed = 0;
        for (RealServerRun run : servers.values()) {
            for (CheckRun cr : run.checks) {
                if (!cr.spec.type().equals(type)) {
                    continue;
                }
                resumed++;
                if (wasUnavailable) {
                    postChecker(CheckTopics.CHECKER_AVAILABLE, cr, "NONE", type + " checker available");
                }
                if (cr.pending) {
                    cr.pending = false;
                    loop.schedule(cr, loop.nanoTime());
                }
            }
        }
        if (wasUnavailable) {
            out.info(type + " checker available again: " + resumed + " checks resume");
        }
    }

    private void graceExpired(TypeState ts) {
        if (available(ts.type) || closed) {
            return;
        }
        ts.unavailable = true;
        List<CheckRun> affected = new ArrayList<>();
        for (RealServerRun run : servers.values()) {
            for (CheckRun cr : run.checks) {
                if (cr.spec.type().equals(ts.type)) {
                    affected.add(cr);
                }
            }
        }
        if (affected.isEmpty()) {
            return;
        }
        out.warn(unavailableReason(ts.type) + ": " + affected.size()
                + " checks suspended, real servers keep their state");
        for (CheckRun cr : affected) {
            postChecker(CheckTopics.CHECKER_UNAVAILABLE, cr, "LOCAL", unavailableReason(ts.type));
        }
    }

    private String unavailableReason(String type) {
        return "no " + type + " checker service for " + Duration.ofNanos(graceNanos).toMillis() + " ms";
    }

    private boolean available(String type) {
        List<Checker> list = services.get(type);
        return list != null && !list.isEmpty();
    }

    private long defaultRetry(String type) {
        List<Checker> list = services.get(type);
        return list == null || list.isEmpty() ? 1 : list.get(0).defaultRetry();
    }

    /** Per checker type: the grace timer and whether UNAVAILABLE was posted. */
    private final class TypeState extends Timer {
        final String type;
        boolean unavailable;

        TypeState(String type) {
            this.type = type;
        }

        @Override
        protected void fire() {
            graceExpired(this);
        }
    }

    // ---------------------------------------------------------------- events and status

    private void postServer(String topic, RealServerRun run, String reason) {
        out.post(topic, EngineEvents.server(run, loop.now().toEpochMilli(), reason));
    }

    private void postChecker(String topic, CheckRun cr, String cause, String reason) {
        out.post(topic, EngineEvents.checker(cr, loop.now().toEpochMilli(), cause, reason));
    }

    /** Every checked real server, in configuration order (file and line of keepalived.conf, when known). */
    public List<RealServerStatus> snapshot() {
        List<RealServerRun> runs = new ArrayList<>(servers.values());
        runs.sort(java.util.Comparator.comparing(r -> r.source)); // stable: creation order among equals
        List<RealServerStatus> list = new ArrayList<>(runs.size());
        Instant now = loop.now();
        long nowNanos = loop.nanoTime();
        for (RealServerRun run : runs) {
            list.add(EngineEvents.status(run, this::available, now, nowNanos));
        }
        return list;
    }

    /** Every virtual server with its quorum, in configuration order. */
    public List<VirtualServerStatus> virtualServerSnapshot() {
        return quorums.snapshot();
    }

    /** The lag histogram of check starts (due → handed to the checker). */
    public LagHistogram lag() {
        return lag;
    }

    /**
     * The engine stops for good (bundle or framework stop): keepalived 2.2.7's clear_services when the checker
     * process exits (unless started with --dont-release-ipvs). Without {@code lvs_flush_on_stop}, every real server
     * of every virtual server is logged "Shutting down service … from VS …"; an alive one (in the table: not while a
     * sorry server replaces it) is marked down, and only under the virtual server's {@code omega} runs its
     * {@code notify_down} and is announced ({@link CheckTopics#REAL_SERVER_DOWN} with
     * {@link CheckTopics#PROP_STOPPING}). Then each virtual server's quorum goes down, announced (and
     * {@code quorum_down} run) under {@code omega} only. With {@code lvs_flush_on_stop} only the quorum part runs.
     * Then {@link #close}.
     */
    public void shutdown(boolean flushOnStop) {
        if (closed) {
            return;
        }
        for (VirtualServerRun vsr : quorums.ordered()) {
            if (!flushOnStop) {
                List<String> rsPids = new ArrayList<>(configs.realServersOf(vsr.pid));
                rsPids.sort(java.util.Comparator.comparing(
                        p -> configs.realServer(p) == null ? SourceOrder.NONE : SourceOrder.of(configs.realServer(p))));
                for (String rsPid : rsPids) {
                    shutdownServer(vsr, rsPid);
                }
            }
            quorums.shutdown(vsr);
        }
        close();
    }

    private void shutdownServer(VirtualServerRun vsr, String rsPid) {
        RealServerRun run = servers.get(rsPid);
        if (run == null) {
            Map<String, Object> rs = configs.realServer(rsPid);
            Map<String, Object> vs = configs.virtualServer(vsr.pid);
            if (rs == null || vs == null || !configs.checkersOf(rsPid).isEmpty()) {
                return; // a real server whose checkers could not be built is not in the table
            }
            try {
                run = new RealServerRun(SpecBuilder.build(rsPid, vs, rs, List.of()), loop.now());
            } catch (IllegalArgumentException e) {
                return;
            }
            run.alive = true; // no checkers: alive since start-up
        }
        out.info(KeepalivedLog.shuttingDown(run.spec.inhibit() && !run.alive, run.rs(), vsr.spec.virtualServer()));
        if (!run.alive || vsr.sorryActive) {
            return; // not in the table with a weight: nothing to notify
        }
        run.alive = false;
        if (!vsr.spec.omega()) {
            return;
        }
        RealServerRun down = run;
        run.spec.notifyDown().ifPresent(s -> out.runScript("notify_down " + down.rs(), s));
        Map<String, Object> p = EngineEvents.server(run, loop.now().toEpochMilli(), "shutting down");
        p.put(CheckTopics.PROP_STOPPING, Boolean.TRUE);
        out.post(CheckTopics.REAL_SERVER_DOWN, p);
    }

    /** Stops every check without events or scripts (after {@link #shutdown}, or in tests). */
    public void close() {
        closed = true;
        for (RealServerRun run : servers.values()) {
            for (CheckRun cr : run.checks) {
                stop(cr);
            }
        }
        for (TypeState ts : types.values()) {
            loop.cancel(ts);
        }
        loop.cancel(reconcile);
    }

    /** Number of checked real servers (tests, benchmark). */
    public int size() {
        return servers.size();
    }
}
