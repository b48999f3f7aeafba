package org.calpe.lvs.engine;

import java.util.Objects;

import org.calpe.check.api.CheckTarget;

/**
 * One checker of a real server with every setting inherited (checker → real server → virtual server → default).
 *
 * @param pid the checker's Config Admin PID
 * @param type the checker type keyword ({@code TCP_CHECK})
 * @param index its index among the real server's checkers of that type; with the type, its identity on reload
 * @param target what the checker service is given
 * @param retry {@code retry}, or -1 for the type's {@link org.calpe.check.api.Checker#defaultRetry()}
 * @param delayBeforeRetry microseconds, or -1 for the type's default
 * @param delayLoop microseconds
 * @param warmup microseconds: the first check starts 1 s plus a random part of this after creation
 * @param alpha start down, needing a success
 * @param logAllFailures log every failed attempt while up ({@code log_all_failures})
 * @param dynamic {@code misc_dynamic}: a success sets the real server's weight
 * @param program for MISC_CHECK logs: the script's first word, else ""
 */
public record CheckSpec(String pid, String type, int index, CheckTarget target, long retry, long delayBeforeRetry,
        long delayLoop, long warmup, boolean alpha, boolean logAllFailures, boolean dynamic, String program) {

    public CheckSpec {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(program, "program");
        if (delayLoop <= 0) {
            throw new IllegalArgumentException("delay_loop must be positive");
        }
    }

    /**
     * HTTP_GET / SSL_GET {@code fast_recovery} (an option the checker ignores: rescheduling is the engine's). A
     * flag, or yes/no/true/false/on/off.
     */
    boolean fastRecovery() {
        if (!"HTTP_GET".equals(type) && !"SSL_GET".equals(type)) {
            return false;
        }
        Object v = target.options().get("fast_recovery");
        if (v instanceof java.util.Collection<?> c) {
            v = c.isEmpty() ? "true" : c.iterator().next();
        }
        if (v == null) {
            return false;
        }
        String s = String.valueOf(v).trim().toLowerCase(java.util.Locale.ROOT);
        return !(s.equals("false") || s.equals("no") || s.equals("off") || s.equals("0"));
    }

    /** Identity across reloads: type and index within the real server. */
    boolean sameIdentity(CheckSpec other) {
        return type.equals(other.type) && index == other.index;
    }
}
