package org.calpe.alert.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.calpe.alert.smtp.client.SessionResult;
import org.calpe.alert.smtp.mail.Alert;
import org.calpe.alert.smtp.queue.AlertQueue;
import org.calpe.check.api.CheckTopics;
import org.calpe.vrrp.api.VrrpTopics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertEngineTest {
    @TempDir
    Path dir;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();
    private final List<Alert> sent = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    private AlertEngine engine(Map<String, Object> extra) throws IOException {
        Map<String, Object> p = new HashMap<>(Map.of("router_id", "lb1", "notification_email",
                new String[] {"ops@example.invalid"}, "notification_email_from", "ka@example.invalid", "smtp_server",
                "127.0.0.1 25", "smtp_alert", Boolean.TRUE));
        p.putAll(extra);
        GlobalSettings g = GlobalSettings.from(p, "vm", "root");
        return new AlertEngine(worker, new AlertQueue(dir, 100), (s, batch, l) -> {
            batch.forEach(a -> {
                sent.add(a);
                l.delivered(a);
            });
            return CompletableFuture.completedFuture(new SessionResult(batch.size(), 0, null));
        }, ObjectSwitches.NONE, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), g, 10, 10, 10, 50);
    }

    private List<String> subjects(int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sent.size() < n && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        Thread.sleep(100); // and nothing more
        List<String> out = new ArrayList<>();
        synchronized (sent) {
            sent.forEach(a -> out.add(a.subject() + " | " + a.body()));
        }
        return out;
    }

    @Test
    void vrrpEventsBecomeKeepalivedsMailsWithTheEventTime() throws Exception {
        AlertEngine e = engine(Map.of());
        e.event(VrrpTopics.INSTANCE_STATE_CHANGED, Map.of(VrrpTopics.PROP_INSTANCE, "VI_1", VrrpTopics.PROP_STATE,
                "MASTER", VrrpTopics.PROP_TIMESTAMP, 1234L));
        // keepalived would not notify this one (e.g. FAULT found while starting)
        e.event(VrrpTopics.INSTANCE_STATE_CHANGED, Map.of(VrrpTopics.PROP_INSTANCE, "VI_2", VrrpTopics.PROP_STATE,
                "FAULT", AlertEngine.PROP_NOTIFY, Boolean.FALSE));
        e.event(VrrpTopics.INSTANCE_PRIORITY_CHANGED, Map.of(VrrpTopics.PROP_INSTANCE, "VI_1"));
        e.event(VrrpTopics.GROUP_STATE_CHANGED, Map.of(VrrpTopics.PROP_GROUP, "G1", VrrpTopics.PROP_STATE, "STOP"));
        assertEquals(List.of("[lb1] VRRP Instance VI_1 - Entering MASTER state | => VRRP Instance is now owning VRRP VIPs <=",
                "[lb1] VRRP Group G1 - Stopping | => All VRRP group instances are now stopping <="), subjects(2));
        assertEquals(1234L, sent.get(0).timestamp());
        assertEquals(0L, sent.get(1).timestamp(), "no timestamp property: the clock");
        assertEquals(List.of("ops@example.invalid"), sent.get(0).to());
        assertEquals("ka@example.invalid", sent.get(0).from());
    }

    @Test
    void checkerEventsArePairedWithTheRealServerEvent() throws Exception {
        AlertEngine e = engine(Map.of());
        Map<String, Object> where = Map.of(CheckTopics.PROP_REAL_SERVER, "[198.18.0.2]:tcp:80",
                CheckTopics.PROP_VIRTUAL_SERVER, "[198.18.0.1]:tcp:80");
        Map<String, Object> checker = new HashMap<>(where);
        checker.put(CheckTopics.PROP_CHECKER_TYPE, "MISC_CHECK");
        checker.put(CheckTopics.PROP_CAUSE, "TIMEOUT");
        e.event(CheckTopics.CHECKER_DOWN, checker);
        e.event(CheckTopics.REAL_SERVER_DOWN, where);
        // a lone checker change (another checker keeps the real server down): mailed after the window
        Map<String, Object> up = new HashMap<>(where);
        up.put(CheckTopics.PROP_CHECKER_TYPE, "TCP_CHECK");
        e.event(CheckTopics.CHECKER_UP, up);
        assertEquals(List.of(
                "[lb1] Realserver [198.18.0.2]:tcp:80 of virtual server [198.18.0.1]:tcp:80 - DOWN | => MISC CHECK timed out on service <=",
                "[lb1] Realserver [198.18.0.2]:tcp:80 of virtual server [198.18.0.1]:tcp:80 - DOWN | => TCP CHECK succeed on service <="),
                subjects(2));
    }

    @Test
    void aRealServerEnteringThePoolIsNotMailed() throws Exception {
        AlertEngine e = engine(Map.of());
        Map<String, Object> configured = new HashMap<>(Map.of(CheckTopics.PROP_REAL_SERVER, "[198.18.0.2]:tcp:80",
                CheckTopics.PROP_VIRTUAL_SERVER, "[198.18.0.1]:tcp:80", CheckTopics.PROP_REASON, "configured"));
        e.event(CheckTopics.REAL_SERVER_UP, configured);
        e.event(VrrpTopics.INSTANCE_STATE_CHANGED, Map.of(VrrpTopics.PROP_INSTANCE, "VI_1", VrrpTopics.PROP_STATE,
                "MASTER"));
        // only the VRRP mail: the real server's arrival produced none, not even after the pairing window
        Thread.sleep(800);
        List<String> got = subjects(1);
        assertEquals(1, got.size(), got.toString());
        assertTrue(got.get(0).contains("VRRP Instance VI_1"), got.toString());
    }

    @Test
    void quorumWithTheEnginesNumbers() throws Exception {
        AlertEngine e = engine(Map.of());
        e.event(CheckTopics.VIRTUAL_SERVER_QUORUM_UP, Map.of(CheckTopics.PROP_VIRTUAL_SERVER, "[198.18.0.1]:tcp:80",
                AlertEngine.PROP_QUORUM, 2, AlertEngine.PROP_HYSTERESIS, 1, AlertEngine.PROP_THRESHOLD, 3L,
                AlertEngine.PROP_WEIGHT_SUM, 4L));
        e.event(CheckTopics.VIRTUAL_SERVER_QUORUM_DOWN, Map.of(CheckTopics.PROP_VIRTUAL_SERVER, "[198.18.0.1]:tcp:80"));
        assertEquals(List.of("[lb1] Virtualserver [198.18.0.1]:tcp:80 - UP | => Gained quorum 2+1=3 <= 4 <=",
                "[lb1] Virtualserver [198.18.0.1]:tcp:80 - DOWN | => Lost quorum <="), subjects(2));
    }

    @Test
    void startingInFaultWhileTrackersReportIsNotMailed() {
        assertTrue(!AlertEngine.notifies(Map.of(VrrpTopics.PROP_STATE, "FAULT", VrrpTopics.PROP_PREVIOUS_STATE, "INIT",
                VrrpTopics.PROP_REASON, "waiting for trackers")));
        assertTrue(AlertEngine.notifies(Map.of(VrrpTopics.PROP_STATE, "FAULT", VrrpTopics.PROP_PREVIOUS_STATE, "INIT",
                VrrpTopics.PROP_REASON, "tracker down")));
        assertTrue(AlertEngine.notifies(Map.of(VrrpTopics.PROP_STATE, "FAULT", AlertEngine.PROP_NOTIFY, Boolean.TRUE,
                VrrpTopics.PROP_REASON, "waiting for trackers", VrrpTopics.PROP_PREVIOUS_STATE, "INIT")));
    }

    @Test
    void nothingWithoutRecipients() throws Exception {
        AlertEngine e = engine(Map.of("notification_email", new String[0]));
        e.event(VrrpTopics.INSTANCE_STATE_CHANGED, Map.of(VrrpTopics.PROP_INSTANCE, "VI_1", VrrpTopics.PROP_STATE,
                "MASTER"));
        assertTrue(subjects(0).isEmpty());
    }

    @Test
    void settingsChangeAppliesToTheNextAlert() throws Exception {
        AlertEngine e = engine(Map.of());
        e.settings(GlobalSettings.from(Map.of("router_id", "lb2", "notification_email", "x@example.invalid",
                "smtp_server", "127.0.0.1", "smtp_alert", Boolean.TRUE), "vm", "root"));
        e.event(VrrpTopics.INSTANCE_STATE_CHANGED, Map.of(VrrpTopics.PROP_INSTANCE, "VI_1", VrrpTopics.PROP_STATE,
                "BACKUP"));
        assertEquals(List.of("[lb2] VRRP Instance VI_1 - Entering BACKUP state | => VRRP Instance is no longer owning "
                + "VRRP VIPs <="), subjects(1));
        assertEquals(List.of("x@example.invalid"), sent.get(0).to());
    }

    @Test
    void eventsAfterStopAreIgnoredWithoutThrowing() throws Exception {
        AlertEngine e = engine(Map.of());
        worker.shutdownNow();
        e.event(VrrpTopics.INSTANCE_STATE_CHANGED, Map.of(VrrpTopics.PROP_INSTANCE, "VI_1", VrrpTopics.PROP_STATE,
                "MASTER"));
        assertTrue(sent.isEmpty());
    }
}
