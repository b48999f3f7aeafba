package org.calpe.check.api;

/** The health of a real server, or of one of its checkers, as keepalived keeps it. */
public enum RealServerState {
    /** Alive: in the IPVS table with its configured weight. */
    UP,
    /** Dead: removed from the IPVS table, or kept with weight 0 under {@code inhibit_on_failure}. */
    DOWN
}
