package org.calpe.vrrp.core.track;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.calpe.exec.api.ScriptRequest;
import org.calpe.exec.api.ScriptResult;
import org.calpe.exec.api.ScriptResult.ExecMode;
import org.calpe.exec.api.ScriptResult.Outcome;
import org.calpe.exec.api.ScriptRunner;

/** A runner whose runs end when the test says so (or at once, with a preset exit status). */
final class FakeRunner implements ScriptRunner {
    record Run(ScriptRequest request, CompletableFuture<ScriptResult> result) {
        void exit(int status) {
            result.complete(new ScriptResult(request.name(), Outcome.EXITED, ExecMode.DIRECT, 42, status, 0,
                    Duration.ofMillis(5), "", false, ""));
        }

        void exitShell(int status) {
            result.complete(new ScriptResult(request.name(), Outcome.EXITED, ExecMode.SHELL, 42, status, 0,
                    Duration.ofMillis(5), "", false, ""));
        }

        void timeOut() {
            result.complete(new ScriptResult(request.name(), Outcome.TIMED_OUT, ExecMode.DIRECT, 42, -1, 15,
                    request.timeout().orElseThrow(), "", false, "timed out"));
        }

        void notStarted() {
            result.complete(ScriptResult.notStarted(request.name(), "queue full"));
        }

        boolean done() {
            return result.isDone();
        }
    }

    final List<Run> runs = new ArrayList<>();
    /** If set, every run exits at once with this status. */
    Integer immediate;

    @Override
    public synchronized CompletionStage<ScriptResult> run(ScriptRequest request) {
        Run r = new Run(request, new CompletableFuture<>());
        runs.add(r);
        if (immediate != null) {
            r.exit(immediate);
        }
        return r.result();
    }

    synchronized Run last() {
        return runs.get(runs.size() - 1);
    }

    synchronized int count() {
        return runs.size();
    }
}
