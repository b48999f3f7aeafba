package org.calpe.lvs.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import org.calpe.check.api.CheckTopics;
import org.calpe.check.api.dto.VirtualServerStatus;
import org.calpe.exec.api.ScriptCommand;

/**
 * Virtual-server quorums, keepalived 2.2.7's ipwrapper.c: update_quorum_state (gain at weight sum >= quorum +
 * hysteresis, lose at weight sum 0 or below quorum - hysteresis), update_vs_notifies (a reload that removed real
 * servers) and do_vs_notifies ({@code quorum_up}/{@code quorum_down} scripts, events). A new virtual server starts
 * with the quorum down (set_quorum_states runs before any real server is alive) and is evaluated once its real
 * servers are in place ("init"): gaining is announced then ("Starting with quorum up" in mails, "Gained quorum" in
 * the log), starting down only when a {@code sorry_server} is configured. The sorry server itself and IPVS are not
 * handled here. Loop thread only.
 */
final class Quorums {
    private final EngineOutput out;
    private final ToLongFunction<String> weightSum;
    private final Supplier<Instant> clock;
    private final Map<String, VirtualServerRun> runs = new LinkedHashMap<>();
    /** A reconcile is under way: real servers come and go, so sums are recomputed rather than adjusted. */
    private boolean reconciling;

    /**
     * @param weightSum a virtual server PID → the sum of the weights of its alive real servers
     */
    Quorums(EngineOutput out, ToLongFunction<String> weightSum, Supplier<Instant> clock) {
        this.out = out;
        this.weightSum = weightSum;
        this.clock = clock;
    }

    /**
     * A virtual server was (re)configured, or its set of real servers changed: keepalived's reload path
     * (clear_diff_services keeps the quorum state, init_service_vs evaluates with {@code init}).
     */
    void configured(String pid, QuorumSpec spec, SourceOrder source) {
        VirtualServerRun run = runs.get(pid);
        if (run == null) {
            run = new VirtualServerRun(pid, spec, clock.get());
            runs.put(pid, run);
        }
        run.spec = spec;
        run.source = source;
        if (!spec.sorryServer()) {
            run.sorryActive = false; // clear_diff_s_srv: without a sorry server the alive real servers are back
        }
        run.weightSum = weightSum.applyAsLong(pid);
        update(run, true);
    }

    /** Between {@code true} and {@code false}, {@link #changed} recomputes sums instead of adjusting them. */
    void reconciling(boolean on) {
        reconciling = on;
    }

    /**
     * A real server's state or weight changed (perform_svr_state, update_svr_wgt): not an init evaluation.
     *
     * @param delta how much the virtual server's alive weight sum changed (the sum is kept incrementally, so that
     *        a virtual server with thousands of real servers is not summed on every change)
     */
    void changed(String pid, long delta) {
        VirtualServerRun run = pid == null ? null : runs.get(pid);
        if (run != null) {
            run.weightSum = reconciling ? weightSum.applyAsLong(pid) : run.weightSum + delta;
            update(run, false);
        }
    }

    /**
     * A reload removed real servers of this virtual server, or the virtual server itself (clear_diff_rs /
     * clear_service_vs → update_vs_notifies): if it had the quorum and the remaining weight is 0 or below quorum -
     * hysteresis, keepalived notifies the loss (scripts, mail; no log line) on the old virtual server. The state of
     * the surviving virtual server is the one copied before, so it is not changed here.
     *
     * @param gone the virtual server itself was removed: its remaining weight is 0
     */
    void serversRemoved(String pid, boolean gone) {
        VirtualServerRun run = runs.get(pid);
        if (run == null || !run.quorumUp) {
            return;
        }
        long sum = gone ? 0 : weightSum.applyAsLong(pid);
        long threshold = run.spec.threshold(true);
        if (sum == 0 || sum < threshold) {
            notifyQuorum(run, false, false, threshold, sum, false);
        }
    }

    /** A virtual server removed by a reload. */
    void remove(String pid) {
        runs.remove(pid);
    }

    /** keepalived's update_quorum_state. */
    private void update(VirtualServerRun run, boolean init) {
        QuorumSpec s = run.spec;
        long sum = run.weightSum;
        long threshold = s.threshold(run.quorumUp);
        if (!run.quorumUp && sum >= threshold) {
            run.quorumUp = true;
            run.lastTransition = clock.get();
            run.sorryActive = false;
            out.info(KeepalivedLog.gainedQuorum(s.quorum(), s.hysteresis(), threshold, sum, s.virtualServer()));
            notifyQuorum(run, true, init, threshold, sum, false);
        } else if ((run.quorumUp && (sum == 0 || sum < threshold))
                || (init && !run.quorumUp && s.sorryServer() && !run.sorryActive)) {
            if (run.quorumUp) {
                run.lastTransition = clock.get();
            }
            run.quorumUp = false;
            if (s.sorryServer()) {
                run.sorryActive = true;
            }
            out.info(KeepalivedLog.lostQuorum(init, s.quorum(), s.hysteresis(), threshold, sum, s.virtualServer()));
            notifyQuorum(run, false, init, threshold, sum, false);
        }
    }

    /** keepalived's do_vs_notifies: the quorum script, and the event the SMTP notifier turns into a mail. */
    private void notifyQuorum(VirtualServerRun run, boolean up, boolean init, long threshold, long sum,
            boolean stopping) {
        QuorumSpec s = run.spec;
        if (stopping && !s.omega()) {
            return;
        }
        (up ? s.quorumUp() : s.quorumDown()).ifPresent(
                (ScriptCommand c) -> out.runScript((up ? "quorum_up " : "quorum_down ") + s.virtualServer(), c));
        Map<String, Object> p = new HashMap<>();
        p.put(CheckTopics.PROP_TIMESTAMP, clock.get().toEpochMilli());
        p.put(CheckTopics.PROP_VIRTUAL_SERVER, s.virtualServer());
        p.put(CheckTopics.PROP_STATE, up ? "UP" : "DOWN");
        p.put(CheckTopics.PROP_QUORUM, s.quorum());
        p.put(CheckTopics.PROP_HYSTERESIS, s.hysteresis());
        p.put(CheckTopics.PROP_THRESHOLD, threshold);
        p.put(CheckTopics.PROP_WEIGHT_SUM, sum);
        p.put(CheckTopics.PROP_INIT, init);
        p.put(CheckTopics.PROP_STOPPING, stopping);
        out.post(up ? CheckTopics.VIRTUAL_SERVER_QUORUM_UP : CheckTopics.VIRTUAL_SERVER_QUORUM_DOWN, p);
    }

    /**
     * Shutting down (clear_services → update_vs_notifies with {@code stopping}): the quorum goes down whatever it
     * was, and only a virtual server with {@code omega} runs {@code quorum_down} and announces it.
     */
    void shutdown(VirtualServerRun run) {
        long sum = weightSum.applyAsLong(run.pid);
        run.weightSum = sum;
        run.quorumUp = false;
        notifyQuorum(run, false, false, run.spec.threshold(true), sum, true);
    }

    VirtualServerRun get(String pid) {
        return runs.get(pid);
    }

    /** Every virtual server, in configuration order (creation order among equals). */
    List<VirtualServerRun> ordered() {
        List<VirtualServerRun> list = new ArrayList<>(runs.values());
        list.sort(java.util.Comparator.comparing(r -> r.source));
        return list;
    }

    List<VirtualServerStatus> snapshot() {
        List<VirtualServerStatus> list = new ArrayList<>();
        for (VirtualServerRun r : ordered()) {
            list.add(new VirtualServerStatus(r.spec.virtualServer(), r.quorumUp, r.spec.quorum(), r.spec.hysteresis(),
                    r.weightSum, r.lastTransition));
        }
        return list;
    }
}
