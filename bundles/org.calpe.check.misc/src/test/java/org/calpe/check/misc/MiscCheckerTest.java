package org.calpe.check.misc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTarget;
import org.calpe.check.api.FailureCause;
import org.calpe.check.api.Verdict;
import org.calpe.exec.api.RunAs;
import org.calpe.exec.api.ScriptRequest;
import org.calpe.exec.api.ScriptResult;
import org.calpe.exec.api.ScriptResult.ExecMode;
import org.calpe.exec.api.ScriptResult.Outcome;
import org.calpe.exec.api.ScriptRunner;
import org.junit.jupiter.api.Test;

/** The checker with a fake script runner: what it asks to run, and what it makes of the answer. */
class MiscCheckerTest {

    /** Records requests; each run completes when the test says so. */
    private static final class FakeRunner implements ScriptRunner {
        final List<ScriptRequest> requests = new ArrayList<>();
        final List<CompletableFuture<ScriptResult>> runs = new ArrayList<>();

        @Override
        public CompletionStage<ScriptResult> run(ScriptRequest request) {
            requests.add(request);
            CompletableFuture<ScriptResult> f = new CompletableFuture<>();
            runs.add(f);
            return f.minimalCompletionStage();
        }

        void exit(int code) {
            runs.get(runs.size() - 1).complete(new ScriptResult("x", Outcome.EXITED, ExecMode.DIRECT, 77, code, 0,
                    Duration.ofMillis(5), "", false, ""));
        }
    }

    private final FakeRunner runner = new FakeRunner();
    private final MiscChecker checker = new MiscChecker(runner);

    private static CheckTarget target(Map<String, Object> options) {
        InetSocketAddress rs = new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080);
        return new CheckTarget(CheckTarget.formatName(rs), rs, null, 0, "", 0, Duration.ofSeconds(5), options);
    }

    private static CheckResult now(CompletionStage<CheckResult> stage) throws Exception {
        return stage.toCompletableFuture().get(1, TimeUnit.SECONDS);
    }

    @Test
    void typeAndKeepalivedDefaults() {
        assertEquals("MISC_CHECK", checker.type());
        assertEquals(0, checker.defaultRetry());
        assertEquals(Duration.ofSeconds(1), checker.defaultDelayBeforeRetry());
    }

    @Test
    void asksTheRunnerForKeepalivedsRun() throws Exception {
        CompletionStage<CheckResult> stage = checker.check(target(Map.of("misc_path", "/opt/chk.sh 'a b' c",
                "misc_timeout", "4", "delay_loop", "6000000", "user", List.of("nobody", "nogroup"))));
        assertEquals(1, runner.requests.size());
        ScriptRequest r = runner.requests.get(0);
        assertEquals("MISC_CHECK [127.0.0.1]:tcp:8080", r.name());
        assertEquals(List.of("/opt/chk.sh", "a b", "c"), r.command().argv());
        assertEquals(Optional.of(Duration.ofSeconds(4)), r.timeout());
        assertEquals(Duration.ofSeconds(2), r.killGrace());
        assertEquals(Optional.of(RunAs.of("nobody", "nogroup")), r.runAs());
        assertEquals(0, r.outputLimit());
        assertFalse(stage.toCompletableFuture().isDone(), "answers only when the script has ended");
        runner.exit(0);
        assertEquals(Verdict.SUCCESS, now(stage).verdict());
    }

    @Test
    void withoutUserTheRunnersDefaultAppliesAndDelayLoopIsTheTimeout() {
        checker.check(target(Map.of("misc_path", "/bin/true", "delay_loop", "3000000")));
        ScriptRequest r = runner.requests.get(0);
        assertEquals(Optional.empty(), r.runAs());
        assertEquals(Optional.of(Duration.ofSeconds(3)), r.timeout());
    }

    @Test
    void exitCodesFollowMiscDynamic() throws Exception {
        CompletionStage<CheckResult> plain = checker.check(target(Map.of("misc_path", "/bin/x")));
        runner.exit(5);
        CheckResult failed = now(plain);
        assertEquals(CheckResult.failure(FailureCause.EXIT_CODE, "exited with status 5", failed.latency()), failed);
        CompletionStage<CheckResult> dynamic = checker.check(target(Map.of("misc_path", "/bin/x",
                "misc_dynamic", "true")));
        runner.exit(5);
        CheckResult weighted = now(dynamic);
        assertEquals(CheckResult.success(weighted.latency(), 3), weighted);
    }

    @Test
    void unusableOptionsGiveNoVerdictWithoutRunningAnything() throws Exception {
        CheckResult r = now(checker.check(target(Map.of("misc_timeout", "5"))));
        assertEquals(Verdict.ERROR, r.verdict());
        assertEquals("No script path has been specified for MISC_CHECKER", r.reason());
        assertEquals(Verdict.ERROR, now(checker.check(target(Map.of("misc_path", "/bin/x 'open")))).verdict());
        assertTrue(runner.requests.isEmpty());
    }

    @Test
    void aRunnerThatFailsOrThrowsStillGetsAnAnswer() throws Exception {
        CompletionStage<CheckResult> stage = checker.check(target(Map.of("misc_path", "/bin/x")));
        runner.runs.get(0).completeExceptionally(new IllegalStateException("boom"));
        CheckResult r = now(stage);
        assertEquals(Verdict.ERROR, r.verdict());
        assertTrue(r.reason().contains("boom"), r.reason());

        MiscChecker throwing = new MiscChecker(request -> {
            throw new IllegalStateException("no runner");
        });
        CheckResult t = now(throwing.check(target(Map.of("misc_path", "/bin/x"))));
        assertEquals(Verdict.ERROR, t.verdict());
        assertTrue(t.reason().contains("no runner"), t.reason());
    }

    @Test
    void cancellingAbandonsTheRun() {
        CompletionStage<CheckResult> stage = checker.check(target(Map.of("misc_path", "/bin/x")));
        assertTrue(stage.toCompletableFuture().cancel(false));
        runner.exit(0); // the script's late end changes nothing
        assertTrue(stage.toCompletableFuture().isCancelled());
    }

    @Test
    void keepsNoStateBetweenChecks() throws Exception {
        CheckTarget t = target(Map.of("misc_path", "/bin/x", "misc_dynamic", "true"));
        CompletionStage<CheckResult> a = checker.check(t);
        CompletionStage<CheckResult> b = checker.check(t);
        runner.runs.get(1).complete(new ScriptResult("x", Outcome.EXITED, ExecMode.DIRECT, 2, 1, 0, Duration.ZERO,
                "", false, ""));
        runner.runs.get(0).complete(new ScriptResult("x", Outcome.EXITED, ExecMode.DIRECT, 1, 12, 0, Duration.ZERO,
                "", false, ""));
        assertEquals(OptionalInt.of(10), now(a).weight());
        assertEquals(Verdict.SUCCESS, now(a).verdict());
        assertEquals(Verdict.FAILURE, now(b).verdict());
    }
}
