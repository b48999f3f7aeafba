package org.calpe.check.misc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.OptionalInt;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.FailureCause;
import org.calpe.check.api.Verdict;
import org.calpe.exec.api.ScriptResult;
import org.calpe.exec.api.ScriptResult.ExecMode;
import org.calpe.exec.api.ScriptResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** keepalived 2.2.7's exit-code rule, table by table. */
class MiscVerdictsTest {
    private static final Duration T = Duration.ofMillis(42);

    private static ScriptResult exited(ExecMode mode, int code) {
        return new ScriptResult("t", Outcome.EXITED, mode, 1234, code, 0, T, "", false, "");
    }

    private static ScriptResult timedOut(int code, int signal) {
        return new ScriptResult("t", Outcome.TIMED_OUT, ExecMode.DIRECT, 1234, code, signal, T, "", false,
                "timed out after 1000ms");
    }

    @Test
    void zeroIsSuccessWithoutWeightEitherWay() {
        for (boolean dynamic : new boolean[] {false, true}) {
            CheckResult r = MiscVerdicts.of(exited(ExecMode.DIRECT, 0), dynamic, T);
            assertEquals(CheckResult.success(T), r);
            assertEquals(OptionalInt.empty(), r.weight());
        }
    }

    @Test
    void oneIsFailureEitherWay() {
        for (boolean dynamic : new boolean[] {false, true}) {
            CheckResult r = MiscVerdicts.of(exited(ExecMode.DIRECT, 1), dynamic, T);
            assertEquals(Verdict.FAILURE, r.verdict());
            assertEquals(FailureCause.EXIT_CODE, r.cause());
            assertEquals("exited with status 1", r.reason());
            assertEquals(T, r.latency());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 100, 254, 255})
    void twoAndAboveIsWeightCodeMinusTwoWithMiscDynamic(int code) {
        assertEquals(CheckResult.success(T, code - 2), MiscVerdicts.of(exited(ExecMode.DIRECT, code), true, T));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 100, 255})
    void twoAndAboveIsFailureWithoutMiscDynamic(int code) {
        assertEquals(CheckResult.failure(FailureCause.EXIT_CODE, "exited with status " + code, T),
                MiscVerdicts.of(exited(ExecMode.DIRECT, code), false, T));
    }

    @Test
    void shellThatCannotFindOrRunTheCommandCountsAsZero() {
        assertEquals(CheckResult.success(T), MiscVerdicts.of(exited(ExecMode.SHELL, 127), false, T));
        assertEquals(CheckResult.success(T), MiscVerdicts.of(exited(ExecMode.SHELL, 126), true, T));
        // a directly executed program's own 127 is just a status
        assertEquals(Verdict.FAILURE, MiscVerdicts.of(exited(ExecMode.DIRECT, 127), false, T).verdict());
        assertEquals(CheckResult.success(T, 125), MiscVerdicts.of(exited(ExecMode.DIRECT, 127), true, T));
    }

    @Test
    void killedAfterTheTimeoutIsATimeout() {
        CheckResult term = MiscVerdicts.of(timedOut(128 + 15, 15), true, T);
        assertEquals(CheckResult.failure(FailureCause.TIMEOUT, "timed out", T), term);
        assertEquals(CheckResult.failure(FailureCause.TIMEOUT, "timed out", T),
                MiscVerdicts.of(timedOut(128 + 9, 9), false, T));
        assertEquals(CheckResult.failure(FailureCause.TIMEOUT, "timed out", T),
                MiscVerdicts.of(timedOut(-1, 9), false, T));
    }

    @Test
    void scriptThatExitsByItselfAfterTermIsJudgedByItsStatus() {
        assertEquals(CheckResult.success(T), MiscVerdicts.of(timedOut(0, 15), false, T));
        assertEquals(CheckResult.success(T, 3), MiscVerdicts.of(timedOut(5, 15), true, T));
        assertEquals(CheckResult.failure(FailureCause.EXIT_CODE, "exited with status 5", T),
                MiscVerdicts.of(timedOut(5, 15), false, T));
    }

    @Test
    void notStartedAndStoppedGiveNoVerdict() {
        CheckResult missing = MiscVerdicts.of(ScriptResult.notStarted("t",
                "Script /nope cannot be accessed - No such file or directory"), false, T);
        assertEquals(Verdict.ERROR, missing.verdict());
        assertEquals("Script /nope cannot be accessed - No such file or directory", missing.reason());
        CheckResult stopped = MiscVerdicts.of(new ScriptResult("t", Outcome.STOPPED, ExecMode.DIRECT, 1, 143, 15, T,
                "", false, "script runner stopped"), true, T);
        assertEquals(Verdict.ERROR, stopped.verdict());
        assertEquals(Verdict.ERROR, MiscVerdicts.of(ScriptResult.notStarted("t", ""), false, T).verdict());
    }
}
