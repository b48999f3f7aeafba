/**
 * Calpe health checker API: the {@link org.calpe.check.api.Checker} service every checker type bundle
 * ({@code TCP_CHECK}, {@code HTTP_GET}, {@code SSL_GET}, {@code MISC_CHECK}) publishes, the
 * {@link org.calpe.check.api.CheckTarget} it is given and the {@link org.calpe.check.api.CheckResult} it
 * answers with, and the Event Admin topics ({@link org.calpe.check.api.CheckTopics}) on which the per-real-server
 * logic announces state changes.
 * <p>
 * The split follows keepalived's: a checker type only knows how to run <em>one</em> check and say whether it
 * passed; everything over time ({@code delay_loop}, {@code retry}, {@code delay_before_retry},
 * {@code warmup}, {@code alpha}, "a real server is up only when all its checkers are",
 * {@code inhibit_on_failure}, {@code notify_up}/{@code notify_down}) lives in one place, the check engine.
 * Checker bundles therefore hold no per-real-server state and can be replaced while checks run.
 */
@Export
@Version("1.1.0")
package org.calpe.check.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
