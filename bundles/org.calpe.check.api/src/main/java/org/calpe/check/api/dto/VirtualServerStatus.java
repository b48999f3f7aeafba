package org.calpe.check.api.dto;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of one {@code virtual_server}'s quorum (keepalived's {@code quorum_state_up}).
 *
 * @param virtualServer the virtual server, as keepalived prints it ({@code [198.18.0.1]:tcp:80}, {@code FWM 1})
 * @param quorumUp true while the weight sum of its alive real servers meets the quorum
 * @param quorum {@code quorum} in effect (lowered to the total real-server weight, as keepalived does)
 * @param hysteresis {@code hysteresis} in effect (kept below the quorum)
 * @param weightSum the sum of the weights of its alive real servers
 * @param lastTransition when the quorum state last changed (or the virtual server was configured)
 */
public record VirtualServerStatus(String virtualServer, boolean quorumUp, long quorum, long hysteresis,
        long weightSum, Instant lastTransition) {

    public VirtualServerStatus {
        Objects.requireNonNull(virtualServer, "virtualServer");
        Objects.requireNonNull(lastTransition, "lastTransition");
    }
}
