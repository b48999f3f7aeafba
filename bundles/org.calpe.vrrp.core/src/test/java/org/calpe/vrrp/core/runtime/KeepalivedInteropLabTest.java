package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.calpe.vrrp.api.VrrpState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lab test (root, keepalived 2.2.7 installed): real keepalived with the higher priority in namespace A, a Calpe
 * runtime in B. keepalived wins and Calpe stays BACKUP; after keepalived crashes (SIGKILL of its whole process
 * group, so no priority 0 advert) Calpe becomes MASTER after Master_Down_Interval and holds the VIP.
 */
class KeepalivedInteropLabTest {
    private static final String VIP = "198.18.2.101";
    private static final String PID = "org.calpe.vrrp.Instance~VI_2";
    private RuntimeLab lab;
    private Engine calpe;
    private Path dir;
    private Process keepalived;

    @BeforeEach
    void setUp() throws Exception {
        lab = RuntimeLab.create();
        dir = Files.createTempDirectory("calpe-vrrp-runtime-");
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (calpe != null) {
                calpe.close();
            }
            killGroup();
        } finally {
            lab.close();
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(dir);
            }
        }
    }

    /** auth_type NONE, PASS or AH: Calpe verifies keepalived's adverts, then keepalived verifies Calpe's. */
    @ParameterizedTest
    @ValueSource(strings = {"NONE", "PASS", "AH"})
    void keepalivedWinsThenCalpeTakesOverAfterCrash(String auth) throws Exception {
        startKeepalived(auth, "MASTER", 200);
        assertTrue(Engine.await(() -> has(lab.a, "va"), 10_000), "keepalived never became MASTER: " + log());

        calpe = new Engine(lab.nsB(), "calpe");
        long start = System.nanoTime();
        Map<String, Object> props = Engine.instance("VI_2", "vb", 52, 100, 2, 1, VIP + "/24");
        if (!auth.equals("NONE")) {
            props.put("authentication", new String[] {"auth_type " + auth + " auth_pass s3cret"});
        }
        calpe.runtime.update(PID, props).get(5, TimeUnit.SECONDS);
        assertTrue(Engine.await(() -> calpe.state("VI_2") == VrrpState.BACKUP, 3000), "Calpe not BACKUP");
        Thread.sleep(4500); // longer than Master_Down_Interval (3 s + 0.6 s): Calpe must hear keepalived
        assertEquals(VrrpState.BACKUP, calpe.state("VI_2"));
        assertEquals(-1, calpe.entered("VI_2", VrrpState.MASTER, start), "Calpe was MASTER next to keepalived");
        assertFalse(has(lab.b, "vb"), "VIP on the backup");

        long crash = System.nanoTime();
        killGroup();
        assertTrue(Engine.await(() -> calpe.state("VI_2") == VrrpState.MASTER, 8000),
                "Calpe did not take over after the crash");
        long takeover = TimeUnit.NANOSECONDS.toMillis(calpe.entered("VI_2", VrrpState.MASTER, crash) - crash);
        // Master_Down_Interval = 3 × 1 s + Skew_Time (0.609 s at priority 100), counted from the last advert
        assertTrue(takeover <= 3700, "takeover after " + takeover + " ms");
        assertTrue(Engine.await(() -> has(lab.b, "vb"), 2000), "VIP not on Calpe");

        // keepalived back with a lower priority: it accepts Calpe's (authenticated) adverts and stays BACKUP
        RuntimeLab.run("ip", "-n", lab.a, "addr", "del", VIP + "/24", "dev", "va"); // left behind by the crash
        long restart = System.nanoTime();
        startKeepalived(auth, "BACKUP", 50);
        Thread.sleep(5000); // > Master_Down_Interval of keepalived (3 s + 0.8 s)
        assertTrue(log().contains("Entering BACKUP STATE"), "keepalived did not start: " + log());
        assertFalse(log().contains("Entering MASTER STATE"), () -> "keepalived did not hear Calpe: "
                + calpe.runtime.instances() + "\n" + log());
        assertFalse(has(lab.a, "va"), "VIP on keepalived");
        assertEquals(VrrpState.MASTER, calpe.state("VI_2"));
        assertEquals(-1, calpe.entered("VI_2", VrrpState.BACKUP, restart), "Calpe left MASTER");
    }

    private void startKeepalived(String auth, String state, int priority) throws IOException {
        Path conf = dir.resolve("keepalived.conf");
        String authBlock = auth.equals("NONE") ? ""
                : "    authentication {\n        auth_type " + auth + "\n        auth_pass s3cret\n    }\n";
        Files.writeString(conf, "global_defs {\n    router_id calpe_lab\n}\n"
                + "vrrp_instance VI_2 {\n"
                + "    state " + state + "\n"
                + "    interface va\n"
                + "    virtual_router_id 52\n"
                + "    priority " + priority + "\n"
                + "    advert_int 1\n"
                + authBlock
                + "    virtual_ipaddress {\n        " + VIP + "/24\n    }\n"
                + "}\n", StandardCharsets.US_ASCII);
        for (String f : new String[] {"keepalived.log", "ka.pid", "vrrp.pid", "chk.pid"}) {
            Files.deleteIfExists(dir.resolve(f)); // stale pid files after a crash would stop it starting
        }
        keepalived = new ProcessBuilder("setsid", "ip", "netns", "exec", lab.a, "keepalived", "-n", "-l", "-D", "-P",
                "-f", conf.toString(), "-p", dir.resolve("ka.pid").toString(), "-r", dir.resolve("vrrp.pid").toString(),
                "-c", dir.resolve("chk.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("keepalived.log").toFile()).start();
    }

    /** Kills keepalived's whole process group (a crash: no priority 0 advert) and waits until it is gone. */
    private void killGroup() throws InterruptedException {
        if (keepalived == null || !keepalived.isAlive()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-KILL", "--", "-" + keepalived.pid()).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            keepalived.destroyForcibly();
        }
        keepalived.waitFor(5, TimeUnit.SECONDS);
        for (int i = 0; i < 50 && !RuntimeLabPids.empty(lab.a); i++) {
            Thread.sleep(100);
        }
    }

    private boolean has(String ns, String dev) {
        try {
            return lab.hasAddress(ns, dev, VIP);
        } catch (IOException e) {
            return false;
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("keepalived.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
