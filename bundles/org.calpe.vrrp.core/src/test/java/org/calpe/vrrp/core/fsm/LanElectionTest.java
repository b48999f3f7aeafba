package org.calpe.vrrp.core.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.calpe.vrrp.api.VrrpState;
import org.junit.jupiter.api.Test;

/** Two or three state machines on one virtual LAN. */
class LanElectionTest {
    private static final long S = 1_000_000;
    private final VirtualTime time = new VirtualTime();

    @Test
    void startingTogetherTheLowerPriorityNodeNeverBecomesMaster() {
        TestNode high = new TestNode(time, InstanceConfig.builder("VI_1").priority(150), "198.18.0.1");
        TestNode low = new TestNode(time, InstanceConfig.builder("VI_1").priority(100), "198.18.0.2");
        TestNode.connect(high, low);
        high.fsm.start();
        low.fsm.start();
        time.advance(60 * S);
        assertEquals(VrrpState.MASTER, high.state());
        assertEquals(VrrpState.BACKUP, low.state());
        assertEquals(-1, low.firstTime(VrrpState.MASTER));
    }

    @Test
    void crashTakeoverAfterMasterDownIntervalCleanStopAfterSkewTime() {
        TestNode m = new TestNode(time, InstanceConfig.builder("VI_1").priority(150), "198.18.0.1");
        TestNode b = new TestNode(time, InstanceConfig.builder("VI_1").priority(100), "198.18.0.2");
        TestNode.connect(m, b);
        m.fsm.start();
        b.fsm.start();
        time.advance(10 * S);
        long lastAdvert = m.times.get(m.actions.lastIndexOf(new VrrpAction.SendAdvert(150)));
        m.connected = false; // crash: silence
        time.advance(10 * S);
        assertEquals(lastAdvert + 3_609_375, b.firstTime(VrrpState.MASTER));

        VirtualTime t2 = new VirtualTime();
        TestNode m2 = new TestNode(t2, InstanceConfig.builder("VI_1").priority(150), "198.18.0.1");
        TestNode b2 = new TestNode(t2, InstanceConfig.builder("VI_1").priority(100), "198.18.0.2");
        TestNode.connect(m2, b2);
        m2.fsm.start();
        b2.fsm.start();
        t2.advance(10 * S + S / 3);
        long stop = t2.now();
        m2.fsm.stop();
        t2.advance(5 * S);
        assertEquals(stop + 609_375, b2.firstTime(VrrpState.MASTER));
    }

    @Test
    void equalPrioritiesElectTheHigherAddress() {
        TestNode x = new TestNode(time, InstanceConfig.builder("VI_1").initialState(VrrpState.MASTER), "198.18.0.1");
        TestNode y = new TestNode(time, InstanceConfig.builder("VI_1").initialState(VrrpState.MASTER), "198.18.0.9");
        TestNode.connect(x, y);
        x.fsm.start();
        y.fsm.start();
        time.advance(30 * S);
        assertEquals(VrrpState.BACKUP, x.state());
        assertEquals(VrrpState.MASTER, y.state());
    }

    @Test
    void aHigherPriorityNodeJoiningLaterPreempts() {
        TestNode low = new TestNode(time, InstanceConfig.builder("VI_1").priority(100), "198.18.0.2");
        TestNode high = new TestNode(time, InstanceConfig.builder("VI_1").priority(150), "198.18.0.1");
        TestNode.connect(low, high);
        low.fsm.start();
        time.advance(10 * S);
        high.fsm.start();
        long started = time.now();
        time.advance(10 * S);
        assertEquals(VrrpState.MASTER, high.state());
        assertEquals(VrrpState.BACKUP, low.state());
        // it discards the lower priority adverts, so it takes over after its own Master_Down_Interval
        assertEquals(started + 3_414_062, high.firstTime(VrrpState.MASTER));
    }

    @Test
    void nopreemptLeavesTheLowerMasterInPlace() {
        TestNode low = new TestNode(time, InstanceConfig.builder("VI_1").priority(100), "198.18.0.2");
        TestNode high = new TestNode(time, InstanceConfig.builder("VI_1").priority(150).nopreempt(true), "198.18.0.1");
        TestNode.connect(low, high);
        low.fsm.start();
        time.advance(10 * S);
        high.fsm.start();
        time.advance(60 * S);
        assertEquals(VrrpState.MASTER, low.state());
        assertEquals(VrrpState.BACKUP, high.state());
    }
}
