package org.calpe.alert.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.calpe.alert.smtp.client.DeliveryListener;
import org.calpe.alert.smtp.client.SessionResult;
import org.calpe.alert.smtp.client.SmtpSettings;
import org.calpe.alert.smtp.client.StartTls;
import org.calpe.alert.smtp.mail.Alert;
import org.calpe.alert.smtp.queue.AlertQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DispatcherTest {
    @TempDir
    Path dir;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();
    private static final SmtpSettings RELAY = new SmtpSettings("127.0.0.1", 25, "h", Duration.ofSeconds(1),
            StartTls.OFF, null, null, null);

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    /** A relay that is down for the first {@code downSessions} sessions and then accepts everything. */
    private static final class FlakyRelay implements Transport {
        final List<String> received = Collections.synchronizedList(new ArrayList<>());
        final List<Long> sessionTimes = Collections.synchronizedList(new ArrayList<>());
        int downSessions;
        /** Accept this many alerts, then the connection breaks (once). */
        int breakAfter = -1;

        FlakyRelay(int downSessions) {
            this.downSessions = downSessions;
        }

        @Override
        public CompletableFuture<SessionResult> send(SmtpSettings s, List<Alert> batch, DeliveryListener l) {
            sessionTimes.add(System.nanoTime());
            if (downSessions > 0) {
                downSessions--;
                return CompletableFuture.completedFuture(new SessionResult(0, 0, "SMTP connection ERROR"));
            }
            int n = 0;
            for (Alert a : batch) {
                if (breakAfter == n) {
                    breakAfter = -1;
                    return CompletableFuture.completedFuture(new SessionResult(n, 0, "closed the connection"));
                }
                received.add(a.subject());
                l.delivered(a);
                n++;
            }
            return CompletableFuture.completedFuture(new SessionResult(n, 0, null));
        }
    }

    private static void await(java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!c.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertTrue(c.getAsBoolean(), "condition not met in 10 s");
    }

    private static Alert alert(String s) {
        return new Alert(0, 0, "f@x", List.of("t@x"), s, "b");
    }

    @Test
    void relayDownThenUpEverythingArrivesInOrderOnce() throws IOException, InterruptedException {
        AlertQueue q = new AlertQueue(dir, 100);
        FlakyRelay relay = new FlakyRelay(3);
        Dispatcher d = new Dispatcher(worker, q, () -> RELAY, relay, 20, 80, 4);
        for (int i = 0; i < 10; i++) {
            q.add(alert("a" + i));
            d.kick();
        }
        await(() -> q.isEmpty());
        assertEquals(List.of("a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9"), relay.received);
        // back-off: 20, 40, 80 ms between the failed sessions
        List<Long> t = relay.sessionTimes;
        assertTrue(TimeUnit.NANOSECONDS.toMillis(t.get(1) - t.get(0)) >= 19, t.toString());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(t.get(3) - t.get(2)) >= 79, t.toString());
    }

    @Test
    void aBrokenSessionResendsOnlyWhatWasNotAccepted() throws IOException, InterruptedException {
        AlertQueue q = new AlertQueue(dir, 100);
        FlakyRelay relay = new FlakyRelay(0);
        relay.breakAfter = 2;
        Dispatcher d = new Dispatcher(worker, q, () -> RELAY, relay, 10, 10, 10);
        for (int i = 0; i < 5; i++) {
            q.add(alert("a" + i));
        }
        d.kick();
        await(() -> q.isEmpty());
        assertEquals(List.of("a0", "a1", "a2", "a3", "a4"), relay.received);
    }

    @Test
    void queuedAlertsAreSentAfterARestart() throws IOException, InterruptedException {
        AlertQueue q = new AlertQueue(dir, 100);
        q.add(alert("before"));
        Dispatcher down = new Dispatcher(worker, q, () -> RELAY, new FlakyRelay(1000), 1000, 1000, 10);
        down.kick();
        await(() -> down.sessions() == 1);
        // "restart": a new queue on the same directory
        AlertQueue reopened = new AlertQueue(dir, 100);
        FlakyRelay relay = new FlakyRelay(0);
        ScheduledExecutorService w2 = Executors.newSingleThreadScheduledExecutor();
        try {
            new Dispatcher(w2, reopened, () -> RELAY, relay, 10, 10, 10).kick();
            await(() -> reopened.isEmpty());
            assertEquals(List.of("before"), relay.received);
        } finally {
            w2.shutdownNow();
        }
    }

    @Test
    void backOffDoublesUpToTheMaximum() throws IOException {
        Dispatcher d = new Dispatcher(worker, new AlertQueue(dir, 1), () -> RELAY, new FlakyRelay(0), 1000, 60000, 1);
        assertEquals(List.of(1000L, 2000L, 4000L, 32000L, 60000L, 60000L),
                List.of(d.delay(1), d.delay(2), d.delay(3), d.delay(6), d.delay(7), d.delay(40)));
    }

    @Test
    void nothingIsSentWithoutARelay() throws IOException, InterruptedException {
        AlertQueue q = new AlertQueue(dir, 10);
        q.add(alert("x"));
        FlakyRelay relay = new FlakyRelay(0);
        Dispatcher d = new Dispatcher(worker, q, () -> null, relay, 10, 10, 10);
        d.kick();
        worker.submit(() -> { }).isDone();
        Thread.sleep(50);
        assertEquals(0, d.sessions());
        assertEquals(1, q.size());
    }
}
