package org.calpe.alert.smtp;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.calpe.alert.smtp.client.DeliveryListener;
import org.calpe.alert.smtp.client.SessionResult;
import org.calpe.alert.smtp.client.SmtpSettings;
import org.calpe.alert.smtp.mail.Alert;
import org.calpe.alert.smtp.queue.AlertQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the queue to the relay, oldest first, one session at a time, so alerts arrive in the order the events
 * happened. A failed session is retried with exponential back-off (initial delay doubling up to a maximum); a
 * success resets it. Each alert leaves the queue only when the relay has accepted it (250 to the end of DATA) or
 * refused it for good (5xx). If the connection breaks after the relay accepted an alert but before we saw the
 * 250, the alert is sent again: a possible duplicate is preferred to a lost alert (RFC 5321 6.1 makes the same
 * choice).
 * <p>
 * All state is touched only on {@code worker} (single thread).
 */
final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final ScheduledExecutorService worker;
    private final AlertQueue queue;
    private final Supplier<SmtpSettings> settings;
    private final Transport transport;
    private final long initialDelayMillis;
    private final long maxDelayMillis;
    private final int batchSize;

    private boolean busy;
    private boolean waiting;
    private int failures;
    private long sessions;

    Dispatcher(ScheduledExecutorService worker, AlertQueue queue, Supplier<SmtpSettings> settings, Transport transport,
            long initialDelayMillis, long maxDelayMillis, int batchSize) {
        this.worker = worker;
        this.queue = queue;
        this.settings = settings;
        this.transport = transport;
        this.initialDelayMillis = Math.max(1, initialDelayMillis);
        this.maxDelayMillis = Math.max(this.initialDelayMillis, maxDelayMillis);
        this.batchSize = Math.max(1, batchSize);
    }

    /** Starts a session if there is something to send and none is running or waiting for its retry. */
    void kick() {
        later(this::maybeStart);
    }

    /** Runs {@code r} on the worker; nothing happens once the worker is shut down (component stopping). */
    private void later(Runnable r) {
        try {
            worker.execute(r);
        } catch (RejectedExecutionException e) {
            LOG.debug("SMTP alerts stopping: {} alert(s) stay queued", queue.size());
        }
    }

    private void maybeStart() {
        if (busy || waiting || queue.isEmpty()) {
            return;
        }
        SmtpSettings s = settings.get();
        if (s == null) {
            return; // no smtp_server: alerts wait until one is configured
        }
        List<Alert> batch = queue.peek(batchSize);
        busy = true;
        sessions++;
        transport.send(s, batch, listener(s)).whenComplete((r, e) -> later(() -> done(s, batch, r, e)));
    }

    private DeliveryListener listener(SmtpSettings s) {
        return new DeliveryListener() {
            @Override
            public void delivered(Alert alert) {
                remove(alert);
                LOG.info("SMTP alert successfully sent. ({} to {})", alert.subject(), s.display());
            }

            @Override
            public void rejected(Alert alert, String reply) {
                remove(alert);
                LOG.error("SMTP alert '{}' refused by {} ({}); dropped", alert.subject(), s.display(), reply);
            }
        };
    }

    private void remove(Alert alert) {
        try {
            queue.remove(alert);
        } catch (IOException e) {
            // the file stays: after a restart this alert would be sent a second time
            LOG.error("SMTP alert queue: cannot delete delivered alert {}: {}", alert.seq(), e.getMessage());
        }
    }

    private void done(SmtpSettings s, List<Alert> batch, SessionResult r, Throwable e) {
        busy = false;
        String error = e != null ? String.valueOf(e) : r.error();
        if (error == null) {
            failures = 0;
            maybeStart();
            return;
        }
        failures++;
        long delay = delay(failures);
        LOG.warn("{} - {} alert(s) waiting, retrying in {} ms", error, queue.size(), delay);
        waiting = true;
        worker.schedule(() -> {
            waiting = false;
            maybeStart();
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** initial * 2^(n-1), capped. */
    long delay(int failureCount) {
        long d = initialDelayMillis;
        for (int i = 1; i < failureCount && d < maxDelayMillis; i++) {
            d *= 2;
        }
        return Math.min(d, maxDelayMillis);
    }

    /** Sessions started so far (for tests and the log). */
    long sessions() {
        return sessions;
    }
}
