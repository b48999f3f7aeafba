package org.calpe.check.misc;

import java.time.Duration;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.FailureCause;
import org.calpe.exec.api.ScriptResult;
import org.calpe.exec.api.ScriptResult.ExecMode;

/**
 * keepalived 2.2.7's verdict on one run of a {@code MISC_CHECK} script ({@code misc_check_child_thread}):
 * <ul>
 * <li>exit status 0: success. No weight in the result: keepalived puts the real server back to its configured
 * weight ({@code iweight}) if this checker had changed it, so the engine applies "configured weight" for a
 * {@code MISC_CHECK} success without weight.</li>
 * <li>with {@code misc_dynamic}, exit status 2–255: success with weight {@code status - 2} (0–253).</li>
 * <li>any other exit status (1 always; 2–255 without {@code misc_dynamic}): failure, reason
 * {@code "exited with status N"} (keepalived's words inside "Misc check for [...] by [...] failed (exited with
 * status N).").</li>
 * <li>killed after the timeout (the runner's SIGTERM, or SIGKILL 2 s later): failure {@link FailureCause#TIMEOUT},
 * reason {@code "timed out"}. A script that exits by itself after the SIGTERM is judged by its exit status, as
 * keepalived judges {@code WIFEXITED} before looking at the termination state.</li>
 * <li>a shell that could not find (127) or execute (126) the command, like any other failure to exec: keepalived's
 * script child exits with 0 ("Script errors aren't server errors"), so success;
 * {@link ScriptResult#keepalivedStatus()} applies that rule.</li>
 * <li>never started (script missing or not executable at run time, unknown user, runner queue full or stopped):
 * no verdict ({@link CheckResult#error(String)}), as {@link org.calpe.check.api.Verdict#ERROR} defines for a
 * missing script; the runner has logged why. keepalived removes such a checker when it loads the configuration
 * ("Disabling misc script ... since not found/accessible"), which the configuration layer does too.</li>
 * </ul>
 * Not distinguishable here: a script killed by signal N (not by the timeout) reaches Java as exit status 128+N,
 * so it counts as that exit status (keepalived: failure "due to signal N"); without {@code misc_dynamic} it is a
 * failure either way.
 */
final class MiscVerdicts {
    private static final int SIGKILL = 9;
    private static final int SIGTERM = 15;

    private MiscVerdicts() {
    }

    /**
     * The verdict on {@code r}.
     *
     * @param latency from the start of the check (queueing in the runner included) until the script ended
     */
    static CheckResult of(ScriptResult r, boolean dynamic, Duration latency) {
        return switch (r.outcome()) {
            case EXITED -> byStatus(r.keepalivedStatus().orElse(r.exitCode()), dynamic, latency);
            case TIMED_OUT -> endedByTimeout(r) ? CheckResult.failure(FailureCause.TIMEOUT, "timed out", latency)
                    : byStatus(status(r), dynamic, latency);
            case NOT_STARTED -> CheckResult.error(r.detail().isEmpty() ? "script not started" : r.detail());
            case STOPPED -> CheckResult.error(r.detail().isEmpty() ? "script runner stopped" : r.detail());
        };
    }

    /** The status keepalived would see for a run that ended on its own. */
    private static int status(ScriptResult r) {
        int code = r.exitCode();
        return r.mode() == ExecMode.SHELL && (code == 126 || code == 127) ? 0 : code;
    }

    /** Whether the timed-out script died of the runner's signals rather than exiting by itself. */
    private static boolean endedByTimeout(ScriptResult r) {
        int code = r.exitCode();
        return code < 0 || code == 128 + SIGTERM || code == 128 + SIGKILL;
    }

    static CheckResult byStatus(int status, boolean dynamic, Duration latency) {
        if (status == 0) {
            return CheckResult.success(latency);
        }
        if (dynamic && status >= 2 && status <= 255) {
            return CheckResult.success(latency, status - 2);
        }
        return CheckResult.failure(FailureCause.EXIT_CODE, "exited with status " + status, latency);
    }
}
