package org.calpe.check.http.core;

import java.util.Objects;

import org.calpe.check.api.FailureCause;

/**
 * The outcome of checking one url.
 *
 * @param cause {@link FailureCause#NONE} when the url passed
 * @param reason keepalived's wording for the failure, {@code ""} when it passed
 * @param localError true when the check could not be run (no verdict)
 */
public record UrlVerdict(FailureCause cause, String reason, boolean localError) {
    static final UrlVerdict PASSED = new UrlVerdict(FailureCause.NONE, "", false);

    public UrlVerdict {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(reason, "reason");
    }

    static UrlVerdict failed(FailureCause cause, String reason) {
        return new UrlVerdict(cause, reason, false);
    }

    static UrlVerdict error(String reason) {
        return new UrlVerdict(FailureCause.LOCAL, reason, true);
    }

    /** True when the url passed. */
    public boolean passed() {
        return cause == FailureCause.NONE;
    }
}
