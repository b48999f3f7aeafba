package org.calpe.vrrp.core.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.calpe.vrrp.api.VrrpState;
import org.junit.jupiter.api.Test;

/** FAULT, tracker weights and the effective priority. */
class TrackerTest {
    private static final long S = 1_000_000;
    private final VirtualTime time = new VirtualTime();

    @Test
    void faultWhileMasterSendsTwoPriorityZeroAdvertsAsKeepalived227Does() {
        TestNode n = new TestNode(time, InstanceConfig.builder("VI_1").tracker(Tracker.iface("eth1", 0, false)),
                "198.18.0.1");
        n.fsm.start();
        time.advance(4 * S);
        n.clear();
        n.fsm.interfaceChanged("eth1", false);
        assertEquals(VrrpState.FAULT, n.state());
        assertEquals(List.of(0, 0), n.sent());
        assertEquals(List.of("(VI_1) Entering FAULT STATE", "(VI_1) sent 0 priority"), n.logs());
        assertEquals(new VrrpAction.StateChanged(VrrpState.MASTER, VrrpState.FAULT, "interface eth1 down", true),
                n.transitions().get(0));
        n.clear();
        n.receive("198.18.0.2", 50);
        time.advance(20 * S);
        assertEquals(List.of(), n.actions, "FAULT ignores adverts and runs no timer");
        n.fsm.interfaceChanged("eth1", true);
        assertEquals(VrrpState.BACKUP, n.state());
        assertEquals(List.of("(VI_1) Entering BACKUP STATE"), n.logs());
        long t0 = time.now();
        time.advance(4 * S);
        assertEquals(t0 + 3_609_375, n.firstTime(VrrpState.MASTER));
    }

    @Test
    void faultInBackupAndAddressOwnerRecoversToBackup() {
        TestNode n = new TestNode(time, InstanceConfig.builder("VI_1").priority(255).initialState(VrrpState.MASTER)
                .tracker(Tracker.file("tf1", 0, false)), "198.18.0.1");
        n.fsm.start();
        time.advance(S);
        assertEquals(VrrpState.MASTER, n.state());
        n.fsm.fileChanged("file:tf1", 1);
        assertEquals(VrrpState.FAULT, n.state());
        n.clear();
        n.fsm.fileChanged("file:tf1", 0);
        assertEquals(VrrpState.BACKUP, n.state(), "keepalived 2.2.7 log: tracked file leaving FAULT, Entering BACKUP");
        long t0 = time.now();
        time.advance(4 * S);
        assertEquals(t0 + 3_003_906, n.firstTime(VrrpState.MASTER));
    }

    @Test
    void interfaceDownAtStartIsFaultWithoutNotify() {
        TestNode n = new TestNode(time, InstanceConfig.builder("VI_1").tracker(
                new Tracker("if:eth1", Tracker.Kind.INTERFACE, "eth1", 0, false, true)), "198.18.0.1");
        n.fsm.start();
        assertEquals(VrrpState.FAULT, n.state());
        assertEquals(List.of("(VI_1): entering FAULT state (interface eth1 down)"), n.logs());
        assertEquals(new VrrpAction.StateChanged(VrrpState.INIT, VrrpState.FAULT, "tracker down", false),
                n.transitions().get(0));
        n.fsm.interfaceChanged("eth1", true);
        assertEquals(VrrpState.BACKUP, n.state());
    }

    @Test
    void scriptWithoutResultHoldsTheInstanceUntilItsFirstSuccess() {
        TestNode n = new TestNode(time, InstanceConfig.builder("VI_1").tracker(Tracker.script("chk", 0, false, false)),
                "198.18.0.1");
        n.fsm.start();
        assertEquals(VrrpState.FAULT, n.state());
        assertEquals(List.of("(VI_1) Entering FAULT STATE (init)"), n.logs());
        assertEquals(false, n.transitions().get(0).runNotify());
        time.advance(10 * S);
        assertEquals(VrrpState.FAULT, n.state());
        n.fsm.trackerChanged("script:chk", true);
        assertEquals(VrrpState.BACKUP, n.state());
    }

    @Test
    void initFailScriptStartsFaulted() {
        TestNode n = new TestNode(time, InstanceConfig.builder("VI_1").tracker(Tracker.script("chk", 0, false, true)),
                "198.18.0.1");
        n.fsm.start();
        assertEquals(List.of("(VI_1): entering FAULT state due to script chk"), n.logs());
        n.fsm.trackerChanged("script:chk", true);
        assertEquals(VrrpState.BACKUP, n.state());
        n.fsm.trackerChanged("script:chk", false);
        assertEquals(VrrpState.FAULT, n.state());
    }

    @Test
    void reverseWeightZeroFaultsWhileUp() {
        TestNode n = new TestNode(time, InstanceConfig.builder("VI_1").tracker(Tracker.iface("eth1", 0, true)),
                "198.18.0.1");
        n.fsm.start();
        assertEquals(VrrpState.FAULT, n.state());
        n.fsm.interfaceChanged("eth1", false);
        assertEquals(VrrpState.BACKUP, n.state());
    }

    @Test
    void weightsMoveTheEffectivePriorityWithinOneTo254() {
        TestNode n = new TestNode(time, InstanceConfig.builder("VI_1")
                .tracker(Tracker.script("up", 20, false, false))
                .tracker(Tracker.script("down", -150, false, false))
                .tracker(Tracker.script("big", 200, false, false)), "198.18.0.1");
        n.fsm.start();
        n.fsm.trackerChanged("script:up", true);
        assertEquals(120, n.fsm.effectivePriority());
        assertTrue(n.logs().contains("(VI_1) Changing effective priority from 100 to 120"));
        assertTrue(n.effects().contains(new VrrpAction.PriorityChanged(100, 120)));
        n.fsm.trackerChanged("script:down", false);
        assertEquals(1, n.fsm.effectivePriority());
        n.fsm.trackerChanged("script:down", true);
        n.fsm.trackerChanged("script:big", true);
        assertEquals(254, n.fsm.effectivePriority());
        n.fsm.trackerChanged("script:up", false);
        assertEquals(254, n.fsm.effectivePriority(), "100 + 200 clamps at 254");
    }

    @Test
    void reverseWeightSubtractsWhileUp() {
        TestNode n = new TestNode(time, InstanceConfig.builder("VI_1").tracker(Tracker.iface("eth1", 30, true)),
                "198.18.0.1");
        n.fsm.start();
        assertEquals(70, n.fsm.effectivePriority());
        n.fsm.interfaceChanged("eth1", false);
        assertEquals(100, n.fsm.effectivePriority());
    }

    @Test
    void trackFileNumberTimesWeight() {
        TestNode n = new TestNode(time, InstanceConfig.builder("VI_1").tracker(Tracker.file("f", 10, false)),
                "198.18.0.1");
        n.fsm.start();
        n.fsm.fileChanged("file:f", 5);
        assertEquals(150, n.fsm.effectivePriority());
        n.fsm.fileChanged("file:f", -26);
        assertEquals(VrrpState.FAULT, n.state(), "-260 <= -254 means FAULT");
    }

    @Test
    void addressOwnerPriorityNeverChanges() {
        TestNode n = new TestNode(time, InstanceConfig.builder("VI_1").priority(255)
                .tracker(Tracker.script("s", -50, false, false)), "198.18.0.1");
        n.fsm.start();
        n.fsm.trackerChanged("script:s", false);
        assertEquals(255, n.fsm.effectivePriority());
    }

    @Test
    void risingPriorityInBackupShortensTheRunningDownTimer() {
        TestNode n = new TestNode(time, InstanceConfig.builder("VI_1").tracker(Tracker.script("s", 100, false, false)),
                "198.18.0.1");
        n.fsm.start();
        time.advance(S);
        n.fsm.trackerChanged("script:s", true);
        // MDI(100) = 3.609375 s, MDI(200) = 3.21875 s: the deadline moves 390625 us earlier
        time.advance(3 * S);
        assertEquals(3_218_750, n.firstTime(VrrpState.MASTER));
    }

    @Test
    void fallingPriorityWhileMasterOnlyChangesTheAdverts() {
        TestNode n = new TestNode(time, InstanceConfig.builder("VI_1").tracker(Tracker.script("s", -60, false, false)),
                "198.18.0.1");
        n.fsm.start();
        time.advance(4 * S);
        n.clear();
        n.fsm.trackerChanged("script:s", false);
        assertEquals(VrrpState.MASTER, n.state());
        time.advance(S);
        assertEquals(List.of(40), n.sent());
    }

    @Test
    void normalizedAppliesKeepalivedsWarnings() {
        List<String> w = new ArrayList<>();
        InstanceConfig c = InstanceConfig.builder("VI_1").initialState(VrrpState.MASTER).nopreempt(true)
                .preemptDelayMicros(S).build().normalized(w);
        assertEquals(false, c.nopreempt());
        assertEquals(0, c.preemptDelayMicros());
        assertEquals(List.of("(VI_1) Warning - nopreempt will not work with initial state MASTER - clearing",
                "(VI_1) Warning - preempt delay will not work with initial state MASTER - clearing"), w);
    }
}
