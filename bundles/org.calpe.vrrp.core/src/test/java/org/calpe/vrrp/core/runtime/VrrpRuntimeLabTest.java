package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.calpe.vrrp.api.VrrpState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lab test (root): two Calpe runtimes, each in its own namespace, elect over a veth pair; the master holds the
 * VIP; stopping it sends priority 0 and the backup takes over within Skew_Time, not Master_Down_Interval.
 */
class VrrpRuntimeLabTest {
    private static final String VIP = "198.18.2.100";
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
        try {
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
        } finally {
            lab.close();
        }
    }

    @Test
    void higherPriorityWinsAndHandsOverWithPriorityZero() throws Exception {
        // VRRPv3 at 0.1 s: Master_Down_Interval for priority 100 is 3 × 100 ms + Skew_Time 60 ms
        b.runtime.update("org.calpe.vrrp.Instance~VI_1", Engine.instance("VI_1", "vb", 51, 100, 3, 0.1, VIP + "/24"))
                .get(5, TimeUnit.SECONDS);
        a.runtime.update("org.calpe.vrrp.Instance~VI_1", Engine.instance("VI_1", "va", 51, 150, 3, 0.1, VIP + "/24"))
                .get(5, TimeUnit.SECONDS);

        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.MASTER, 5000), "A never became MASTER");
        assertTrue(Engine.await(() -> b.state("VI_1") == VrrpState.BACKUP, 2000), "B is not BACKUP");
        Thread.sleep(500); // several advert intervals: nothing may change
        assertEquals(VrrpState.MASTER, a.state("VI_1"));
        assertEquals(VrrpState.BACKUP, b.state("VI_1"));
        assertTrue(lab.hasAddress(lab.a, "va", VIP), "VIP not on the master");
        assertFalse(lab.hasAddress(lab.b, "vb", VIP), "VIP on the backup");

        // an update with the same content leaves the master alone
        long before = System.nanoTime();
        a.runtime.update("org.calpe.vrrp.Instance~VI_1", Engine.instance("VI_1", "va", 51, 150, 3, 0.1, VIP + "/24"))
                .get(5, TimeUnit.SECONDS);
        Thread.sleep(300);
        assertEquals(-1, a.entered("VI_1", VrrpState.STOP, before), "unchanged reload restarted the instance");
        assertEquals(VrrpState.MASTER, a.state("VI_1"));

        long stop = System.nanoTime();
        a.runtime.delete("org.calpe.vrrp.Instance~VI_1").get(5, TimeUnit.SECONDS);
        assertTrue(Engine.await(() -> b.entered("VI_1", VrrpState.MASTER, stop) > 0, 3000), "B never took over");
        long takeoverMillis = TimeUnit.NANOSECONDS.toMillis(b.entered("VI_1", VrrpState.MASTER, stop) - stop);
        // Skew_Time at priority 100 is 60 ms; Master_Down_Interval would be 360 ms
        assertTrue(takeoverMillis < 250, "takeover after " + takeoverMillis + " ms: priority 0 not honoured");
        assertTrue(Engine.await(() -> has(lab.b, "vb"), 2000), "VIP not moved to B");
        assertFalse(lab.hasAddress(lab.a, "va", VIP), "VIP left on the stopped master");
    }

    private boolean has(String ns, String dev) {
        try {
            return lab.hasAddress(ns, dev, VIP);
        } catch (java.io.IOException e) {
            return false;
        }
    }

}
