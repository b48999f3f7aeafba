package org.calpe.check.api;

/** Why a check did not succeed; lets logs keep keepalived's wording ("timedout." vs "failed."). */
public enum FailureCause {
    /** Not a failure ({@link Verdict#SUCCESS}). */
    NONE,
    /** The connection was refused (RST to the SYN, ECONNREFUSED). */
    REFUSED,
    /** No answer within {@code connect_timeout} (or the type's own timeout). */
    TIMEOUT,
    /** No route, host or network unreachable or down. */
    UNREACHABLE,
    /** The connection was reset or aborted after it was established. */
    RESET,
    /** The server answered, but not as required (status code, digest, regex, TLS handshake). */
    RESPONSE,
    /** A {@code MISC_CHECK} script exited with a failing code or was killed. */
    EXIT_CODE,
    /** A local error: the check could not be run ({@link Verdict#ERROR}). */
    LOCAL,
    /** Any other failure. */
    OTHER
}
