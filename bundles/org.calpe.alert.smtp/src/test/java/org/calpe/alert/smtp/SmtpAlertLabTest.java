package org.calpe.alert.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.calpe.alert.smtp.client.SmtpClient;
import org.calpe.alert.smtp.mail.MessageFormatter;
import org.calpe.alert.smtp.queue.AlertQueue;
import org.calpe.check.api.CheckTopics;
import org.calpe.vrrp.api.VrrpTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lab test (root; Debian's exim4-daemon-light, which scripts/test installs): the alert engine with the real Netty
 * SMTP client against a real Exim on 127.0.0.1 — plain SMTP, STARTTLS with AUTH PLAIN, STARTTLS with AUTH LOGIN
 * only, a wrong password, and a relay that is down, comes up, goes down and comes up again across a restart of
 * the engine: every alert arrives, in the order of the events (Exim's log of received messages), none twice
 * (the maildir). Each Exim is a child of this JVM, stopped by PID; the lab directory is removed at the end.
 */
class SmtpAlertLabTest {
    private static Path lab;
    private final List<EximLab> exims = new ArrayList<>();
    private final List<Runnable> engines = new ArrayList<>();

    @BeforeAll
    static void setUp() throws IOException, InterruptedException {
        assertEquals("root", System.getProperty("user.name"), "the SMTP lab test runs as root (scripts/test)");
        assertTrue(Files.isExecutable(Path.of(EximLab.EXIM)),
                "the SMTP lab test needs exim4-daemon-light (scripts/test installs it)");
        lab = Files.createTempDirectory("calpe-smtp-lab-");
        Files.setPosixFilePermissions(lab, PosixFilePermissions.fromString("rwxr-xr-x"));
        EximLab.certificate(lab);
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        engines.forEach(Runnable::run);
        for (EximLab e : exims) {
            e.stop();
        }
    }

    @AfterAll
    static void removeLab() throws IOException, InterruptedException {
        // a delivery process Exim forked may still be writing when the daemon is gone: try a few times
        for (int attempt = 0; lab != null && Files.exists(lab); attempt++) {
            try (Stream<Path> s = Files.walk(lab)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                if (attempt >= 20) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    private EximLab exim(String name, EximLab.Mode mode) throws IOException {
        EximLab e = new EximLab(lab, name, EximLab.freePort(), mode);
        exims.add(e);
        return e;
    }

    private static Map<String, Object> global(int port, String... more) {
        Map<String, Object> g = new HashMap<>(Map.of("router_id", "lab", "notification_email",
                new String[] {"ops@example.invalid", "noc@example.invalid"}, "notification_email_from",
                "ka@example.invalid", "smtp_server", "127.0.0.1 " + port, "smtp_helo_name", "lab.calpe.invalid",
                "smtp_connect_timeout", 5, "smtp_alert", Boolean.TRUE));
        for (int i = 0; i < more.length; i += 2) {
            g.put(more[i], more[i + 1]);
        }
        return g;
    }

    /** An engine on the queue directory {@code queueDir}; stopped after the test (or earlier by the test). */
    private AlertEngine engine(Path queueDir, Map<String, Object> global, List<Runnable> stopper) throws IOException {
        ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();
        SmtpClient client = new SmtpClient(new MessageFormatter(ZoneId.systemDefault()));
        GlobalSettings g = GlobalSettings.from(global, "vm", "root");
        AlertEngine e = new AlertEngine(worker, new AlertQueue(queueDir, g.queueMax()), client::send,
                ObjectSwitches.NONE, Clock.systemUTC(), g, 100, 400, 5, 100);
        Runnable stop = () -> {
            worker.shutdownNow();
            client.close();
            try {
                worker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
            }
        };
        engines.add(stop);
        stopper.add(stop);
        return e;
    }

    private static void master(AlertEngine e, String instance) {
        e.event(VrrpTopics.INSTANCE_STATE_CHANGED, Map.of(VrrpTopics.PROP_INSTANCE, instance, VrrpTopics.PROP_STATE,
                "MASTER", VrrpTopics.PROP_PREVIOUS_STATE, "BACKUP", VrrpTopics.PROP_TIMESTAMP,
                System.currentTimeMillis()));
    }

    private static void await(String what, BooleanSupplier c, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!c.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertTrue(c.getAsBoolean(), what);
    }

    private static BooleanSupplier count(EximLab e, int n) {
        return () -> {
            try {
                return e.delivered().size() >= n;
            } catch (IOException x) {
                return false;
            }
        };
    }

    @Test
    void plainRelayGetsKeepalivedsMails() throws Exception {
        EximLab relay = exim("plain", EximLab.Mode.PLAIN);
        relay.start();
        AlertEngine e = engine(lab.resolve("q-plain"), global(relay.port, "smtp_starttls", "off"), new ArrayList<>());
        master(e, "VI_1");
        e.event(VrrpTopics.GROUP_STATE_CHANGED, Map.of(VrrpTopics.PROP_GROUP, "G1", VrrpTopics.PROP_STATE, "BACKUP"));
        e.event(CheckTopics.CHECKER_DOWN, Map.of(CheckTopics.PROP_REAL_SERVER, "[198.18.0.2]:tcp:80",
                CheckTopics.PROP_VIRTUAL_SERVER, "[198.18.0.1]:tcp:80", CheckTopics.PROP_CHECKER_TYPE, "TCP_CHECK"));
        e.event(CheckTopics.REAL_SERVER_DOWN, Map.of(CheckTopics.PROP_REAL_SERVER, "[198.18.0.2]:tcp:80",
                CheckTopics.PROP_VIRTUAL_SERVER, "[198.18.0.1]:tcp:80"));
        await("three mails delivered", count(relay, 3), 30);
        List<String> subjects = relay.receivedSubjects();
        assertEquals(List.of("[lab] VRRP Instance VI_1 - Entering MASTER state",
                "[lab] VRRP Group G1 - Entering BACKUP state",
                "[lab] Realserver [198.18.0.2]:tcp:80 of virtual server [198.18.0.1]:tcp:80 - DOWN"), subjects);
        String first = relay.delivered().stream().filter(m -> m.contains("VRRP Instance VI_1")).findFirst()
                .orElseThrow();
        for (String line : List.of("From: ka@example.invalid\n", "Subject: [lab] VRRP Instance VI_1 - Entering MASTER "
                + "state\n", "X-Mailer: Keepalived\n", "To: ops@example.invalid, noc@example.invalid\n",
                "\n\n=> VRRP Instance is now owning VRRP VIPs <=\n\n")) {
            assertTrue(first.contains(line), () -> line + " missing in\n" + first);
        }
        assertTrue(relay.delivered().stream().anyMatch(m -> m.contains("=> TCP CHECK failed on service <=")));
        await("both recipients got all three", () -> {
            try {
                return relay.deliveredFiles().size() == 6;
            } catch (IOException x) {
                return false;
            }
        }, 30);
        assertTrue(relay.received().get(0).contains("P=esmtp "), relay.received().get(0));
    }

    @Test
    void startTlsAndAuthPlain() throws Exception {
        EximLab relay = exim("tls", EximLab.Mode.TLS_AUTH);
        relay.start();
        AlertEngine e = engine(lab.resolve("q-tls"), global(relay.port, "smtp_starttls", "required", "smtp_tls_ca",
                lab.resolve("cert.pem").toString(), "smtp_auth_user", "alice", "smtp_auth_password", "s3cret"),
                new ArrayList<>());
        master(e, "VI_TLS");
        await("the mail over TLS", count(relay, 1), 30);
        String log = relay.received().get(0);
        assertTrue(log.contains("P=esmtpsa") && log.contains("X=TLS") && log.contains("A=plain:alice"), log);
    }

    @Test
    void authLoginWhenThatIsAllTheRelayOffers() throws Exception {
        EximLab relay = exim("login", EximLab.Mode.TLS_AUTH_LOGIN_ONLY);
        relay.start();
        AlertEngine e = engine(lab.resolve("q-login"), global(relay.port, "smtp_auth_user", "alice",
                "smtp_auth_password", "s3cret"), new ArrayList<>());
        master(e, "VI_LOGIN");
        await("the mail with AUTH LOGIN", count(relay, 1), 30);
        String log = relay.received().get(0);
        assertTrue(log.contains("A=login:alice") && log.contains("X=TLS"), log);
    }

    @Test
    void aWrongPasswordDeliversNothingAndKeepsTheAlert() throws Exception {
        EximLab relay = exim("badpw", EximLab.Mode.TLS_AUTH);
        relay.start();
        Path q = lab.resolve("q-badpw");
        List<Runnable> stop = new ArrayList<>();
        AlertEngine e = engine(q, global(relay.port, "smtp_auth_user", "alice", "smtp_auth_password", "wrong"), stop);
        master(e, "VI_BAD");
        await("two failed sessions", () -> e.dispatcher().sessions() >= 2, 30);
        stop.forEach(Runnable::run);
        assertEquals(0, relay.delivered().size());
        assertEquals(1, new AlertQueue(q, 10).size(), "the alert is still queued");
    }

    @Test
    void relayDownAndUpAcrossARestartEveryAlertOnceInOrder() throws Exception {
        EximLab relay = exim("outage", EximLab.Mode.PLAIN);
        Path q = lab.resolve("q-outage");
        Map<String, Object> g = global(relay.port, "smtp_starttls", "off");
        List<String> expected = IntStream.range(0, 30)
                .mapToObj(i -> String.format("[lab] VRRP Instance VI_%02d - Entering MASTER state", i)).toList();

        // 1. the relay is down: ten alerts wait on disk, the engine retries
        List<Runnable> stop1 = new ArrayList<>();
        AlertEngine first = engine(q, g, stop1);
        for (int i = 0; i < 10; i++) {
            master(first, String.format("VI_%02d", i));
        }
        await("a few failed sessions", () -> first.dispatcher().sessions() >= 3, 30);
        // 2. the engine restarts (bundle update, reboot) with the relay still down
        stop1.forEach(Runnable::run);
        AlertEngine second = engine(q, g, new ArrayList<>());
        for (int i = 10; i < 20; i++) {
            master(second, String.format("VI_%02d", i));
        }
        // 3. the relay comes up: everything arrives
        relay.start();
        await("20 mails", count(relay, 20), 60);
        // 4. down again while alerts keep coming, then up
        relay.stop();
        for (int i = 20; i < 30; i++) {
            master(second, String.format("VI_%02d", i));
        }
        Thread.sleep(500);
        relay.start();
        await("30 mails", count(relay, 30), 60);
        Thread.sleep(500); // anything sent twice would show up now

        assertEquals(expected, relay.receivedSubjects(), "in order, once each");
        List<String> mails = relay.delivered();
        assertEquals(30, mails.size());
        HashSet<String> subjects = new HashSet<>();
        for (String m : mails) {
            String s = m.lines().filter(l -> l.startsWith("Subject: ")).findFirst().orElseThrow();
            assertTrue(subjects.add(s), "twice: " + s);
        }
        assertEquals(0, new AlertQueue(q, 100).size());
    }
}
