package org.calpe.vrrp.core.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.core.fsm.VrrpAction.Virtuals;
import org.junit.jupiter.api.Test;

/** The MASTER state: reactions to adverts, stop, and the priority 0 adverts keepalived sends. */
class MasterStateTest {
    private static final long S = 1_000_000;
    private final VirtualTime time = new VirtualTime();

    private TestNode master(InstanceConfig.Builder b) {
        TestNode n = new TestNode(time, b, "198.18.0.1");
        n.fsm.start();
        time.advance(4 * S);
        assertEquals(VrrpState.MASTER, n.state());
        n.clear();
        return n;
    }

    @Test
    void higherPriorityAdvertSendsMasterToBackupWithoutPriorityZero() {
        TestNode n = master(InstanceConfig.builder("VI_1"));
        n.receive("198.18.0.2", 200);
        assertEquals(VrrpState.BACKUP, n.state());
        assertEquals(List.of("(VI_1) Master received advert from 198.18.0.2 with higher priority 200, ours 100",
                "(VI_1) Entering BACKUP STATE"), n.logs());
        assertEquals(List.of(new VrrpAction.RemoveVirtuals(Virtuals.RULES),
                new VrrpAction.RemoveVirtuals(Virtuals.ROUTES), new VrrpAction.StopGarp(),
                new VrrpAction.RemoveVirtuals(Virtuals.ADDRESSES),
                new VrrpAction.StateChanged(VrrpState.MASTER, VrrpState.BACKUP,
                        "higher priority advert from 198.18.0.2", true)), n.effects());
        assertEquals(1, n.fsm.releasedMaster());
        long t0 = time.now();
        time.advance(3_609_375);
        assertEquals(t0 + 3_609_375, n.firstTime(VrrpState.MASTER));
    }

    @Test
    void lowerPriorityAdvertForcesANewElection() {
        TestNode n = master(InstanceConfig.builder("VI_1").priority(150));
        time.advance(S / 2);
        n.clear();
        n.receive("198.18.0.2", 100);
        assertEquals(VrrpState.MASTER, n.state());
        assertEquals(List.of("(VI_1) Received advert from 198.18.0.2 with lower priority 100, ours 150,"
                + " forcing new election"), n.logs());
        assertEquals(List.of(new VrrpAction.SendAdvert(150),
                new VrrpAction.MasterRxLowerPriority(TestNode.ip("198.18.0.2"), 100)), n.effects());
        // keepalived re-arms the advert timer after answering
        n.clear();
        time.advance(S - 1);
        assertEquals(List.of(), n.sent());
        time.advance(1);
        assertEquals(List.of(150), n.sent());
    }

    @Test
    void lowerPrioNoAdvertOnlyLogs() {
        TestNode n = master(InstanceConfig.builder("VI_1").priority(150).lowerPrioNoAdvert(true).garpLowerPrio(true));
        n.receive("198.18.0.2", 100);
        assertEquals(List.of("(VI_1) Received advert from 198.18.0.2 with lower priority 100, ours 150"), n.logs());
        assertEquals(List.of(new VrrpAction.LowerPriorityGarp(),
                new VrrpAction.MasterRxLowerPriority(TestNode.ip("198.18.0.2"), 100)), n.effects());
    }

    @Test
    void equalPriorityIsDecidedByTheHigherAddress() {
        TestNode n = master(InstanceConfig.builder("VI_1"));
        n.receive("198.18.0.0", 100);
        assertEquals(VrrpState.MASTER, n.state());
        assertEquals(List.of(100), n.sent());
        n.receive("198.18.0.2", 100);
        assertEquals(VrrpState.BACKUP, n.state());
        assertTrue(n.logs().contains("(VI_1) Master received advert from 198.18.0.2 with same priority 100 but"
                + " higher IP address than ours"), n.logs().toString());
    }

    @Test
    void equalPriorityFromOurOwnAddressIsAWarning() {
        TestNode n = master(InstanceConfig.builder("VI_1"));
        n.receive("198.18.0.1", 100);
        assertEquals(VrrpState.MASTER, n.state());
        assertEquals(List.of("(VI_1) WARNING - equal priority advert received from remote host with our IP"
                + " address."), n.logs());
    }

    @Test
    void higherPrioSendAdvertAnswersBeforeLeaving() {
        TestNode n = master(InstanceConfig.builder("VI_1").higherPrioSendAdvert(true));
        n.receive("198.18.0.2", 200);
        assertEquals(VrrpState.BACKUP, n.state());
        assertEquals(new VrrpAction.SendAdvert(100), n.effects().get(0));
    }

    @Test
    void masterAnswersAPriorityZeroAdvertAndStays() {
        TestNode n = master(InstanceConfig.builder("VI_1"));
        n.receive("198.18.0.2", 0);
        assertEquals(VrrpState.MASTER, n.state());
        assertEquals(List.of(100), n.sent());
    }

    @Test
    void twoAddressOwnersIsAConfigurationError() {
        TestNode n = master(InstanceConfig.builder("VI_1").priority(255).initialState(VrrpState.MASTER));
        n.receive("198.18.0.2", 255);
        assertTrue(n.logs().get(0).startsWith("(VI_1) CONFIGURATION ERROR: local instance and a remote instance"
                + " are both configured as address owner"), n.logs().toString());
        assertEquals(254, n.fsm.effectivePriority());
        assertEquals(VrrpState.BACKUP, n.state());
    }

    @Test
    void stopSendsPriorityZeroAndReleasesEverything() {
        TestNode n = master(InstanceConfig.builder("VI_1"));
        n.fsm.stop();
        assertEquals(List.of(new VrrpAction.SendAdvert(0), new VrrpAction.RemoveVirtuals(Virtuals.RULES),
                new VrrpAction.RemoveVirtuals(Virtuals.ROUTES), new VrrpAction.StopGarp(),
                new VrrpAction.RemoveVirtuals(Virtuals.ADDRESSES),
                new VrrpAction.StateChanged(VrrpState.MASTER, VrrpState.STOP, "stop", true)), n.effects());
        assertEquals(List.of("(VI_1) sent 0 priority"), n.logs());
        assertEquals(1, n.fsm.priorityZeroSent());
        n.clear();
        time.advance(10 * S);
        assertEquals(List.of(), n.actions);
    }

    @Test
    void stopInBackupSendsNothing() {
        TestNode n = new TestNode(time, InstanceConfig.builder("VI_1"), "198.18.0.1");
        n.fsm.start();
        n.clear();
        n.fsm.stop();
        assertEquals(List.of(new VrrpAction.StateChanged(VrrpState.BACKUP, VrrpState.STOP, "stop", true)),
                n.effects());
        time.advance(10 * S);
        assertEquals(VrrpState.STOP, n.state());
    }

    @Test
    void lowerPriorityAdvertLogsIpv6AsInetNtop() {
        TestNode n = new TestNode(time, InstanceConfig.builder("VI_6").priority(150), "2001:db8::1");
        n.fsm.start();
        time.advance(4 * S);
        n.clear();
        n.receive("2001:db8:0:0:0:0:0:2", 100);
        assertEquals(List.of("(VI_6) Received advert from 2001:db8::2 with lower priority 100, ours 150,"
                + " forcing new election"), n.logs());
        assertFalse(n.sent().isEmpty());
    }
}
