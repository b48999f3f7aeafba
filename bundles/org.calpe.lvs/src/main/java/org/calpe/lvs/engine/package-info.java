/**
 * The check engine: keepalived 2.2.7's per-real-server health check logic (scheduling, retry,
 * delay_before_retry, warmup, alpha, inhibit_on_failure, "up only when every checker is up", misc_dynamic
 * weights, notify_up/notify_down, reload migration) on one event-loop thread, fed by Config Admin and the
 * {@link org.calpe.check.api.Checker} services, publishing {@link org.calpe.check.api.CheckStatus} and the events
 * of {@link org.calpe.check.api.CheckTopics}. Implementation package: not exported.
 */
package org.calpe.lvs.engine;
