package org.calpe.check.api.dto;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.RealServerState;

/**
 * A snapshot of one checker of a real server.
 *
 * @param type the checker type ({@code TCP_CHECK}, …)
 * @param check the check's name ({@code [198.18.0.2]:tcp:80})
 * @param state the checker's own state
 * @param available false while no service for {@link #type()} is registered (checks suspended, state kept)
 * @param failedAttempts consecutive failures counted against {@code retry} since the last verdict
 * @param lastResult the most recent result, empty before the first check
 * @param lastCheck when the most recent check finished ({@link Instant#EPOCH} before the first)
 */
public record CheckerStatus(String type, String check, RealServerState state, boolean available,
        int failedAttempts, Optional<CheckResult> lastResult, Instant lastCheck) {

    public CheckerStatus {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastResult, "lastResult");
        Objects.requireNonNull(lastCheck, "lastCheck");
    }
}
