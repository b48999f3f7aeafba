package org.calpe.check.api;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One checker type ({@code TCP_CHECK}, {@code HTTP_GET}, {@code SSL_GET}, {@code MISC_CHECK}, …), published as
 * an OSGi service by its own bundle with the service property {@link #TYPE} = keepalived's keyword for the
 * type. The check engine calls {@link #check(CheckTarget)} every time a check of that type is due.
 *
 * <h2>Contract</h2>
 * <ul>
 * <li><b>Non-blocking.</b> {@link #check(CheckTarget)} starts the check and returns at once; the work runs on
 * the implementation's event loop (or, for scripts, through the script runner). It may be called from any
 * thread, concurrently, tens of thousands of times a second.</li>
 * <li><b>Always answers.</b> The returned stage completes normally with a {@link CheckResult}, at the latest
 * shortly after {@link CheckTarget#connectTimeout()} (or the type's own timeout, e.g. {@code misc_timeout}).
 * The engine treats an exceptional completion like {@link CheckResult#error(String)}: no verdict.</li>
 * <li><b>Cancellable.</b> If the engine cancels {@code stage.toCompletableFuture()} (shutdown, the real server
 * was removed by a reload), the implementation releases the connection or process.</li>
 * <li><b>Stateless.</b> The implementation keeps nothing per real server between calls: retries, up/down
 * state, {@code alpha}, {@code warmup} and notifications belong to the engine. This is what lets a checker
 * bundle be updated while checks run without any real server changing state.</li>
 * </ul>
 *
 * <h2>Who implements it</h2>
 * A {@link ConsumerType}: checker bundles plug into the engine, so they import this package with a consumer
 * range ({@code [1.0,2)}) and survive minor API updates; this interface only ever grows by {@code default}
 * methods.
 */
@ConsumerType
public interface Checker {

    /** Service property naming the checker type, keepalived's keyword: "TCP_CHECK", "HTTP_GET", … (String). */
    String TYPE = "calpe.check.type";

    /** The checker type, the same value as the {@link #TYPE} service property. */
    String type();

    /**
     * Starts one check of {@code target}.
     *
     * @param target where and how to check, with the type-specific settings in {@link CheckTarget#options()}
     * @return the result, see the contract above
     */
    CompletionStage<CheckResult> check(CheckTarget target);

    /**
     * The {@code delay_before_retry} used when neither the checker block nor its real server sets one:
     * keepalived uses 1 s, except 3 s for {@code HTTP_GET} and {@code SSL_GET}.
     */
    default Duration defaultDelayBeforeRetry() {
        return Duration.ofSeconds(1);
    }

    /**
     * The {@code retry} count used when neither the checker block nor its real server sets one (keepalived: 1).
     */
    default int defaultRetry() {
        return 1;
    }
}
