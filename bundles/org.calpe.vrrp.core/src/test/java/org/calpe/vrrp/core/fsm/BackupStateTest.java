package org.calpe.vrrp.core.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.core.codec.VrrpVersion;
import org.calpe.vrrp.core.fsm.VrrpAction.Virtuals;
import org.junit.jupiter.api.Test;

/** Start-up, the BACKUP state and the way to MASTER, against keepalived 2.2.7's behaviour. */
class BackupStateTest {
    private static final long S = 1_000_000;
    private final VirtualTime time = new VirtualTime();

    private TestNode node(InstanceConfig.Builder b) {
        return new TestNode(time, b, "198.18.0.1");
    }

    @Test
    void startsInBackupAndTakesOverAfterMasterDownInterval() {
        TestNode n = node(InstanceConfig.builder("VI_1"));
        n.fsm.start();
        assertEquals(List.of("(VI_1) Entering BACKUP STATE (init)"), n.logs());
        assertEquals(new VrrpAction.StateChanged(VrrpState.INIT, VrrpState.BACKUP, "init", true),
                n.transitions().get(0));
        assertEquals(3_609_375, n.fsm.masterDownTimerMicros());
        time.advance(3_609_374);
        assertEquals(VrrpState.BACKUP, n.state());
        n.clear();
        time.advance(1);
        assertEquals(VrrpState.MASTER, n.state());
        assertEquals(List.of(new VrrpAction.SendAdvert(100), new VrrpAction.AddVirtuals(Virtuals.ADDRESSES),
                new VrrpAction.AddVirtuals(Virtuals.ROUTES), new VrrpAction.AddVirtuals(Virtuals.RULES),
                new VrrpAction.StartGarp(),
                new VrrpAction.StateChanged(VrrpState.BACKUP, VrrpState.MASTER, "master down timer expired", true)),
                n.effects());
        assertTrue(n.logs().contains("(VI_1) Entering MASTER STATE"));
        n.clear();
        time.advance(3 * S);
        assertEquals(List.of(100, 100, 100), n.sent());
    }

    @Test
    void startRemovesLeftoverVirtualsFirst() {
        TestNode n = node(InstanceConfig.builder("VI_1"));
        n.fsm.start();
        assertEquals(List.of(new VrrpAction.RemoveVirtuals(Virtuals.RULES),
                new VrrpAction.RemoveVirtuals(Virtuals.ROUTES), new VrrpAction.RemoveVirtuals(Virtuals.ADDRESSES)),
                n.effects().subList(0, 3));
    }

    @Test
    void v3MasterDownIntervalAtTenMilliseconds() {
        TestNode n = node(InstanceConfig.builder("VI_1").version(VrrpVersion.V3).advertIntervalMicros(10_000));
        n.fsm.start();
        time.advance(36_092);
        assertEquals(VrrpState.BACKUP, n.state());
        time.advance(1);
        assertEquals(VrrpState.MASTER, n.state());
    }

    @Test
    void stateMasterWithoutOwnershipStillStartsInBackup() {
        TestNode n = node(InstanceConfig.builder("VI_1").initialState(VrrpState.MASTER));
        n.fsm.start();
        assertEquals(List.of("(VI_1) Entering BACKUP STATE (init)"), n.logs());
        time.advance(3_609_374);
        assertEquals(VrrpState.BACKUP, n.state());
        time.advance(1);
        assertEquals(VrrpState.MASTER, n.state());
    }

    @Test
    void addressOwnerWithStateMasterBecomesMasterAtOnce() {
        TestNode n = node(InstanceConfig.builder("VI_1").priority(255).initialState(VrrpState.MASTER));
        n.fsm.start();
        time.advance(1);
        assertEquals(VrrpState.MASTER, n.state());
        assertEquals(List.of(255), n.sent());
        assertTrue(n.logs().stream().noneMatch(l -> l.contains("(init)")), n.logs().toString());
        assertEquals(VrrpState.INIT, n.transitions().get(0).from());
    }

    @Test
    void addressOwnerWithStateBackupWaitsForTheDownTimer() {
        TestNode n = node(InstanceConfig.builder("VI_1").priority(255));
        n.fsm.start();
        time.advance(3_003_905);
        assertEquals(VrrpState.BACKUP, n.state());
        time.advance(1);
        assertEquals(VrrpState.MASTER, n.state());
    }

    @Test
    void advertFromMasterRestartsTheDownTimer() {
        TestNode n = node(InstanceConfig.builder("VI_1"));
        n.fsm.start();
        time.advance(2 * S);
        n.receive("198.18.0.2", 150);
        assertEquals(150, n.fsm.masterPriority());
        time.advance(3_609_374);
        assertEquals(VrrpState.BACKUP, n.state());
        time.advance(1);
        assertEquals(VrrpState.MASTER, n.state());
    }

    @Test
    void equalPriorityAdvertKeepsBackup() {
        TestNode n = node(InstanceConfig.builder("VI_1"));
        n.fsm.start();
        for (int i = 0; i < 10; i++) {
            time.advance(S);
            n.receive("198.18.0.0", 100);
        }
        assertEquals(VrrpState.BACKUP, n.state());
    }

    @Test
    void lowerPriorityAdvertIsDiscardedWhenPreempting() {
        TestNode n = node(InstanceConfig.builder("VI_1"));
        n.fsm.start();
        time.advance(S);
        n.receive("198.18.0.2", 50);
        assertTrue(n.logs().contains("(VI_1) received lower priority (50) advert from 198.18.0.2 - discarding"));
        time.advance(S);
        n.receive("198.18.0.2", 50);
        time.advance(1_609_374);
        assertEquals(VrrpState.BACKUP, n.state());
        time.advance(1);
        assertEquals(VrrpState.MASTER, n.state());
    }

    @Test
    void nopreemptKeepsBackupWhileALowerPriorityMasterAdvertises() {
        TestNode n = node(InstanceConfig.builder("VI_1").priority(200).nopreempt(true));
        n.fsm.start();
        for (int i = 0; i < 20; i++) {
            time.advance(S);
            n.receive("198.18.0.2", 50);
        }
        assertEquals(VrrpState.BACKUP, n.state());
        assertEquals(List.of(), n.sent());
    }

    @Test
    void preemptDelayExpiresThenTheLowerMasterIsOverthrown() {
        TestNode n = node(InstanceConfig.builder("VI_1").priority(200).preemptDelayMicros(10 * S));
        n.fsm.start();
        time.advance(S / 2);
        for (int i = 0; i < 20; i++) {
            n.receive("198.18.0.2", 50);
            time.advance(S);
        }
        // the delay starts with the first lower priority advert (0.5 s); adverts up to 9.5 s still restart the
        // down timer, later ones are discarded: MASTER at 9.5 s + Master_Down_Interval(200) = 9.5 s + 3.21875 s
        assertEquals(12_718_750, n.firstTime(VrrpState.MASTER));
        assertTrue(n.logs().contains("(VI_1) start preempt delay (10.000000)"), n.logs().toString());
    }

    @Test
    void priorityZeroAdvertMeansTakeoverAfterSkewTime() {
        TestNode n = node(InstanceConfig.builder("VI_1"));
        n.fsm.start();
        time.advance(S);
        n.receive("198.18.0.2", 150);
        time.advance(S);
        n.receive("198.18.0.2", 0);
        assertEquals(1, n.fsm.priorityZeroReceived());
        time.advance(609_374);
        assertEquals(VrrpState.BACKUP, n.state());
        time.advance(1);
        assertEquals(VrrpState.MASTER, n.state());
        assertTrue(n.transitions().get(1).reason().startsWith("priority 0 advert"), n.transitions().toString());
    }

    @Test
    void v3BackupLearnsTheMastersInterval() {
        TestNode n = node(InstanceConfig.builder("VI_1").version(VrrpVersion.V3).advertIntervalMicros(S));
        n.fsm.start();
        n.receive("198.18.0.2", 200, 500_000);
        assertEquals(500_000, n.fsm.masterAdvertIntervalMicros());
        // 3 * 0.5 s + (156 * 50 cs * 625) / 16 us
        assertEquals(1_804_687, n.fsm.masterDownTimerMicros());
        time.advance(1_804_687);
        assertEquals(VrrpState.MASTER, n.state());
        assertEquals(S, n.fsm.masterAdvertIntervalMicros());
        n.clear();
        time.advance(2 * S);
        assertEquals(List.of(100, 100), n.sent());
    }

    @Test
    void v2KeepsItsOwnInterval() {
        TestNode n = node(InstanceConfig.builder("VI_1"));
        n.fsm.start();
        n.receive("198.18.0.2", 200, 2 * S);
        assertEquals(S, n.fsm.masterAdvertIntervalMicros());
        assertEquals(3_609_375, n.fsm.masterDownTimerMicros());
    }

    @Test
    void downTimerAdvertsIsHonoured() {
        TestNode n = node(InstanceConfig.builder("VI_1").downTimerAdverts(5));
        n.fsm.start();
        time.advance(5_609_374);
        assertEquals(VrrpState.BACKUP, n.state());
        time.advance(1);
        assertEquals(VrrpState.MASTER, n.state());
    }
}
