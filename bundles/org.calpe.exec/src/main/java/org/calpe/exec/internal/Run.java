package org.calpe.exec.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

import org.calpe.exec.api.ScriptRequest;
import org.calpe.exec.api.ScriptResult;

/** One started script. Mutable state is only touched on the runner's timer thread. */
final class Run {
    final ScriptRequest request;
    final CompletableFuture<ScriptResult> future;
    final LaunchPlan plan;
    final Process process;
    final long pid;
    final Optional<Instant> leaderStart;
    final long startNanos;
    final OutputBuffer output;

    int signal;
    boolean timedOut;
    boolean stopping;
    boolean leaderGone;
    long endNanos;
    boolean done;
    int killRounds;
    ScheduledFuture<?> timeoutTask;
    ScheduledFuture<?> escalation;

    Run(ScriptRequest request, CompletableFuture<ScriptResult> future, LaunchPlan plan, Process process,
            long startNanos) {
        this.request = request;
        this.future = future;
        this.plan = plan;
        this.process = process;
        this.pid = process.pid();
        this.leaderStart = process.toHandle().info().startInstant();
        this.startNanos = startNanos;
        this.output = new OutputBuffer(request.outputLimit());
    }
}
