package org.calpe.lvs.engine;

import java.util.concurrent.CompletableFuture;

import org.calpe.check.api.CheckResult;

/** The runtime state of one checker of a real server (keepalived's checker_t): its own timer. */
final class CheckRun extends Timer {
    final RealServerRun server;
    final CheckEngine engine;
    CheckSpec spec;
    boolean up;
    boolean hasRun;
    int retryIt;
    /**
     * Started with the configuration (not added by a reload): keepalived sets {@code retry_it = retry} for these,
     * so the first failure is enough ("For non alpha mode, one failure is enough initially").
     */
    boolean oneFailureEnough;
    /** HTTP_GET / SSL_GET: keepalived's failed_url, set once a failure exhausted the retries, cleared by success. */
    boolean failedUrl;
    /** Bumped whenever an in-flight result must be ignored (cancelled by hot swap, reload removal). */
    int generation;
    CompletableFuture<CheckResult> inFlight;
    /** Was due while no service for its type was registered: to run as soon as one is. */
    boolean pending;
    /** A check was handed to the checker and its answer is awaited. */
    boolean running;
    /** The service the running check was handed to. */
    org.calpe.check.api.Checker runningOn;
    boolean removed;
    CheckResult lastResult;
    /** When the last check ended ({@link EngineLoop#nanoTime()}); meaningful once {@link #lastResult} is set. */
    long lastCheckNanos;
    /** How late (ns, >= 0) the running check was handed to its checker: the next one falls due that much earlier. */
    long startedLate;

    CheckRun(RealServerRun server, CheckEngine engine, CheckSpec spec, boolean up) {
        this.server = server;
        this.engine = engine;
        this.spec = spec;
        this.up = up;
    }

    @Override
    protected void fire() {
        engine.start(this);
    }
}
