package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.calpe.vrrp.api.VrrpState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lab test (root): two Calpe runtimes in their own namespaces on a veth pair (see {@link RuntimeLab}); a
 * {@code track_file} moves mastership by its weight, and with weight 0 a non-zero value is a FAULT.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TrackFileLabTest {
    private static final String VIP = "198.18.2.100";
    private static final String I1 = "org.calpe.vrrp.Instance~VI_1";

    @TempDir
    Path dir;
    private RuntimeLab lab;
    private Engine a;
    private Engine b;

    @BeforeEach
    void setUp() throws Exception {
        lab = RuntimeLab.create();
        a = new Engine(lab.nsA(), "a");
        b = new Engine(lab.nsB(), "b");
    }

    @AfterEach
    void tearDown() {
        lab.closeAfter(a, b);
    }

    @Test
    void weightedFileMovesMastershipAndBack() throws Exception {
        Path f = dir.resolve("prio");
        b.runtime.updateGlobal(Map.of("track_file", new String[] {"TF file " + f + " weight 60 init_file 0"}))
                .get(5, TimeUnit.SECONDS);
        assertEquals("0\n", Files.readString(f), "init_file created the file");
        Map<String, Object> vb = Engine.instance("VI_1", "vb", 51, 100, 3, 0.1, VIP + "/24");
        vb.put("track_file", new String[] {"TF"});
        b.runtime.update(I1, vb).get(5, TimeUnit.SECONDS);
        a.runtime.update(I1, Engine.instance("VI_1", "va", 51, 150, 3, 0.1, VIP + "/24")).get(5, TimeUnit.SECONDS);
        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.MASTER, 5000), "A never became MASTER");
        assertTrue(Engine.await(() -> b.state("VI_1") == VrrpState.BACKUP, 2000), "B is not BACKUP");
        assertEquals(100, priority(b));

        Files.writeString(f, "1\n"); // 100 + 1 × 60: B preempts A
        assertTrue(Engine.await(() -> b.state("VI_1") == VrrpState.MASTER, 5000), "B never took over");
        assertEquals(160, priority(b));
        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.BACKUP, 2000), "A did not step back");

        Files.writeString(f, "-1\n"); // 100 − 60 = 40: A preempts B
        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.MASTER, 5000), "A never took back");
        assertTrue(Engine.await(() -> priority(b) == 40, 2000), "B's priority is " + priority(b));
        assertTrue(Engine.await(() -> b.state("VI_1") == VrrpState.BACKUP, 2000), "B did not step back");

        Files.writeString(f, "-5\n"); // −300 is at most −254: FAULT
        assertTrue(Engine.await(() -> b.state("VI_1") == VrrpState.FAULT, 3000), "B not in FAULT");
        Files.delete(f); // a deleted file holds 0
        assertTrue(Engine.await(() -> b.state("VI_1") == VrrpState.BACKUP, 3000), "B did not leave FAULT");
        assertEquals(100, priority(b));
    }

    @Test
    void weightZeroFileFaultsTheMasterAndThePeerTakesOver() throws Exception {
        Path f = dir.resolve("down");
        Files.writeString(f, "0\n");
        a.runtime.updateGlobal(Map.of("track_file", new String[] {"DOWN file " + f + " weight 0"}))
                .get(5, TimeUnit.SECONDS);
        Map<String, Object> va = Engine.instance("VI_1", "va", 51, 150, 3, 0.1, VIP + "/24");
        va.put("track_file", new String[] {"DOWN"});
        b.runtime.update(I1, Engine.instance("VI_1", "vb", 51, 100, 3, 0.1, VIP + "/24")).get(5, TimeUnit.SECONDS);
        a.runtime.update(I1, va).get(5, TimeUnit.SECONDS);
        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.MASTER, 5000), "A never became MASTER");

        Files.writeString(f, "1\n");
        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.FAULT, 3000), "A not in FAULT");
        assertTrue(Engine.await(() -> b.state("VI_1") == VrrpState.MASTER, 3000), "B did not take over");
        Files.writeString(f, "0\n");
        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.MASTER, 5000), "A did not preempt again");

        // an instance starting while the file already says "down" starts in FAULT and never advertises
        b.runtime.delete(I1).get(5, TimeUnit.SECONDS);
        Files.writeString(f, "7\n");
        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.FAULT, 3000), "A not in FAULT");
        a.runtime.delete(I1).get(5, TimeUnit.SECONDS);
        a.runtime.update(I1, va).get(5, TimeUnit.SECONDS);
        Thread.sleep(1000);
        assertEquals(VrrpState.FAULT, a.state("VI_1"));
    }

    private static int priority(Engine e) {
        return e.runtime.instances().stream().filter(i -> i.name().equals("VI_1")).findFirst().orElseThrow()
                .effectivePriority();
    }
}
