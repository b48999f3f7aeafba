package org.calpe.vrrp.core.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.calpe.exec.api.ScriptCommand;
import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.core.fsm.InstanceConfig;
import org.calpe.vrrp.core.fsm.InstanceStateMachine;
import org.calpe.vrrp.core.fsm.Scheduler;
import org.calpe.vrrp.core.fsm.VrrpAction;
import org.calpe.vrrp.core.fsm.VrrpTimer;
import org.calpe.vrrp.core.garp.EventClock;
import org.junit.jupiter.api.Test;

/** Script results forwarded to an instance's trackers, as the runtime does, on one virtual loop. */
class TrackScriptToStateMachineTest {
    private final LoopTime loop = new LoopTime();
    private final FakeRunner runner = new FakeRunner();
    private final List<String> logs = new ArrayList<>();

    /** The fsm's {@link Scheduler} on the same loop (microseconds over the loop's nanoseconds). */
    private Scheduler fsmScheduler(InstanceStateMachine[] target) {
        Map<VrrpTimer, EventClock.Timer> pending = new EnumMap<>(VrrpTimer.class);
        return new Scheduler() {
            @Override
            public long nowMicros() {
                return loop.nanoTime() / 1000;
            }

            @Override
            public void schedule(VrrpTimer timer, long delayMicros) {
                cancel(timer);
                pending.put(timer, loop.schedule(loop.nanoTime() + delayMicros * 1000, () -> {
                    pending.remove(timer);
                    target[0].timerFired(timer);
                }));
            }

            @Override
            public void cancel(VrrpTimer timer) {
                EventClock.Timer t = pending.remove(timer);
                if (t != null) {
                    t.cancel();
                }
            }
        };
    }

    @Test
    void weightedAndWeightZeroScriptsDriveTheInstance() throws Exception {
        TrackScript chk = TrackScript.of("chk", ScriptCommand.of("/bin/chk")).withWeight(-10, false);
        TrackScript gate = TrackScript.of("gate", ScriptCommand.of("/bin/gate"));
        InstanceStateMachine[] fsm = new InstanceStateMachine[1];
        fsm[0] = new InstanceStateMachine(InstanceConfig.builder("VI_1").priority(100)
                .primaryAddress(InetAddress.getByName("198.18.0.1")).tracker(chk.tracker()).tracker(gate.tracker())
                .build(), fsmScheduler(fsm), a -> {
                    if (a instanceof VrrpAction.Log l) {
                        logs.add(l.message());
                    }
                });
        TrackScriptScheduler scripts = new TrackScriptScheduler(List.of(chk, gate), runner, loop, loop,
                c -> fsm[0].trackerChanged(c.trackerId(), c.up()), logs::add);
        fsm[0].start();
        scripts.start();
        loop.advanceTo(0);
        assertEquals(VrrpState.FAULT, fsm[0].state(), "a weight-0 script without a result holds the instance");
        assertEquals(2, runner.count());
        runner.runs.get(0).exit(1); // chk fails: weight -10 applies
        runner.runs.get(1).exit(0); // gate succeeds: the instance may come up
        loop.runTasks();
        assertEquals(90, fsm[0].effectivePriority());
        assertEquals(VrrpState.BACKUP, fsm[0].state());
        assertTrue(logs.contains("(VI_1) Changing effective priority from 100 to 90"), logs::toString);
        assertTrue(logs.indexOf("VRRP_Script(chk) failed (exited with status 1)")
                < logs.indexOf("(VI_1) Changing effective priority from 100 to 90"), logs::toString);
        loop.advanceTo(LoopTime.SECOND);
        runner.runs.get(2).exit(0); // chk good again
        runner.runs.get(3).exit(3); // gate fails: FAULT
        loop.runTasks();
        assertEquals(100, fsm[0].effectivePriority());
        assertEquals(VrrpState.FAULT, fsm[0].state());
    }
}
