package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.calpe.vrrp.api.VrrpState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lab test (root): two runtimes on the lab's veth pair ({@link RuntimeLab}) started "at the same moment", the
 * lower-priority one first (as JVMs racing for the CPU often come up): B, {@code state BACKUP} priority 100, starts
 * 600 ms before A, {@code state MASTER} priority 150, both at {@code advert_int 0.1}. Without the cold start hold B's
 * instances become MASTER before A has sent anything (keepalived's behaviour); with the hold none does. A lone
 * BACKUP still takes over, one hold plus one Master_Down_Interval after its start.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VrrpColdStartLabTest {
    private static final int COUNT = 5;
    private RuntimeLab lab;
    private Engine a;
    private Engine b;

    @BeforeEach
    void setUp() throws Exception {
        lab = RuntimeLab.create();
        a = new Engine(lab.nsA(), "a");
        b = new Engine(lab.nsB(), "b");
        // the veth's carrier comes a moment after "link set up": an instance started before runs in FAULT
        assertTrue(Engine.await(() -> linkUp(lab.a, "va") && linkUp(lab.b, "vb"), 5000), "lab links up");
    }

    private static boolean linkUp(String ns, String dev) {
        try {
            return RuntimeLab.run("ip", "-n", ns, "link", "show", "dev", dev).contains("state UP");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @AfterEach
    void tearDown() {
        lab.closeAfter(a, b);
    }

    private static void configure(Engine e, String dev, int priority, String state) throws Exception {
        configure(e, dev, priority, state, 0, COUNT);
    }

    private static void configure(Engine e, String dev, int priority, String state, int from, int to)
            throws Exception {
        for (int i = from; i < to; i++) {
            Map<String, Object> p = Engine.instance("VI_" + i, dev, 90 + i, priority, 3, 0.1,
                    "198.18.2." + (150 + i) + "/32");
            p.put("state", state);
            e.runtime.update("org.calpe.vrrp.Instance~VI_" + i, p); // a burst, as Config Admin delivers it
        }
    }

    private int masters(Engine e, long since) {
        int n = 0;
        for (int i = 0; i < COUNT; i++) {
            if (e.entered("VI_" + i, VrrpState.MASTER, since) > 0) {
                n++;
            }
        }
        return n;
    }

    private void startBackupFirst(long holdMillis) throws Exception {
        b.runtime.coldStartHold(holdMillis).get(5, TimeUnit.SECONDS);
        a.runtime.coldStartHold(holdMillis).get(5, TimeUnit.SECONDS);
        configure(b, "vb", 100, "BACKUP");
        Thread.sleep(600);
        configure(a, "va", 150, "MASTER");
        assertTrue(Engine.await(() -> masters(a, 0) == COUNT, 5000), "A becomes MASTER everywhere");
        Thread.sleep(holdMillis + 1000);
    }

    @Test
    void withoutTheHoldTheBackupThatStartedFirstFlapsThroughMaster() throws Exception {
        startBackupFirst(0);
        assertEquals(COUNT, masters(b, 0), "keepalived's behaviour: B's Master_Down timers ran out first");
        assertTrue(Engine.await(() -> b.runtime.instances().stream().allMatch(i -> i.state() == VrrpState.BACKUP),
                3000), "and B went back to BACKUP");
    }

    @Test
    void withTheHoldNoInstanceOfTheBackupEverBecomesMaster() throws Exception {
        startBackupFirst(1500);
        assertEquals(0, masters(b, 0), "no instance of B entered MASTER");
        assertTrue(b.runtime.instances().stream().allMatch(i -> i.state() == VrrpState.BACKUP));
        assertEquals(COUNT, masters(a, 0));
    }

    /**
     * Both nodes receive their configuration in two parts (Config Admin delivering a large one), B ahead: B's
     * second part arrives within its hold, A's second part after the hold B's first part began has ended. A hold
     * that ended then started B's second-part instances before A's existed: they became MASTER.
     */
    @Test
    void aConfigurationInPartsHoldsUntilOneHoldAfterItsLastPart() throws Exception {
        long hold = 1500;
        b.runtime.coldStartHold(hold).get(5, TimeUnit.SECONDS);
        a.runtime.coldStartHold(hold).get(5, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        configure(b, "vb", 100, "BACKUP", 0, 3);
        sleepUntil(t0, 600);
        configure(a, "va", 150, "MASTER", 0, 3);
        sleepUntil(t0, 1000);
        configure(b, "vb", 100, "BACKUP", 3, COUNT);
        sleepUntil(t0, 2000); // B's first hold ended at 1500: its VI_3 would be MASTER at about 1860
        configure(a, "va", 150, "MASTER", 3, COUNT);
        assertTrue(Engine.await(() -> masters(a, 0) == COUNT, 5000), "A becomes MASTER everywhere");
        Thread.sleep(hold + 1000);
        long bMaster = b.entered("VI_3", VrrpState.MASTER, 0);
        assertEquals(0, masters(b, 0), "no instance of B entered MASTER (VI_3 at "
                + (bMaster > 0 ? TimeUnit.NANOSECONDS.toMillis(bMaster - t0) : -1) + " ms)");
        assertTrue(b.runtime.instances().stream().allMatch(i -> i.state() == VrrpState.BACKUP));
    }

    private static void sleepUntil(long t0, long millis) throws InterruptedException {
        long left = t0 + TimeUnit.MILLISECONDS.toNanos(millis) - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /**
     * However the parts come, a BACKUP's hold ends at most {@link StartBatch#MAX_HOLDS} holds after its start (here
     * 1,800 ms), not one hold after the last part (2,600 ms).
     */
    @Test
    void aHoldExtendedByLaterPartsStillEnds() throws Exception {
        long hold = 600;
        b.runtime.coldStartHold(hold).get(5, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        for (int i = 0; i < COUNT; i++) { // a part every 500 ms: each within the hold the one before extended
            sleepUntil(t0, 500L * i);
            configure(b, "vb", 100, "BACKUP", i, i + 1);
        }
        assertTrue(Engine.await(() -> masters(b, 0) == COUNT, 5000));
        long firstMillis = TimeUnit.NANOSECONDS.toMillis(b.entered("VI_0", VrrpState.MASTER, 0) - t0);
        long capped = StartBatch.MAX_HOLDS * hold + 360;
        long uncapped = 500L * (COUNT - 1) + hold + 360;
        assertTrue(firstMillis >= capped && firstMillis < uncapped - 200, "MASTER after " + firstMillis + " ms");
    }

    @Test
    void aLoneBackupTakesOverAfterTheHoldAndOneMasterDownInterval() throws Exception {
        b.runtime.coldStartHold(800).get(5, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        configure(b, "vb", 100, "BACKUP");
        assertTrue(Engine.await(() -> masters(b, 0) == COUNT, 5000));
        long firstMillis = TimeUnit.NANOSECONDS.toMillis(b.entered("VI_0", VrrpState.MASTER, 0) - t0);
        assertTrue(firstMillis >= 800 + 360 && firstMillis < 800 + 360 + 700, "MASTER after " + firstMillis + " ms");
    }

    @Test
    void aMasterConfiguredInstanceIsNeverHeld() throws Exception {
        a.runtime.coldStartHold(3000).get(5, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        configure(a, "va", 150, "MASTER");
        assertTrue(Engine.await(() -> masters(a, 0) == COUNT, 2000), "MASTER within about one interval");
        assertTrue(TimeUnit.NANOSECONDS.toMillis(a.entered("VI_0", VrrpState.MASTER, 0) - t0) < 1500);
    }
}
