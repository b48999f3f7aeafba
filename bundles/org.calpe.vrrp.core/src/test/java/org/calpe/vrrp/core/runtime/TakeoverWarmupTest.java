package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.core.codec.VrrpVersion;
import org.calpe.vrrp.core.fsm.InstanceConfig;
import org.calpe.vrrp.core.fsm.Tracker;
import org.junit.jupiter.api.Test;

/** The state machine warm-up runs every round for every kind of instance, so the path it warms is the real one. */
class TakeoverWarmupTest {

    private static InetAddress ip(String s) throws UnknownHostException {
        return InetAddress.getByName(s);
    }

    @Test
    void v2BackupRunsEveryRound() throws Exception {
        InstanceConfig c = InstanceConfig.builder("VI_1").primaryAddress(ip("198.18.4.2")).build();
        assertEquals(50, TakeoverWarmup.stateMachine(c, 50));
    }

    @Test
    void v3Ipv6WithPreemptDelayAndTrackers() throws Exception {
        InstanceConfig c = InstanceConfig.builder("VI_6").version(VrrpVersion.V3).advertIntervalMicros(10_000)
                .primaryAddress(ip("fe80::1")).preemptDelayMicros(5_000_000)
                .tracker(Tracker.iface("eth1", -50, false)).tracker(Tracker.script("chk", 0, false, true))
                .build();
        assertEquals(50, TakeoverWarmup.stateMachine(c, 50));
    }

    @Test
    void addressOwnerAndNopreemptAndMasterStart() throws Exception {
        InstanceConfig owner = InstanceConfig.builder("VI_O").priority(255).initialState(VrrpState.MASTER)
                .primaryAddress(ip("198.18.4.1")).build();
        assertEquals(50, TakeoverWarmup.stateMachine(owner, 50));
        InstanceConfig nopreempt = InstanceConfig.builder("VI_N").nopreempt(true).higherPrioSendAdvert(true)
                .lowerPrioNoAdvert(true).garpLowerPrio(true).primaryAddress(ip("198.18.4.1")).build();
        assertEquals(50, TakeoverWarmup.stateMachine(nopreempt, 50));
    }

    @Test
    void announcementsRunEveryRound() {
        assertEquals(50, TakeoverWarmup.announcements(50));
    }
}
