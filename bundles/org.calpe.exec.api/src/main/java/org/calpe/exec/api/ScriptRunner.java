package org.calpe.exec.api;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs scripts without blocking the caller. At most a configured number of scripts run at once; further requests
 * wait in a bounded queue, and a request that finds the queue full completes at once with
 * {@link ScriptResult.Outcome#NOT_STARTED}. The returned stage never completes exceptionally: every problem
 * (unknown user, script not found, queue full, runner stopped) is an outcome, logged once by the runner.
 * Dependent stages run on the runner's completion thread: they must not block (use the {@code *Async} variants
 * for anything slow).
 */
@ProviderType
public interface ScriptRunner {

    /** Starts {@code request} as soon as a slot is free; the stage completes when the script has ended. */
    CompletionStage<ScriptResult> run(ScriptRequest request);
}
