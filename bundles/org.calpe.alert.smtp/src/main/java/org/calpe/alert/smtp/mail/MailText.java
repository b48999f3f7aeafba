package org.calpe.alert.smtp.mail;

import java.util.Objects;

/** A subject and a body as keepalived's {@code smtp_alert()} receives them, before the envelope is added. */
public record MailText(String subject, String body) {
    public MailText {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }
}
