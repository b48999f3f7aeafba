package org.calpe.alert.smtp.mail;

import java.util.List;
import java.util.Objects;

/**
 * One queued alert: the envelope and the text keepalived would send, fixed when the event happened so that a
 * delivery after a relay outage or a restart sends exactly what would have been sent at the time.
 *
 * @param seq       position in the queue (increasing, never reused while the queue directory exists)
 * @param timestamp milliseconds since the epoch when the event happened; the {@code Date:} header
 * @param from      {@code notification_email_from}
 * @param to        {@code notification_email}, in configuration order
 * @param subject   the subject, already cut to keepalived's limit
 * @param body      the body line(s), already cut to keepalived's limit
 */
public record Alert(long seq, long timestamp, String from, List<String> to, String subject, String body) {
    public Alert {
        Objects.requireNonNull(from, "from");
        to = List.copyOf(to);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        if (to.isEmpty()) {
            throw new IllegalArgumentException("an alert needs at least one recipient");
        }
    }

    /** The same alert at another queue position. */
    public Alert withSeq(long newSeq) {
        return new Alert(newSeq, timestamp, from, to, subject, body);
    }
}
