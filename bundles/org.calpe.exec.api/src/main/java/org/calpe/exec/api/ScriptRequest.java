package org.calpe.exec.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a script.
 *
 * @param name        how the failure log names the caller, e.g. {@code VRRP_Script(chk_haproxy)} or
 *                    {@code MISC_CHECK 198.18.0.10:80}
 * @param command     the words to run
 * @param runAs       the user and group; empty = the runner's default ({@code script_user}, else keepalived's
 *                    rule: {@code keepalived_script} if that user exists, else the runner's own user)
 * @param timeout     after this the whole process group gets SIGTERM; empty = no timeout
 * @param killGrace   after SIGTERM, how long until SIGKILL of the group (keepalived: 2 s)
 * @param outputLimit how many bytes of combined stdout and stderr are kept (the rest is read and discarded)
 */
public record ScriptRequest(String name, ScriptCommand command, Optional<RunAs> runAs, Optional<Duration> timeout,
        Duration killGrace, int outputLimit) {

    /** keepalived's delay between SIGTERM and SIGKILL of a timed-out script. */
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(2);
    public static final int DEFAULT_OUTPUT_LIMIT = 4096;

    public ScriptRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(runAs, "runAs");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(killGrace, "killGrace");
        if (timeout.isPresent() && (timeout.get().isNegative() || timeout.get().isZero())) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout.get());
        }
        if (killGrace.isNegative()) {
            throw new IllegalArgumentException("negative kill grace: " + killGrace);
        }
        if (outputLimit < 0) {
            throw new IllegalArgumentException("negative output limit: " + outputLimit);
        }
    }

    public static ScriptRequest of(String name, ScriptCommand command) {
        return new ScriptRequest(name, command, Optional.empty(), Optional.empty(), DEFAULT_KILL_GRACE,
                DEFAULT_OUTPUT_LIMIT);
    }

    public ScriptRequest withRunAs(RunAs user) {
        return new ScriptRequest(name, command, Optional.of(user), timeout, killGrace, outputLimit);
    }

    public ScriptRequest withTimeout(Duration t) {
        return new ScriptRequest(name, command, runAs, Optional.of(t), killGrace, outputLimit);
    }

    public ScriptRequest withKillGrace(Duration grace) {
        return new ScriptRequest(name, command, runAs, timeout, grace, outputLimit);
    }

    public ScriptRequest withOutputLimit(int bytes) {
        return new ScriptRequest(name, command, runAs, timeout, killGrace, bytes);
    }
}
