package org.calpe.lvs.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.calpe.check.api.CheckTopics;
import org.calpe.check.api.RealServerState;
import org.calpe.check.api.dto.CheckerStatus;
import org.calpe.check.api.dto.RealServerStatus;

/** Event properties ({@link CheckTopics}) and status snapshots made from the engine's runtime state. */
final class EngineEvents {
    private EngineEvents() {
    }

    /** A real server event: state, weight (0 while inhibited), inhibit flag and reason. */
    static Map<String, Object> server(RealServerRun run, long timestamp, String reason) {
        Map<String, Object> p = new HashMap<>();
        p.put(CheckTopics.PROP_TIMESTAMP, timestamp);
        p.put(CheckTopics.PROP_VIRTUAL_SERVER, run.vs());
        p.put(CheckTopics.PROP_REAL_SERVER, run.rs());
        p.put(CheckTopics.PROP_STATE, state(run.alive).name());
        p.put(CheckTopics.PROP_WEIGHT, effectiveWeight(run));
        p.put(CheckTopics.PROP_INHIBIT, inhibited(run));
        p.put(CheckTopics.PROP_REASON, reason == null ? "" : reason);
        return p;
    }

    /** A checker event: type, check name, the checker's state, cause and reason. */
    static Map<String, Object> checker(CheckRun cr, long timestamp, String cause, String reason) {
        Map<String, Object> p = new HashMap<>();
        p.put(CheckTopics.PROP_TIMESTAMP, timestamp);
        p.put(CheckTopics.PROP_VIRTUAL_SERVER, cr.server.vs());
        p.put(CheckTopics.PROP_REAL_SERVER, cr.server.rs());
        p.put(CheckTopics.PROP_CHECKER_TYPE, cr.spec.type());
        p.put(CheckTopics.PROP_CHECK, cr.spec.target().name());
        p.put(CheckTopics.PROP_STATE, state(cr.up).name());
        p.put(CheckTopics.PROP_CAUSE, cause);
        p.put(CheckTopics.PROP_REASON, reason == null ? "" : reason);
        return p;
    }

    /** {@code now} and {@code nowNanos}: the loop's clocks, read together (a check's end is kept on the latter). */
    static RealServerStatus status(RealServerRun run, Predicate<String> available, Instant now, long nowNanos) {
        List<CheckerStatus> checks = new ArrayList<>(run.checks.size());
        for (CheckRun cr : run.checks) {
            Instant last = cr.lastResult == null ? Instant.EPOCH : now.minusNanos(nowNanos - cr.lastCheckNanos);
            checks.add(new CheckerStatus(cr.spec.type(), cr.spec.target().name(), state(cr.up),
                    available.test(cr.spec.type()), cr.retryIt, Optional.ofNullable(cr.lastResult), last));
        }
        return new RealServerStatus(run.vs(), run.rs(), state(run.alive), effectiveWeight(run), inhibited(run),
                checks, run.lastTransition);
    }

    private static RealServerState state(boolean up) {
        return up ? RealServerState.UP : RealServerState.DOWN;
    }

    static boolean inhibited(RealServerRun run) {
        return !run.alive && run.spec.inhibit();
    }

    static int effectiveWeight(RealServerRun run) {
        return inhibited(run) ? 0 : run.weight;
    }
}
