package org.calpe.vrrp.core.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.core.fsm.InstanceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.util.concurrent.EventExecutor;

/**
 * The instances one reconcile prepared, started together once every one of them is prepared, as keepalived starts
 * a configuration ({@code vrrp_init_state}, then {@code vrrp_init_sands} for all): every receive socket is open
 * before any timer runs, and all Master_Down timers start from the same moment instead of one after the other
 * while the configuration is applied. The state machines start first (that only arms their timers and queues
 * their actions), then the queued actions (address removal, logs, events, notify scripts) are carried out, so the
 * time those take does not push later instances' timers back.
 * <p>
 * Cold start hold (Calpe, off unless {@link #holdColdStart} is given a time): when the runtime starts without a
 * hand-over, the instances configured {@code state BACKUP} (not address owners) that are prepared within the hold
 * start together when it ends, instead of right away. Two nodes started at the same moment come up with a skew of
 * several hundred milliseconds (JVM, framework, configuration), while a {@code state MASTER} peer becomes MASTER
 * only one Master_Down_Interval after its own start, which at {@code advert_int 0.1} is only 20 ms shorter than
 * the backup's: without the hold, whichever node happened to start first wins, and the backup's instances flap
 * through MASTER. With the hold, the backup still waits a full Master_Down_Interval after its (later) start
 * before taking over, and hears the master's adverts from the start of that interval. A configuration that arrives
 * in several reconciles (Config Admin delivers a large one in parts, and the peer's parts come just as late) holds
 * until one hold after the last part that brought an instance to hold, but never longer than {@link #MAX_HOLDS}
 * holds after the first: otherwise the peer's last part, started after this node's hold, finds this node's
 * instances already counting down. Used on the loop only.
 */
final class StartBatch {
    private static final Logger LOG = LoggerFactory.getLogger("org.calpe.vrrp");
    /** The longest a cold start hold lasts, counted in holds from its start. */
    static final int MAX_HOLDS = 3;

    private final EventExecutor loop;
    private final Predicate<InstanceRunner> stillWanted;
    private final Consumer<InstanceRunner> failed;
    private final List<InstanceRunner> prepared = new ArrayList<>();
    private final List<InstanceRunner> held = new ArrayList<>();
    private long holdNanos;
    private boolean coldStart = true;
    private long holdStartNanos;
    private long holdEndNanos;
    private boolean holdScheduled;

    /**
     * @param stillWanted whether a held instance is still configured and not stopped when the hold ends
     * @param failed an instance whose state machine could not start (it is stopped already)
     */
    StartBatch(EventExecutor loop, Predicate<InstanceRunner> stillWanted, Consumer<InstanceRunner> failed) {
        this.loop = loop;
        this.stillWanted = stillWanted;
        this.failed = failed;
    }

    /** The cold start hold, in milliseconds (0: none); only before the first batch has started. */
    void holdColdStart(long millis) {
        holdNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
    }

    /** The runtime resumes a previous engine's instances (a bundle update): nothing is held. */
    void noColdStart() {
        coldStart = false;
    }

    /** {@code r} is prepared (socket open, state machine built, trackers primed) and starts with the batch. */
    void add(InstanceRunner r) {
        prepared.add(r);
    }

    /** Starts every added instance (or, during the cold start hold, holds those configured BACKUP). */
    void startAll() {
        if (prepared.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        if (coldStart && holdNanos > 0 && holdEndNanos == 0) {
            holdStartNanos = now;
            holdEndNanos = now + holdNanos;
        }
        boolean holding = coldStart && holdNanos > 0 && now - holdEndNanos < 0;
        List<InstanceRunner> go = new ArrayList<>();
        int before = held.size();
        for (InstanceRunner r : prepared) {
            if (holding && heldAtColdStart(r.spec())) {
                held.add(r);
            } else {
                go.add(r);
            }
        }
        prepared.clear();
        coldStart = holding && coldStart;
        if (held.size() > before) {
            long latest = holdStartNanos + MAX_HOLDS * holdNanos;
            long end = now + holdNanos - latest < 0 ? now + holdNanos : latest;
            if (end - holdEndNanos > 0) {
                holdEndNanos = end;
            }
        }
        start(go);
        if (!held.isEmpty() && !holdScheduled) {
            holdScheduled = true;
            LOG.info("VRRP cold start: the instances in state BACKUP start in {} ms, so that a peer started at the"
                    + " same moment can become MASTER first", TimeUnit.NANOSECONDS.toMillis(holdEndNanos - now));
            loop.schedule(this::endHold, holdEndNanos - now, TimeUnit.NANOSECONDS);
        }
    }

    /** Whether an instance is held at a cold start: configured BACKUP, and not the address owner. */
    static boolean heldAtColdStart(InstanceSpec spec) {
        return spec.initialState() == VrrpState.BACKUP && spec.priority() < InstanceConfig.PRIORITY_OWNER;
    }

    private void endHold() {
        long left = holdEndNanos - System.nanoTime();
        if (left > 0) { // a later part of the configuration moved the end
            loop.schedule(this::endHold, left, TimeUnit.NANOSECONDS);
            return;
        }
        coldStart = false;
        List<InstanceRunner> go = held.stream().filter(stillWanted).toList();
        held.clear();
        start(go);
    }

    private void start(List<InstanceRunner> runners) {
        List<InstanceRunner> begun = new ArrayList<>(runners.size());
        for (InstanceRunner r : runners) {
            try {
                r.fsm().start();
                begun.add(r);
            } catch (RuntimeException e) {
                LOG.error("({}) cannot start: {}", r.spec().name(), e.getMessage());
                r.stop();
                failed.accept(r);
            }
        }
        for (InstanceRunner r : begun) {
            r.drain();
        }
    }
}
