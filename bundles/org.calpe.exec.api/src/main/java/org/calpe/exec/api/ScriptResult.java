package org.calpe.exec.api;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How a run ended.
 *
 * @param name            the request's name
 * @param outcome         what happened
 * @param mode            how it was started ({@link ExecMode#NONE} if it was not)
 * @param pid             the script's process id (also its session and process group id); -1 if not started
 * @param exitCode        the exit status for {@link Outcome#EXITED}; as Java reports it, a script killed by signal
 *                        {@code n} shows as {@code 128 + n} (indistinguishable from {@code exit(128 + n)}); -1
 *                        when there is none
 * @param signal          the last signal the runner sent to the group (15 SIGTERM, 9 SIGKILL), 0 if none
 * @param elapsed         from start to the end of the script (zero if not started)
 * @param output          the first {@link ScriptRequest#outputLimit()} bytes of stdout and stderr, merged, as UTF-8
 * @param outputTruncated whether the script wrote more than was kept
 * @param detail          why it was not started or how it was ended, in words; empty otherwise
 */
public record ScriptResult(String name, Outcome outcome, ExecMode mode, long pid, int exitCode, int signal,
        Duration elapsed, String output, boolean outputTruncated, String detail) {

    public enum Outcome {
        /** The script exited by itself (or was killed by someone else); see {@code exitCode}. */
        EXITED,
        /** The timeout expired; the group got SIGTERM and, if still there after the grace period, SIGKILL. */
        TIMED_OUT,
        /** Never started: unknown user or group, program not found, queue full, or the runner stopped. */
        NOT_STARTED,
        /** The runner was stopped while the script ran; its group was killed. */
        STOPPED
    }

    /** Whether the command was executed directly or through {@code /bin/sh -c}. */
    public enum ExecMode {
        DIRECT, SHELL, NONE
    }

    public ScriptResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(detail, "detail");
    }

    public static ScriptResult notStarted(String name, String why) {
        return new ScriptResult(name, Outcome.NOT_STARTED, ExecMode.NONE, -1, -1, 0, Duration.ZERO, "", false, why);
    }

    /** Exited with status 0. */
    public boolean succeeded() {
        return outcome == Outcome.EXITED && exitCode == 0;
    }

    /**
     * The status keepalived's script child would have reported for this run: a shell's 126 (cannot execute) and
     * 127 (not found) count as 0, since keepalived treats script errors as no verdict; empty when the script was
     * timed out, stopped or never started (keepalived handles those separately).
     */
    public OptionalInt keepalivedStatus() {
        if (outcome != Outcome.EXITED) {
            return OptionalInt.empty();
        }
        if (mode == ExecMode.SHELL && (exitCode == 126 || exitCode == 127)) {
            return OptionalInt.of(0);
        }
        return OptionalInt.of(exitCode);
    }
}
