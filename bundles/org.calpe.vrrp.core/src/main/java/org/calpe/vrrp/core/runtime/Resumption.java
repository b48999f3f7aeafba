package org.calpe.vrrp.core.runtime;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.calpe.vrrp.api.VrrpState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The next engine's side of a {@link HandOver}: which instances and sync groups may still resume, until when,
 * and whether the hand-over has been claimed. Used on the runtime's loop only.
 */
final class Resumption {
    private static final Logger LOG = LoggerFactory.getLogger("org.calpe.vrrp");

    private final Map<String, HandOver.Saved> instances = new HashMap<>();
    private final Map<String, VrrpState> groups = new HashMap<>();
    private long untilNanos;
    private HandOverLink link;
    private long id;
    private boolean claimed;
    private HandOver offered;
    private final Set<String> preparedInstances = new HashSet<>();
    private final Set<String> preparedGroups = new HashSet<>();
    private long gatherUntilNanos;

    /** Takes {@code handOver}, open for configurations that arrive before {@code untilNanos}. */
    void offer(HandOver handOver, long untilNanos, HandOverLink link) {
        offer(handOver, untilNanos, untilNanos, link);
    }

    /**
     * Takes {@code handOver}, open for configurations that arrive before {@code untilNanos}; the instances are
     * resumed together once all of them are prepared, or at {@code gatherUntilNanos} with those prepared by then.
     */
    void offer(HandOver handOver, long untilNanos, long gatherUntilNanos, HandOverLink link) {
        instances.clear();
        groups.clear();
        preparedInstances.clear();
        preparedGroups.clear();
        this.gatherUntilNanos = gatherUntilNanos;
        instances.putAll(handOver.instances());
        groups.putAll(handOver.groups());
        this.untilNanos = untilNanos;
        this.link = link;
        this.id = handOver.nanoTime();
        this.claimed = false;
        this.offered = handOver;
    }

    /**
     * The offered hand-over if nothing of it has been resumed (not claimed), it is still open and holds
     * something: an engine stopped again before its configurations arrived passes it on unchanged, so that the
     * next engine resumes from it and ends the previous engine's bridge.
     */
    HandOver unclaimed() {
        if (claimed || offered == null || !open()) {
            return null;
        }
        return offered;
    }

    /**
     * The saved state of the instance configured as {@code pid}, if the hand-over is still open, the
     * configuration still matches and the hand-over could be claimed; else null (start anew).
     */
    HandOver.Saved take(String pid, RunKey key) {
        if (!expects(pid, key)) {
            return null;
        }
        HandOver.Saved saved = instances.remove(pid);
        return claim() ? saved : null;
    }

    /**
     * Whether the instance configured as {@code pid} has a saved state to resume from (without taking it); one
     * whose configuration no longer matches is dropped from the hand-over here (it starts anew).
     */
    boolean expects(String pid, RunKey key) {
        if (!open()) {
            return false;
        }
        HandOver.Saved saved = instances.get(pid);
        if (saved == null) {
            return false;
        }
        if (!saved.identity().equals(HandOver.identity(key.spec(), key.group()))) {
            instances.remove(pid);
            LOG.info("({}) configuration changed across the hand-over: starting normally", key.spec().name());
            return false;
        }
        return true;
    }

    /** Whether sync group {@code name} has a saved state (without taking it). */
    boolean expectsGroup(String name) {
        return open() && groups.containsKey(name);
    }

    /** The instance configured as {@code pid} is prepared and waits to resume. */
    void prepared(String pid) {
        preparedInstances.add(pid);
    }

    /** Sync group {@code name} is prepared and waits to resume. */
    void preparedGroup(String name) {
        preparedGroups.add(name);
    }

    /**
     * Whether the prepared instances resume now: every instance and group of the hand-over is prepared, the
     * gathering time is over, or the hand-over is claimed already (later ones follow at once).
     */
    boolean gathered() {
        return claimed || System.nanoTime() - gatherUntilNanos >= 0
                || preparedInstances.containsAll(instances.keySet()) && preparedGroups.containsAll(groups.keySet());
    }

    /** Nanoseconds until the gathering time is over (0 if it is). */
    long gatherLeftNanos() {
        return Math.max(0, gatherUntilNanos - System.nanoTime());
    }

    /** Whether an instance has resumed from the offered hand-over (the previous engine stopped bridging). */
    boolean claimed() {
        return claimed;
    }

    /** The saved state of sync group {@code name}, or null. */
    VrrpState takeGroup(String name) {
        return open() ? groups.remove(name) : null;
    }

    /** Claims the hand-over once; false (and nothing resumes) if the old engine abandoned it. */
    private boolean claim() {
        if (claimed) {
            return true;
        }
        boolean ok;
        try {
            ok = link == null || link.claim(id);
        } catch (RuntimeException e) {
            ok = false;
        }
        if (!ok) {
            LOG.info("VRRP hand-over abandoned by the previous engine: {} start anew", instances.keySet());
            clear();
            return false;
        }
        claimed = true;
        return true;
    }

    private boolean open() {
        if (instances.isEmpty() && groups.isEmpty()) {
            return false;
        }
        if (System.nanoTime() - untilNanos > 0) {
            LOG.info("VRRP hand-over expired: {} not resumed; they start normally", instances.keySet());
            clear();
            return false;
        }
        return true;
    }

    private void clear() {
        instances.clear();
        groups.clear();
    }
}
