package org.calpe.check.misc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTarget;
import org.calpe.check.api.Checker;
import org.calpe.exec.api.ScriptRequest;
import org.calpe.exec.api.ScriptResult;
import org.calpe.exec.api.ScriptRunner;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * keepalived's {@code MISC_CHECK}: runs {@code misc_path} through the {@link ScriptRunner} (keepalived's argv
 * splitting, direct exec or {@code /bin/sh -c}, {@code user} or the default script user, its own process group,
 * SIGTERM to the group at {@code misc_timeout} — default {@code delay_loop} — and SIGKILL 2 s later) and turns
 * the way the script ended into a {@link CheckResult} by keepalived's rules ({@link MiscVerdicts}).
 * <p>
 * Stateless, as {@link Checker} requires: retries (default 0 for this type), up/down state, the weight a
 * {@code misc_dynamic} script asks for and the log lines belong to the engine. The script's output is discarded,
 * as keepalived sends it to {@code /dev/null}. The result completes on the script runner's completion thread.
 * <p>
 * Cancelling the returned stage abandons the run: the script runner offers no way to end one early, so the
 * script keeps running until it exits or its timeout ends its process group.
 */
@Component(service = Checker.class, property = Checker.TYPE + "=" + MiscChecker.TYPE_NAME)
public final class MiscChecker implements Checker {

    /** keepalived's keyword for this checker type. */
    public static final String TYPE_NAME = "MISC_CHECK";

    /** keepalived's delay between SIGTERM and SIGKILL of a timed-out misc script. */
    static final Duration KILL_GRACE = Duration.ofSeconds(2);

    private final ScriptRunner runner;

    @Activate
    public MiscChecker(@Reference ScriptRunner runner) {
        this.runner = runner;
    }

    @Override
    public String type() {
        return TYPE_NAME;
    }

    /** keepalived sets {@code default_retry = 0} for {@code MISC_CHECK}: one failed run is enough. */
    @Override
    public int defaultRetry() {
        return 0;
    }

    @Override
    public CompletionStage<CheckResult> check(CheckTarget target) {
        MiscSettings settings;
        try {
            settings = MiscSettings.from(target.options());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(CheckResult.error(e.getMessage()));
        }
        ScriptRequest request = request(target, settings);
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        long start = System.nanoTime();
        CompletionStage<ScriptResult> run;
        try {
            run = runner.run(request);
        } catch (RuntimeException e) { // the runner promises not to throw; a checker must always answer
            return CompletableFuture.completedFuture(CheckResult.error("cannot start script: " + e));
        }
        run.whenComplete((r, e) -> {
            if (e != null || r == null) {
                result.complete(CheckResult.error("script runner failed: " + e));
            } else {
                result.complete(MiscVerdicts.of(r, settings.dynamic(), Duration.ofNanos(System.nanoTime() - start)));
            }
        });
        return result;
    }

    /** The run keepalived would start for this check. */
    static ScriptRequest request(CheckTarget target, MiscSettings settings) {
        ScriptRequest request = ScriptRequest.of(TYPE_NAME + " " + target.name(), settings.command())
                .withTimeout(settings.timeout()).withKillGrace(KILL_GRACE).withOutputLimit(0);
        return settings.user().map(request::withRunAs).orElse(request);
    }
}
