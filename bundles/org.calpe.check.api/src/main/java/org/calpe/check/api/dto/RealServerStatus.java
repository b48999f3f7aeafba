package org.calpe.check.api.dto;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.calpe.check.api.RealServerState;

/**
 * A snapshot of one {@code real_server} and its checkers.
 *
 * @param virtualServer the virtual server, as keepalived prints it ({@code [198.18.0.1]:tcp:80}, {@code FWM 1})
 * @param realServer the real server, as keepalived prints it ({@code [198.18.0.2]:tcp:80})
 * @param state UP only when every checker is up
 * @param weight the weight in effect (configured, or set by {@code misc_dynamic}; 0 while inhibited)
 * @param inhibited true while dead and kept in the table with weight 0 ({@code inhibit_on_failure})
 * @param checkers its checkers, in configuration order
 * @param lastTransition when the real server entered its current state
 */
public record RealServerStatus(String virtualServer, String realServer, RealServerState state, int weight,
        boolean inhibited, List<CheckerStatus> checkers, Instant lastTransition) {

    public RealServerStatus {
        Objects.requireNonNull(virtualServer, "virtualServer");
        Objects.requireNonNull(realServer, "realServer");
        Objects.requireNonNull(state, "state");
        checkers = List.copyOf(checkers);
        Objects.requireNonNull(lastTransition, "lastTransition");
    }
}
