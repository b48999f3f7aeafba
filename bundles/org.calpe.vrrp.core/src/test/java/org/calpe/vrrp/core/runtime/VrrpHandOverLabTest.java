package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.api.dto.InstanceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lab test (root): a Calpe runtime hands its MASTER over to a new runtime in the same namespace (what a bundle
 * update does) while another Calpe runtime is BACKUP, and a reload changes a running MASTER in place. The
 * backup must never notice: it never becomes MASTER, never sees priority 0, and with AH accepts the new
 * engine's adverts (their sequence numbers go on rising). The appliance-level test with keepalived is
 * scripts/lab/vrrp-hotswap.sh.
 */
class VrrpHandOverLabTest {
    private static final String VIP = "198.18.9.100";
    private static final String VIP2 = "198.18.9.101";
    private static final String PID = "org.calpe.vrrp.Instance~VI_1";
    private RuntimeLab lab;
    private Engine a;
    private Engine a2;
    private Engine b;

    @BeforeEach
    void setUp() throws Exception {
        lab = RuntimeLab.create();
        a = new Engine(lab.nsA(), "a");
        b = new Engine(lab.nsB(), "b");
    }

    @AfterEach
    void tearDown() {
        lab.closeAfter(a2, a, b);
    }

    private static Map<String, Object> ah(Map<String, Object> p) {
        p.put("authentication", new String[] {"auth_type AH auth_pass hand0ver"});
        return p;
    }

    @Test
    void aMasterHandedOverToTheNextEngineStaysMasterOnTheWire() throws Exception {
        b.runtime.update(PID, ah(Engine.instance("VI_1", "vb", 51, 100, 2, 1, VIP + "/24"))).get(5, TimeUnit.SECONDS);
        a.runtime.update(PID, ah(Engine.instance("VI_1", "va", 51, 150, 2, 1, VIP + "/24"))).get(5, TimeUnit.SECONDS);
        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.MASTER, 6000), "A never became MASTER");
        assertTrue(Engine.await(() -> status(b).stats().advertRcvd() >= 2, 3000), "B hears no adverts");
        long t0 = System.nanoTime();

        MemoryLink link = new MemoryLink();
        HandOver h = a.runtime.handOver(2000, link);
        assertNotNull(h);
        HandOver.Saved saved = h.instances().get(PID);
        assertEquals(VrrpState.MASTER, saved.state());
        assertTrue(saved.sequence().sent() >= 4, "the AH sequence is saved ahead of the bridge: " + saved.sequence());
        assertTrue(h.check(HandOver.JvmIdentity.current(), System.nanoTime(), System.currentTimeMillis(), 5000)
                .usable());
        assertTrue(lab.hasAddress(lab.a, "va", VIP), "the hand-over released the VIP");

        Thread.sleep(1500); // the next engine is slow to come: the old one bridges meanwhile
        a2 = new Engine(lab.nsA(), "a2");
        a2.runtime.offer(h, 5000, link).get(5, TimeUnit.SECONDS);
        assertEquals(null, link.outcome.get(), "claimed before the MASTER was resumed");
        a2.runtime.update(PID, ah(Engine.instance("VI_1", "va", 51, 150, 2, 1, VIP + "/24"))).get(5,
                TimeUnit.SECONDS);
        assertEquals("taken", link.outcome.get(), "the old engine was not told to stop");
        assertEquals(VrrpState.MASTER, a2.state("VI_1"));
        long received = status(b).stats().advertRcvd();
        Thread.sleep(3500); // more than Master_Down_Interval of B (3 s + skew)

        assertEquals(-1, b.entered("VI_1", VrrpState.MASTER, t0), "B became MASTER");
        assertEquals(VrrpState.BACKUP, b.state("VI_1"));
        InstanceStatus bs = status(b);
        assertEquals(0, bs.stats().priZeroRcvd(), "B saw priority 0");
        assertTrue(bs.stats().advertRcvd() >= received + 3, "B did not accept the new engine's adverts: " + bs.stats());
        assertTrue(bs.stats().authFailure() <= 1, "B rejected adverts (AH sequence numbers?): " + bs.stats());
        assertEquals(-1, a2.entered("VI_1", VrrpState.MASTER, 0), "the resumed MASTER posted a state change");
        assertEquals(VrrpState.MASTER, a2.state("VI_1"));
        assertTrue(lab.hasAddress(lab.a, "va", VIP), "VIP not on A");
        assertFalse(lab.hasAddress(lab.b, "vb", VIP), "VIP on B");
        assertTrue(link.polls.get() > 1, "the old engine did not bridge");
    }

    /**
     * At advert_int 0.01 the kernel sends a master's adverts ahead of time (TimedAdverts); a resumed master hands
     * them to it with its first advert, not at its first advert timer: the next engine's code is cold and its
     * thread may be away for longer than B's Master_Down_Interval (36 ms) right after the old engine stopped
     * bridging.
     */
    @Test
    void aResumedMasterWhoseThreadIsAwayGoesOnAdvertising() throws Exception {
        b.runtime.update(PID, Engine.instance("VI_1", "vb", 51, 100, 3, 0.01, VIP + "/24")).get(5, TimeUnit.SECONDS);
        a.runtime.update(PID, Engine.instance("VI_1", "va", 51, 150, 3, 0.01, VIP + "/24")).get(5, TimeUnit.SECONDS);
        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.MASTER, 5000), "A never became MASTER");
        assertTrue(Engine.await(() -> b.state("VI_1") == VrrpState.BACKUP, 3000), "B is not BACKUP");
        Thread.sleep(300);
        long t0 = System.nanoTime();

        MemoryLink link = new MemoryLink();
        HandOver h = a.runtime.handOver(2000, link);
        a2 = new Engine(lab.nsA(), "a2");
        a2.runtime.offer(h, 5000, link).get(5, TimeUnit.SECONDS);
        java.util.concurrent.Future<?> resumed = a2.runtime.update(PID,
                Engine.instance("VI_1", "va", 51, 150, 3, 0.01, VIP + "/24"));
        long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (link.outcome.get() == null && System.nanoTime() < limit) {
            Thread.onSpinWait(); // the claim comes a moment before the resume, on the loop
        }
        assertEquals("taken", link.outcome.get(), "not claimed");
        // right behind the resume on the loop, before its first advert timer: away, as a cold engine's thread may
        // be (class loading, a collector's pause)
        java.util.concurrent.Future<?> away = a2.runtime.loop().submit(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        resumed.get(5, TimeUnit.SECONDS);
        away.get(5, TimeUnit.SECONDS);
        Thread.sleep(200);

        assertEquals(-1, b.entered("VI_1", VrrpState.MASTER, t0),
                "B took over while the resumed master's thread was away for 100 ms");
        assertEquals(VrrpState.BACKUP, b.state("VI_1"));
        assertEquals(VrrpState.MASTER, a2.state("VI_1"));
        assertEquals(0, status(b).stats().priZeroRcvd(), "B saw priority 0");
        assertTrue(link.polls.get() > 0, "the old engine did not bridge");
    }

    @Test
    void aHandOverNobodyTakesEndsInARealStop() throws Exception {
        masterAOverBackupB();
        long t0 = System.nanoTime();
        MemoryLink link = new MemoryLink();
        HandOver h = a.runtime.handOver(500, link);
        Thread.sleep(300); // the bridge holds: B stays BACKUP although A's runtime is gone
        assertEquals(-1, b.entered("VI_1", VrrpState.MASTER, t0), "B took over while A bridged");
        assertTrue(Engine.await(() -> b.entered("VI_1", VrrpState.MASTER, t0) > 0, 2000), "B never took over");
        long after = TimeUnit.NANOSECONDS.toMillis(b.entered("VI_1", VrrpState.MASTER, t0) - t0);
        assertTrue(after >= 500 && after < 800, "B took over " + after + " ms after the hand-over: not bridge + skew");
        assertEquals("abandoned", link.outcome.get(), "the hand-over was not withdrawn");
        assertTrue(status(b).stats().priZeroRcvd() > 0, "no priority 0 after the abandoned hand-over");
        assertTrue(Engine.await(() -> has(lab.b, "vb", VIP), 2000), "VIP not on B");
        assertFalse(lab.hasAddress(lab.a, "va", VIP), "VIP left on A");

        // a next engine that comes too late starts anew: it must not resume MASTER
        a2 = new Engine(lab.nsA(), "a2");
        a2.runtime.offer(h, 5000, link).get(5, TimeUnit.SECONDS);
        a2.runtime.update(PID, Engine.instance("VI_1", "va", 51, 150, 3, 0.1, VIP + "/24")).get(5, TimeUnit.SECONDS);
        // (what a state change reports follows the change on the loop, after the update's task)
        assertTrue(Engine.await(() -> a2.entered("VI_1", VrrpState.BACKUP, 0) > 0, 1000),
                "the late engine did not start anew");
        assertEquals(-1, a2.entered("VI_1", VrrpState.MASTER, 0), "the late engine resumed MASTER");
    }

    @Test
    void theInstancesOfAHandOverResumeTogetherOnceAllAreConfigured() throws Exception {
        String pid2 = "org.calpe.vrrp.Instance~VI_2";
        b.runtime.update(PID, Engine.instance("VI_1", "vb", 51, 100, 3, 0.1, VIP + "/24")).get(5, TimeUnit.SECONDS);
        b.runtime.update(pid2, Engine.instance("VI_2", "vb", 52, 100, 3, 0.1, VIP2 + "/24")).get(5, TimeUnit.SECONDS);
        a.runtime.update(PID, Engine.instance("VI_1", "va", 51, 150, 3, 0.1, VIP + "/24")).get(5, TimeUnit.SECONDS);
        a.runtime.update(pid2, Engine.instance("VI_2", "va", 52, 150, 3, 0.1, VIP2 + "/24")).get(5, TimeUnit.SECONDS);
        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.MASTER && a.state("VI_2") == VrrpState.MASTER,
                5000), "A never became MASTER of both");
        assertTrue(Engine.await(() -> b.state("VI_1") == VrrpState.BACKUP && b.state("VI_2") == VrrpState.BACKUP,
                2000), "B is not BACKUP of both");
        long t0 = System.nanoTime();

        MemoryLink link = new MemoryLink();
        HandOver h = a.runtime.handOver(3000, link);
        assertEquals(2, h.instances().size());
        a2 = new Engine(lab.nsA(), "a2");
        a2.runtime.offer(h, 5000, link).get(5, TimeUnit.SECONDS);
        // Config Admin delivers one configuration at a time; resuming VI_1 alone would end the old engine's
        // bridge for VI_2 too, which the next engine does not run yet
        a2.runtime.update(PID, Engine.instance("VI_1", "va", 51, 150, 3, 0.1, VIP + "/24")).get(5,
                TimeUnit.SECONDS);
        assertEquals(null, link.outcome.get(), "claimed while VI_2 was still to come");
        Thread.sleep(450); // longer than B's Master_Down_Interval: the old engine bridges both meanwhile
        a2.runtime.update(pid2, Engine.instance("VI_2", "va", 52, 150, 3, 0.1, VIP2 + "/24")).get(5,
                TimeUnit.SECONDS);
        assertEquals("taken", link.outcome.get(), "not claimed once both were configured");
        assertEquals(VrrpState.MASTER, a2.state("VI_1"));
        assertEquals(VrrpState.MASTER, a2.state("VI_2"));
        Thread.sleep(600);

        assertEquals(-1, b.entered("VI_1", VrrpState.MASTER, t0), "B became MASTER of VI_1");
        assertEquals(-1, b.entered("VI_2", VrrpState.MASTER, t0), "B became MASTER of VI_2");
        assertEquals(0, status(b).stats().priZeroRcvd(), "B saw priority 0");
        assertTrue(lab.hasAddress(lab.a, "va", VIP) && lab.hasAddress(lab.a, "va", VIP2), "VIPs not on A");
    }

    @Test
    void aHandOverResumesWhatIsConfiguredWhenTheGatheringTimeIsOver() throws Exception {
        masterAOverBackupB();
        long t0 = System.nanoTime();
        MemoryLink link = new MemoryLink();
        HandOver h = a.runtime.handOver(3000, link);
        // the hand-over also names an instance the next engine will never be given
        Map<String, HandOver.Saved> more = new java.util.LinkedHashMap<>(h.instances());
        more.put("org.calpe.vrrp.Instance~gone", new HandOver.Saved("gone", VrrpState.MASTER, 100,
                h.instances().get(PID).sequence()));
        HandOver withGone = new HandOver(h.jvm(), h.wallMillis(), h.nanoTime(), more, h.groups());

        a2 = new Engine(lab.nsA(), "a2");
        long offered = System.nanoTime();
        a2.runtime.offer(withGone, 5000, 300, link).get(5, TimeUnit.SECONDS);
        a2.runtime.update(PID, Engine.instance("VI_1", "va", 51, 150, 3, 0.1, VIP + "/24")).get(5,
                TimeUnit.SECONDS);
        assertEquals(null, link.outcome.get(), "claimed before the gathering time was over");
        assertTrue(Engine.await(() -> "taken".equals(link.outcome.get()), 2000), "never claimed");
        long after = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - offered);
        assertTrue(after >= 280, "claimed " + after + " ms after the offer");
        assertTrue(Engine.await(() -> a2.state("VI_1") == VrrpState.MASTER, 500), "VI_1 not resumed");
        Thread.sleep(500);
        assertEquals(-1, b.entered("VI_1", VrrpState.MASTER, t0), "B became MASTER");
        assertEquals(-1, a2.entered("VI_1", VrrpState.MASTER, 0), "VI_1 started anew instead of resuming");
    }

    /** VI_1 at advert_int 0.1 (VRRPv3): A MASTER (150), B BACKUP (100). */
    private void masterAOverBackupB() throws Exception {
        b.runtime.update(PID, Engine.instance("VI_1", "vb", 51, 100, 3, 0.1, VIP + "/24")).get(5, TimeUnit.SECONDS);
        a.runtime.update(PID, Engine.instance("VI_1", "va", 51, 150, 3, 0.1, VIP + "/24")).get(5, TimeUnit.SECONDS);
        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.MASTER, 5000), "A never became MASTER");
        assertTrue(Engine.await(() -> b.state("VI_1") == VrrpState.BACKUP, 2000), "B is not BACKUP");
    }

    /** The outcome file of {@link HandOverStore}, in memory. */
    private static final class MemoryLink implements HandOverLink {
        final java.util.concurrent.atomic.AtomicReference<String> outcome = new java.util.concurrent.atomic
                .AtomicReference<>();
        final AtomicInteger polls = new AtomicInteger();

        @Override
        public boolean claim(long id) {
            return outcome.compareAndSet(null, "taken") || "taken".equals(outcome.get());
        }

        @Override
        public boolean taken(long id) {
            polls.incrementAndGet();
            return "taken".equals(outcome.get());
        }

        @Override
        public boolean abandon(long id) {
            return outcome.compareAndSet(null, "abandoned") || "abandoned".equals(outcome.get());
        }
    }

    @Test
    void aReloadThatKeepsTheInstanceIsAppliedInPlace() throws Exception {
        masterAOverBackupB();
        long t0 = System.nanoTime();

        // both nodes get the new address list (a backup drops adverts whose addresses differ from its own)
        Map<String, Object> changedB = Engine.instance("VI_1", "vb", 51, 100, 3, 0.1, VIP + "/24");
        changedB.put("virtual_ipaddress", new String[] {VIP + "/24", VIP2 + "/24"});
        b.runtime.update(PID, changedB).get(5, TimeUnit.SECONDS);
        Map<String, Object> changed = Engine.instance("VI_1", "va", 51, 160, 3, 0.1, VIP + "/24");
        changed.put("virtual_ipaddress", new String[] {VIP + "/24", VIP2 + "/24"});
        a.runtime.update(PID, changed).get(5, TimeUnit.SECONDS);
        assertEquals(VrrpState.BACKUP, b.state("VI_1"), "the backup's reload changed its state");
        assertEquals(VrrpState.MASTER, a.state("VI_1"));
        assertEquals(160, status(a).effectivePriority());
        assertTrue(lab.hasAddress(lab.a, "va", VIP2), "the added VIP is not on the master");
        assertTrue(lab.hasAddress(lab.a, "va", VIP), "the kept VIP was removed");

        b.runtime.update(PID, Engine.instance("VI_1", "vb", 51, 100, 3, 0.1, VIP2 + "/24")).get(5, TimeUnit.SECONDS);
        Map<String, Object> fewer = Engine.instance("VI_1", "va", 51, 160, 3, 0.1, VIP2 + "/24");
        a.runtime.update(PID, fewer).get(5, TimeUnit.SECONDS);
        assertFalse(lab.hasAddress(lab.a, "va", VIP), "the VIP no longer configured stayed");
        assertTrue(lab.hasAddress(lab.a, "va", VIP2));
        Thread.sleep(600); // > Master_Down_Interval of B (360 ms)

        assertEquals(-1, a.entered("VI_1", VrrpState.STOP, t0), "the reload restarted the instance");
        assertEquals(-1, a.entered("VI_1", VrrpState.BACKUP, t0), "the reload restarted the instance");
        assertEquals(VrrpState.MASTER, a.state("VI_1"));
        assertEquals(-1, b.entered("VI_1", VrrpState.MASTER, t0), "B became MASTER during the reload");
        assertEquals(0, status(b).stats().priZeroRcvd(), "B saw priority 0");

        // a VRID change is another instance: a real stop (priority 0) and a new start
        a.runtime.update(PID, Engine.instance("VI_1", "va", 52, 160, 3, 0.1, VIP2 + "/24")).get(5, TimeUnit.SECONDS);
        assertTrue(Engine.await(() -> a.entered("VI_1", VrrpState.STOP, t0) > 0, 1000),
                "a VRID change did not restart the instance: " + a.changes);
    }

    private static InstanceStatus status(Engine e) {
        return e.runtime.instances().stream().filter(i -> i.name().equals("VI_1")).findFirst().orElseThrow();
    }

    private boolean has(String ns, String dev, String address) {
        try {
            return lab.hasAddress(ns, dev, address);
        } catch (IOException e) {
            return false;
        }
    }
}
