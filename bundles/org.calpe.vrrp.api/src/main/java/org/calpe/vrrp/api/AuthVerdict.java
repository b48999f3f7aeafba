package org.calpe.vrrp.api;

import java.util.Objects;

/**
 * The outcome of {@link VrrpAuthenticator#verify}.
 *
 * @param accepted true if the advert is authentic
 * @param sequence the sequence numbers to keep (unchanged when rejected)
 * @param reason why it was rejected, for the log (keepalived's phrases, e.g. "received an invalid passwd!");
 *        empty when accepted
 */
public record AuthVerdict(boolean accepted, AuthSequence sequence, String reason) {

    public AuthVerdict {
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(reason, "reason");
    }

    /** An accepted advert. */
    public static AuthVerdict accept(AuthSequence sequence) {
        return new AuthVerdict(true, sequence, "");
    }

    /** A rejected advert. */
    public static AuthVerdict reject(AuthSequence sequence, String reason) {
        return new AuthVerdict(false, sequence, reason);
    }
}
