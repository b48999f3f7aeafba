package org.calpe.lvs.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTarget;
import org.calpe.check.api.Checker;
import org.calpe.check.api.FailureCause;

/** A scripted checker: answers with queued results (then the default), records when and what it was asked. */
final class FakeChecker implements Checker {
    static final CheckResult OK = CheckResult.success(Duration.ofMillis(1));
    static final CheckResult REFUSED = CheckResult.failure(FailureCause.REFUSED, "Connection refused",
            Duration.ofMillis(1));

    private final String type;
    private final Deque<CheckResult> script = new ArrayDeque<>();
    private final LongSupplier clock;
    final List<Long> callsAtMillis = new ArrayList<>();
    final List<CheckTarget> targets = new ArrayList<>();
    final List<CompletableFuture<CheckResult>> pending = new ArrayList<>();
    CheckResult otherwise = OK;
    boolean hold;
    int retry = 1;
    Duration delayBeforeRetry = Duration.ofSeconds(1);

    FakeChecker(String type, LongSupplier clockMillis) {
        this.type = type;
        this.clock = clockMillis;
    }

    FakeChecker then(CheckResult... results) {
        script.addAll(List.of(results));
        return this;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public CompletionStage<CheckResult> check(CheckTarget target) {
        callsAtMillis.add(clock.getAsLong());
        targets.add(target);
        CompletableFuture<CheckResult> f = new CompletableFuture<>();
        if (hold) {
            pending.add(f);
            return f;
        }
        f.complete(script.isEmpty() ? otherwise : script.poll());
        return f;
    }

    @Override
    public int defaultRetry() {
        return retry;
    }

    @Override
    public Duration defaultDelayBeforeRetry() {
        return delayBeforeRetry;
    }
}
