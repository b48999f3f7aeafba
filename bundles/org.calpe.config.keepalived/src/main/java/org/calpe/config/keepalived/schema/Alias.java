package org.calpe.config.keepalived.schema;

import org.calpe.config.api.Severity;

/**
 * Another spelling of a keyword or block that keepalived still accepts (e.g. {@code lb_algo} for
 * {@code lvs_sched}). When {@code severity} is non-null, using it reports {@code message} at that severity.
 */
public record Alias(String spelling, String canonical, Severity severity, String message) {
}
