package org.calpe.alert.smtp;

import org.calpe.alert.smtp.mail.MailText;

/** Receives the mails the rules decided to send, with the time of the event that caused each. */
@FunctionalInterface
interface MailSink {
    void mail(long timestamp, MailText text);
}
