package org.calpe.vrrp.core.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.calpe.vrrp.api.VrrpState;
import org.junit.jupiter.api.Test;

/** vrrp_sync_group: members move together. */
class SyncGroupTest {
    private static final long S = 1_000_000;
    private final VirtualTime time = new VirtualTime();
    private final List<VrrpAction> groupActions = new ArrayList<>();
    private final TestNode a = new TestNode(time, InstanceConfig.builder("VI_1")
            .tracker(Tracker.iface("eth1", 0, false)), "198.18.0.1");
    private final TestNode b = new TestNode(time, InstanceConfig.builder("VI_2"), "198.18.1.1");
    private final SyncGroup group = new SyncGroup("G1", List.of(a.fsm, b.fsm), groupActions::add);

    private List<String> groupLogs() {
        List<String> out = new ArrayList<>();
        for (VrrpAction x : groupActions) {
            if (x instanceof VrrpAction.Log l) {
                out.add(l.message());
            }
        }
        return out;
    }

    @Test
    void membersBecomeMasterTogether() {
        group.start();
        time.advance(3_609_375);
        assertEquals(VrrpState.MASTER, a.state());
        assertEquals(VrrpState.MASTER, b.state());
        assertEquals(VrrpState.MASTER, group.state());
        assertEquals(List.of("VRRP_Group(G1) Syncing instances to MASTER state"), groupLogs());
        assertTrue(groupActions.contains(new VrrpAction.GroupStateChanged("G1", VrrpState.BACKUP, VrrpState.MASTER)));
    }

    @Test
    void aMemberThatStillHearsItsMasterHoldsTheGroupInBackup() {
        group.start();
        for (int i = 0; i < 10; i++) {
            time.advance(S);
            a.receive("198.18.0.2", 200);
        }
        assertEquals(VrrpState.BACKUP, a.state());
        assertEquals(VrrpState.BACKUP, b.state(), "b's timer expired but a does not want MASTER");
        assertEquals(VrrpState.MASTER, b.fsm.wantState());
    }

    @Test
    void oneMasterLosingTakesTheOthersToBackupWithoutPriorityZero() {
        group.start();
        time.advance(4 * S);
        b.clear();
        a.receive("198.18.0.2", 200);
        assertEquals(VrrpState.BACKUP, a.state());
        assertEquals(VrrpState.BACKUP, b.state());
        assertEquals(VrrpState.BACKUP, group.state());
        assertEquals(List.of(), b.sent());
        assertTrue(b.logs().contains("(VI_2) Entering BACKUP STATE"));
        assertTrue(groupLogs().contains("VRRP_Group(G1) Syncing instances to BACKUP state"));
    }

    @Test
    void aFaultyMemberForcesTheGroupToFaultAndBackToBackup() {
        group.start();
        time.advance(4 * S);
        a.clear();
        b.clear();
        a.fsm.interfaceChanged("eth1", false);
        assertEquals(VrrpState.FAULT, a.state());
        assertEquals(VrrpState.FAULT, b.state());
        assertEquals(VrrpState.FAULT, group.state());
        assertEquals(List.of(0, 0), a.sent());
        assertEquals(List.of(0), b.sent(), "leave_master for FAULT sends one priority 0 advert");
        assertTrue(groupLogs().contains("VRRP_Group(G1) Syncing instances to FAULT state"));
        a.fsm.interfaceChanged("eth1", true);
        assertEquals(VrrpState.BACKUP, a.state());
        assertEquals(VrrpState.BACKUP, b.state());
        assertEquals(VrrpState.BACKUP, group.state());
        time.advance(4 * S);
        assertEquals(VrrpState.MASTER, a.state());
        assertEquals(VrrpState.MASTER, b.state());
    }

    @Test
    void aFaultyMemberAtStartHoldsEveryMemberInFault() {
        a.fsm.interfaceChanged("eth1", false);
        group.start();
        assertEquals(List.of("VRRP_Group(G1): Syncing VI_1 to FAULT state"), groupLogs());
        assertEquals(VrrpState.FAULT, a.state());
        assertEquals(VrrpState.FAULT, b.state());
        assertTrue(b.logs().contains("(VI_2) Entering FAULT STATE (init)"));
        time.advance(10 * S);
        assertEquals(VrrpState.FAULT, b.state());
        a.fsm.interfaceChanged("eth1", true);
        assertEquals(VrrpState.BACKUP, b.state());
    }

    @Test
    void backupMembersFollowAFaultSilently() {
        group.start();
        b.clear();
        a.fsm.interfaceChanged("eth1", false);
        assertEquals(VrrpState.FAULT, b.state());
        assertEquals(List.of(), b.logs(), "keepalived sets the state first, so leave_fault logs nothing");
        assertEquals(List.of(new VrrpAction.StateChanged(VrrpState.BACKUP, VrrpState.FAULT, "sync group G1 with VI_1",
                true)), b.effects());
    }
}
