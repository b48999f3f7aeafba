package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.calpe.exec.internal.DefaultScriptRunner;
import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.api.dto.GroupStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lab test (root): two Calpe runtimes in their own namespaces on a veth pair (see {@link RuntimeLab}), with
 * trackers: a {@code track_script} weight that moves mastership, a tracked interface and the instance's own
 * interface going down (FAULT, the peer takes over), and a {@code vrrp_sync_group} whose members move together.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class VrrpTrackingLabTest {
    private static final String VIP1 = "198.18.2.100";
    private static final String VIP2 = "198.18.2.101";
    private static final String I1 = "org.calpe.vrrp.Instance~VI_1";
    private static final String I2 = "org.calpe.vrrp.Instance~VI_2";

    @TempDir
    Path dir;
    private RuntimeLab lab;
    private DefaultScriptRunner runner;
    private Engine a;
    private Engine b;

    @BeforeEach
    void setUp() throws Exception {
        lab = RuntimeLab.create();
        runner = new DefaultScriptRunner(defaults());
        a = new Engine(lab.nsA(), "a", runner);
        b = new Engine(lab.nsB(), "b", runner);
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
            if (runner != null) {
                var m = DefaultScriptRunner.class.getDeclaredMethod("deactivate");
                m.setAccessible(true);
                m.invoke(runner);
            }
        } finally {
            lab.close();
        }
    }

    @Test
    void trackScriptWeightMovesMastership() throws Exception {
        Path flag = dir.resolve("flag");
        Path check = dir.resolve("check.sh");
        Files.writeString(check, "#!/bin/sh\ntest -e '" + flag + "'\n");
        Map<String, Object> script = new HashMap<>();
        script.put("calpe.name", "chk");
        script.put("script", "/bin/sh " + check);
        script.put("interval", 1);
        script.put("weight", "60");
        b.runtime.updateScript("org.calpe.vrrp.Script~chk", script).get(5, TimeUnit.SECONDS);
        Map<String, Object> vb = Engine.instance("VI_1", "vb", 51, 100, 3, 0.1, VIP1 + "/24");
        vb.put("track_script", new String[] {"chk"});
        b.runtime.update(I1, vb).get(5, TimeUnit.SECONDS);
        a.runtime.update(I1, Engine.instance("VI_1", "va", 51, 150, 3, 0.1, VIP1 + "/24")).get(5, TimeUnit.SECONDS);

        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.MASTER, 5000), "A never became MASTER");
        assertTrue(Engine.await(() -> b.state("VI_1") == VrrpState.BACKUP, 2000), "B is not BACKUP");
        assertTrue(Engine.await(() -> !b.scripts.isEmpty(), 3000), "the script never ran");
        Thread.sleep(1500); // the failing script adds nothing: B stays at 100
        assertEquals(VrrpState.BACKUP, b.state("VI_1"));
        assertEquals(100, effectivePriority(b, "VI_1"));

        Files.writeString(flag, "up"); // the script succeeds: B runs at 160 and preempts A (150)
        assertTrue(Engine.await(() -> b.state("VI_1") == VrrpState.MASTER, 6000), "B never took over");
        assertEquals(160, effectivePriority(b, "VI_1"));
        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.BACKUP, 2000), "A did not step back");
        assertTrue(Engine.await(() -> has(lab.b, "vb", VIP1), 2000), "VIP not on B");
        assertTrue(Engine.await(() -> !has(lab.a, "va", VIP1), 2000), "VIP left on A");

        Files.delete(flag); // the script fails again: B is back at 100 and A preempts it
        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.MASTER, 6000), "A never took back");
        assertTrue(Engine.await(() -> b.state("VI_1") == VrrpState.BACKUP, 2000), "B did not step back");
        assertEquals(100, effectivePriority(b, "VI_1"));
    }

    @Test
    void interfaceDownOnTheMasterIsAFaultAndThePeerTakesOver() throws Exception {
        trackedLink();
        Map<String, Object> va = Engine.instance("VI_1", "va", 51, 150, 3, 0.1, VIP1 + "/24");
        va.put("track_interface", new String[] {"trk"});
        b.runtime.update(I1, Engine.instance("VI_1", "vb", 51, 100, 3, 0.1, VIP1 + "/24")).get(5, TimeUnit.SECONDS);
        a.runtime.update(I1, va).get(5, TimeUnit.SECONDS);
        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.MASTER, 5000), "A never became MASTER");
        assertTrue(Engine.await(() -> b.state("VI_1") == VrrpState.BACKUP, 2000), "B is not BACKUP");

        // a tracked interface goes down: A enters FAULT (priority 0), B takes over within Skew_Time
        long down = System.nanoTime();
        RuntimeLab.run("ip", "-n", lab.a, "link", "set", "trk", "down");
        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.FAULT, 3000), "A not in FAULT");
        assertTrue(Engine.await(() -> b.entered("VI_1", VrrpState.MASTER, down) > 0, 3000), "B never took over");
        assertTrue(Engine.await(() -> has(lab.b, "vb", VIP1), 2000), "VIP not moved to B");
        assertFalse(has(lab.a, "va", VIP1), "VIP left on the faulted master");

        // it comes back: A leaves FAULT and preempts
        RuntimeLab.run("ip", "-n", lab.a, "link", "set", "trk", "up");
        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.MASTER, 5000), "A did not come back");
        assertTrue(Engine.await(() -> b.state("VI_1") == VrrpState.BACKUP, 2000), "B did not step back");

        // the instance's own interface goes down: FAULT as well (B loses carrier on the veth too)
        RuntimeLab.run("ip", "-n", lab.a, "link", "set", "va", "down");
        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.FAULT, 3000), "A not in FAULT (own link)");
        assertTrue(Engine.await(() -> b.state("VI_1") == VrrpState.FAULT, 3000), "B not in FAULT (no carrier)");
        RuntimeLab.run("ip", "-n", lab.a, "link", "set", "va", "up");
        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.MASTER, 8000), "A did not recover");
        assertTrue(Engine.await(() -> b.state("VI_1") == VrrpState.BACKUP, 3000), "B did not recover");
    }

    @Test
    void syncGroupMembersMoveTogether() throws Exception {
        trackedLink();
        for (Engine e : List.of(a, b)) {
            Map<String, Object> g = new HashMap<>();
            g.put("calpe.name", "G1");
            g.put("group", new String[] {"VI_1", "VI_2"});
            e.runtime.updateGroup("org.calpe.vrrp.SyncGroup~G1", g).get(5, TimeUnit.SECONDS);
        }
        b.runtime.update(I1, Engine.instance("VI_1", "vb", 51, 100, 3, 0.1, VIP1 + "/24")).get(5, TimeUnit.SECONDS);
        b.runtime.update(I2, Engine.instance("VI_2", "vb", 52, 100, 3, 0.1, VIP2 + "/24")).get(5, TimeUnit.SECONDS);
        a.runtime.update(I1, Engine.instance("VI_1", "va", 51, 150, 3, 0.1, VIP1 + "/24")).get(5, TimeUnit.SECONDS);
        Map<String, Object> a2 = Engine.instance("VI_2", "va", 52, 150, 3, 0.1, VIP2 + "/24");
        a2.put("track_interface", new String[] {"trk"}); // only VI_2 tracks it
        a.runtime.update(I2, a2).get(5, TimeUnit.SECONDS);

        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.MASTER && a.state("VI_2") == VrrpState.MASTER,
                5000), "A is not MASTER of both");
        assertTrue(Engine.await(() -> b.state("VI_1") == VrrpState.BACKUP && b.state("VI_2") == VrrpState.BACKUP,
                2000), "B is not BACKUP of both");
        assertTrue(Engine.await(() -> groupState(a) == VrrpState.MASTER, 2000), "A's group is not MASTER");
        assertEquals(List.of("VI_1", "VI_2"), a.runtime.groups().get(0).instances());

        // only VI_2's tracked interface fails, but the group takes VI_1 along
        long down = System.nanoTime();
        RuntimeLab.run("ip", "-n", lab.a, "link", "set", "trk", "down");
        assertTrue(Engine.await(() -> a.state("VI_2") == VrrpState.FAULT, 3000), "A's VI_2 not in FAULT");
        assertTrue(Engine.await(() -> a.state("VI_1") != VrrpState.MASTER, 3000), "A's VI_1 stayed MASTER");
        assertTrue(Engine.await(() -> groupState(a) == VrrpState.FAULT, 2000), "A's group is not in FAULT");
        assertTrue(Engine.await(() -> b.entered("VI_1", VrrpState.MASTER, down) > 0
                && b.entered("VI_2", VrrpState.MASTER, down) > 0, 3000), "B did not take over both");
        assertTrue(Engine.await(() -> groupState(b) == VrrpState.MASTER, 2000), "B's group is not MASTER");
        assertTrue(Engine.await(() -> has(lab.b, "vb", VIP1) && has(lab.b, "vb", VIP2), 2000), "VIPs not on B");
        assertFalse(has(lab.a, "va", VIP1), "VIP 1 left on A");

        // back up: both return to A together
        RuntimeLab.run("ip", "-n", lab.a, "link", "set", "trk", "up");
        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.MASTER && a.state("VI_2") == VrrpState.MASTER,
                6000), "A did not take both back");
        assertTrue(Engine.await(() -> b.state("VI_1") == VrrpState.BACKUP && b.state("VI_2") == VrrpState.BACKUP,
                3000), "B did not release both");
    }

    /** A veth pair {@code trk}/{@code trkp} inside A (no dummy driver here), both up: {@code trk} has carrier. */
    private void trackedLink() throws IOException {
        RuntimeLab.run("ip", "-n", lab.a, "link", "add", "trk", "type", "veth", "peer", "name", "trkp");
        RuntimeLab.run("ip", "-n", lab.a, "link", "set", "trkp", "up");
        RuntimeLab.run("ip", "-n", lab.a, "link", "set", "trk", "up");
    }

    private static VrrpState groupState(Engine e) {
        List<GroupStatus> g = e.runtime.groups();
        return g.isEmpty() ? VrrpState.INIT : g.get(0).state();
    }

    private static int effectivePriority(Engine e, String instance) {
        return e.runtime.instances().stream().filter(i -> i.name().equals(instance)).findFirst()
                .orElseThrow().effectivePriority();
    }

    private boolean has(String ns, String dev, String vip) {
        try {
            return lab.hasAddress(ns, dev, vip);
        } catch (IOException e) {
            return false;
        }
    }

    /** The runner's configuration with every attribute at its default. */
    private static DefaultScriptRunner.Config defaults() {
        return (DefaultScriptRunner.Config) Proxy.newProxyInstance(VrrpTrackingLabTest.class.getClassLoader(),
                new Class<?>[] {DefaultScriptRunner.Config.class}, (proxy, method, args) -> {
                    Object v = method.getDefaultValue();
                    if (v == null) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return v;
                });
    }
}
