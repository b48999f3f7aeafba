package org.calpe.alert.smtp.client;

import org.calpe.alert.smtp.mail.Alert;

/** Told, on the I/O thread and before the next message is started, what became of each alert of a batch. */
public interface DeliveryListener {
    /** The relay answered 250 to the end of DATA: the alert must not be sent again. */
    void delivered(Alert alert);

    /** The relay refused the alert with a permanent (5xx) reply; it will not be retried. */
    void rejected(Alert alert, String reply);
}
