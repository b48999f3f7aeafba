package org.calpe.lvs.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTarget;
import org.calpe.check.api.Checker;

/** A checker whose answer depends on the real server checked: {@link #set} a result per real server name. */
final class ByServerChecker implements Checker {
    private final String type;
    private final Map<String, CheckResult> answers = new HashMap<>();
    CheckResult otherwise = FakeChecker.OK;

    ByServerChecker(String type) {
        this.type = type;
    }

    ByServerChecker set(String realServer, CheckResult r) {
        answers.put(realServer, r);
        return this;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public CompletionStage<CheckResult> check(CheckTarget target) {
        return CompletableFuture.completedFuture(answers.getOrDefault(target.name(), otherwise));
    }

    @Override
    public int defaultRetry() {
        return 0;
    }

    @Override
    public Duration defaultDelayBeforeRetry() {
        return Duration.ofSeconds(1);
    }
}
