package org.calpe.vrrp.core.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.calpe.exec.api.ScriptRequest;
import org.calpe.exec.api.ScriptResult;
import org.calpe.exec.api.ScriptRunner;

/** A runner that records requests and completes them at once as if they had exited with 0. */
final class RecordingRunner implements ScriptRunner {
    final List<ScriptRequest> requests = new ArrayList<>();

    @Override
    public synchronized CompletionStage<ScriptResult> run(ScriptRequest request) {
        requests.add(request);
        return CompletableFuture.completedFuture(new ScriptResult(request.name(), ScriptResult.Outcome.EXITED,
                ScriptResult.ExecMode.DIRECT, 1, 0, 0, Duration.ZERO, "", false, ""));
    }

    synchronized List<ScriptRequest> takeAll() {
        List<ScriptRequest> all = List.copyOf(requests);
        requests.clear();
        return all;
    }
}
