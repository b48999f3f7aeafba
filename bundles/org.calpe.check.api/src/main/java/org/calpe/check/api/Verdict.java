package org.calpe.check.api;

/** What a single check says about a real server. */
public enum Verdict {
    /** The check passed. */
    SUCCESS,
    /** The check failed: counts towards {@code retry}, and marks the checker down once retries are exhausted. */
    FAILURE,
    /**
     * The check could not be run for a local reason (socket could not be created, {@code bindto} address not
     * available, {@code bind_if} or {@code fwmark} could not be applied, script missing). No verdict: keepalived
     * logs it and tries again after {@code delay_loop} without counting a retry or changing state.
     */
    ERROR
}
