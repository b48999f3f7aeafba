package org.calpe.lvs.engine;

import java.time.Instant;

/** The runtime quorum state of one virtual server (keepalived's virtual_server_t quorum_state_up). */
final class VirtualServerRun {
    final String pid;
    QuorumSpec spec;
    boolean quorumUp;
    /** keepalived's "sorry server alive": the quorum was lost (or started down) with a sorry_server configured. */
    boolean sorryActive;
    Instant lastTransition;
    /** The weight sum of its alive real servers, kept up to date between reconciles (see {@link Quorums}). */
    long weightSum;
    SourceOrder source = SourceOrder.NONE;

    VirtualServerRun(String pid, QuorumSpec spec, Instant now) {
        this.pid = pid;
        this.spec = spec;
        this.lastTransition = now;
    }
}
