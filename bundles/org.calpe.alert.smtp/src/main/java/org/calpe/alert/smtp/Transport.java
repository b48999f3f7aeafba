package org.calpe.alert.smtp;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.calpe.alert.smtp.client.DeliveryListener;
import org.calpe.alert.smtp.client.SessionResult;
import org.calpe.alert.smtp.client.SmtpSettings;
import org.calpe.alert.smtp.mail.Alert;

/** Delivers a batch over one relay connection ({@code SmtpClient::send}; a fake in tests). */
@FunctionalInterface
interface Transport {
    CompletableFuture<SessionResult> send(SmtpSettings settings, List<Alert> batch, DeliveryListener listener);
}
