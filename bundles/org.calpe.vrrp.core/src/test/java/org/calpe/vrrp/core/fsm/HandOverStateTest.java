package org.calpe.vrrp.core.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.core.fsm.VrrpAction.Virtuals;
import org.junit.jupiter.api.Test;

/** Hand-over to the next engine (bundle update) and resuming in the saved state. */
class HandOverStateTest {
    private static final long S = 1_000_000;
    private final VirtualTime time = new VirtualTime();

    private TestNode master(String name, int priority) {
        TestNode n = new TestNode(time, InstanceConfig.builder(name).priority(priority), "198.18.0.1");
        n.fsm.start();
        time.advance(4 * S);
        assertEquals(VrrpState.MASTER, n.state());
        n.clear();
        return n;
    }

    @Test
    void masterHandsOverWithOneLastAdvertAndNothingElse() {
        TestNode n = master("VI_1", 150);
        time.advance(S / 3);
        assertEquals(VrrpState.MASTER, n.fsm.handOver());
        assertEquals(List.of(new VrrpAction.SendAdvert(150)), n.actions, "no priority 0, no VIP removal, no event");
        n.clear();
        time.advance(10 * S);
        assertEquals(List.of(), n.actions, "no timer runs after the hand-over");
        n.fsm.stop();
        assertEquals(List.of(), n.actions, "a stop after the hand-over does nothing");
    }

    @Test
    void backupHandsOverSilently() {
        TestNode n = new TestNode(time, InstanceConfig.builder("VI_1"), "198.18.0.1");
        n.fsm.start();
        n.receive("198.18.0.2", 200);
        n.clear();
        assertEquals(VrrpState.BACKUP, n.fsm.handOver());
        assertEquals(List.of(), n.actions);
        time.advance(10 * S);
        assertEquals(List.of(), n.actions);
    }

    @Test
    void masterResumesWithAnAdvertAtOnceAndNoStateChange() {
        TestNode n = new TestNode(time, InstanceConfig.builder("VI_1").priority(150), "198.18.0.1");
        assertTrue(n.fsm.resume(VrrpState.MASTER));
        assertEquals(VrrpState.MASTER, n.state());
        assertEquals(List.of(new VrrpAction.SendAdvert(150), new VrrpAction.AddVirtuals(Virtuals.ADDRESSES),
                new VrrpAction.AddVirtuals(Virtuals.ROUTES), new VrrpAction.AddVirtuals(Virtuals.RULES),
                new VrrpAction.ResumeGarp()), n.effects(), "no removal, no StartGarp burst, no StateChanged");
        assertEquals(List.of("(VI_1) Resuming MASTER state after a hand-over (priority 150)"), n.logs());
        assertEquals(0, n.fsm.becameMaster());
        n.clear();
        time.advance(S - 1);
        assertEquals(List.of(), n.sent());
        time.advance(1);
        assertEquals(List.of(150), n.sent(), "adverts go on every advert_int");
        n.clear();
        // later transitions are reported from MASTER, as if it had never stopped
        n.receive("198.18.0.2", 200);
        assertEquals(List.of(new VrrpAction.StateChanged(VrrpState.MASTER, VrrpState.BACKUP,
                "higher priority advert from 198.18.0.2", true)), n.transitions());
    }

    @Test
    void backupResumesWithAFreshMasterDownTimer() {
        TestNode n = new TestNode(time, InstanceConfig.builder("VI_1").priority(100), "198.18.0.1");
        assertTrue(n.fsm.resume(VrrpState.BACKUP));
        assertEquals(VrrpState.BACKUP, n.state());
        assertEquals(List.of(), n.effects(), "a backup sends nothing, touches no address");
        assertEquals(List.of("(VI_1) Resuming BACKUP state after a hand-over"), n.logs());
        n.clear();
        time.advance(2 * S);
        n.receive("198.18.0.2", 200);
        time.advance(3 * S);
        assertEquals(VrrpState.BACKUP, n.state(), "the master's adverts keep it BACKUP");
        time.advance(S); // 3 * 1 s + skew (156/256 s) after the last advert: MASTER
        assertEquals(VrrpState.MASTER, n.state());
        assertEquals(1, n.transitions().size());
        assertEquals(VrrpState.BACKUP, n.transitions().get(0).from());
    }

    @Test
    void otherSavedStatesStartNormally() {
        TestNode n = new TestNode(time, InstanceConfig.builder("VI_1"), "198.18.0.1");
        assertFalse(n.fsm.resume(VrrpState.FAULT));
        assertTrue(n.logs().contains("(VI_1) Entering BACKUP STATE (init)"));
    }

    @Test
    void aTrackerInFaultTakesAResumedMasterDownWithPriorityZero() {
        TestNode n = new TestNode(time, InstanceConfig.builder("VI_1").tracker(Tracker.iface("eth1", 0, false)),
                "198.18.0.1");
        n.fsm.interfaceChanged("eth1", false);
        assertTrue(n.fsm.resume(VrrpState.MASTER));
        assertEquals(VrrpState.FAULT, n.state());
        assertEquals(List.of(100, 0, 0), n.sent());
        assertEquals(new VrrpAction.StateChanged(VrrpState.MASTER, VrrpState.FAULT, "interface eth1 down", true),
                n.transitions().get(0));
    }

    @Test
    void syncGroupResumesAsAWholeOnlyWhenEveryMemberHadTheGroupState() {
        List<VrrpAction> groupActions = new ArrayList<>();
        TestNode a = new TestNode(time, InstanceConfig.builder("VI_1"), "198.18.0.1");
        TestNode b = new TestNode(time, InstanceConfig.builder("VI_2"), "198.18.1.1");
        SyncGroup g = new SyncGroup("G1", List.of(a.fsm, b.fsm), groupActions::add);
        assertTrue(g.resume(VrrpState.MASTER, List.of(VrrpState.MASTER, VrrpState.MASTER)));
        assertEquals(VrrpState.MASTER, g.state());
        assertEquals(VrrpState.MASTER, a.state());
        assertEquals(VrrpState.MASTER, b.state());
        assertTrue(groupActions.stream().noneMatch(x -> x instanceof VrrpAction.GroupStateChanged));
        assertEquals(List.of(100), a.sent());

        TestNode c = new TestNode(time, InstanceConfig.builder("VI_3"), "198.18.2.1");
        TestNode d = new TestNode(time, InstanceConfig.builder("VI_4"), "198.18.3.1");
        SyncGroup h = new SyncGroup("G2", List.of(c.fsm, d.fsm), x -> { });
        assertFalse(h.resume(VrrpState.MASTER, List.of(VrrpState.MASTER, VrrpState.BACKUP)));
        assertEquals(VrrpState.BACKUP, c.state());
        assertEquals(List.of(), c.sent());
    }
}
