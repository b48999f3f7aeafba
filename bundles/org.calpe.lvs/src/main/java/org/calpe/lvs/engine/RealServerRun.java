package org.calpe.lvs.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The runtime state of one real server (keepalived's real_server_t): alive flag, weight, failed checkers. */
final class RealServerRun {
    RealServerSpec spec;
    final List<CheckRun> checks = new ArrayList<>(2);
    boolean alive;
    int failedCheckers;
    int weight;
    Instant lastTransition;
    SourceOrder source = SourceOrder.NONE;
    /** The PID of the virtual server it belongs to (its quorum), or null. */
    String vsPid;

    RealServerRun(RealServerSpec spec, Instant now) {
        this.spec = spec;
        this.weight = spec.weight();
        this.lastTransition = now;
    }

    String vs() {
        return spec.virtualServer();
    }

    String rs() {
        return spec.realServer();
    }
}
