package org.calpe.vrrp.core.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.calpe.exec.api.RunAs;
import org.calpe.exec.api.ScriptCommand;
import org.calpe.vrrp.core.fsm.Tracker;
import org.junit.jupiter.api.Test;

/** The scheduler in virtual time with a fake runner; expectations checked against keepalived 2.2.7's log. */
class TrackScriptSchedulerTest {
    private final LoopTime loop = new LoopTime();
    private final FakeRunner runner = new FakeRunner();
    private final List<ScriptStateChange> changes = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private TrackScriptScheduler scheduler;

    private static TrackScript chk() {
        return TrackScript.of("chk", ScriptCommand.parse("/usr/local/bin/chk arg"));
    }

    private void start(TrackScript... scripts) {
        scheduler = new TrackScriptScheduler(List.of(scripts), runner, loop, loop, changes::add, log::add);
        scheduler.start();
        loop.advanceTo(0);
    }

    /** Completes the current run with {@code status} and lets the loop run to the next tick. */
    private void result(int status) {
        runner.last().exit(status);
        loop.advanceSeconds(1);
    }

    private List<Boolean> ups() {
        return changes.stream().map(ScriptStateChange::up).toList();
    }

    @Test
    void runsAtOnceThenEveryInterval() {
        start(chk().withInterval(Duration.ofSeconds(2)));
        assertEquals(1, runner.count());
        runner.last().exit(0);
        loop.advanceSeconds(1.999);
        assertEquals(1, runner.count());
        loop.advanceSeconds(0.001);
        assertEquals(2, runner.count());
        runner.last().exit(0);
        loop.advanceSeconds(2);
        assertEquals(3, runner.count());
    }

    @Test
    void requestCarriesKeepalivedNameUserAndTimeout() {
        start(chk().withInterval(Duration.ofSeconds(3)).withUser(RunAs.of("nobody", "nogroup")));
        var req = runner.last().request();
        assertEquals("VRRP_Script(chk)", req.name());
        assertEquals(List.of("/usr/local/bin/chk", "arg"), req.command().argv());
        assertEquals(RunAs.of("nobody", "nogroup"), req.runAs().orElseThrow());
        // no timeout configured: keepalived uses the interval
        assertEquals(Duration.ofSeconds(3), req.timeout().orElseThrow());
        assertEquals(Duration.ofSeconds(2), ScriptRequestTimeout.of(chk().withTimeout(Duration.ofSeconds(2))));
    }

    /** keepalived: the first result decides at once, whatever rise is ("one success is enough"). */
    @Test
    void firstSuccessGoesUpAtOnce() {
        start(chk().withRiseFall(3, 2).withWeight(7, false));
        result(0);
        assertEquals(List.of(new ScriptStateChange("chk", true, 7, false)), changes);
        assertEquals(List.of("VRRP_Script(chk) succeeded"), log);
        assertEquals("GOOD", scheduler.status().get(0).status());
    }

    @Test
    void firstFailureGoesDownWithKeepalivedLines() {
        start(chk().withRiseFall(3, 2));
        result(1);
        assertEquals(List.of(false), ups());
        assertEquals(List.of("Script `chk` now returning 1", "VRRP_Script(chk) failed (exited with status 1)"), log);
        result(1);
        assertEquals(List.of(false), ups(), "a failure while bad changes nothing");
        assertEquals(2, log.size(), "same status: no new 'now returning' line");
    }

    /** The sequence keepalived 2.2.7 showed for rise 3, fall 2. */
    @Test
    void riseNeedsSuccessesInARowAndFallFailuresInARow() {
        start(chk().withRiseFall(3, 2));
        result(1); // down (first result)
        result(0);
        result(0);
        result(1); // the run of successes starts again
        result(0);
        result(0);
        assertEquals(List.of(false), ups());
        result(0); // third in a row
        assertEquals(List.of(false, true), ups());
        result(1);
        result(0); // one failure, then success: back to the top
        result(1);
        assertEquals(List.of(false, true), ups());
        result(1); // second failure in a row
        assertEquals(List.of(false, true, false), ups());
        assertEquals(List.of("Script `chk` now returning 1", "VRRP_Script(chk) failed (exited with status 1)",
                "Script `chk` now returning 0", "Script `chk` now returning 1", "Script `chk` now returning 0",
                "VRRP_Script(chk) succeeded", "Script `chk` now returning 1", "Script `chk` now returning 0",
                "Script `chk` now returning 1", "VRRP_Script(chk) failed (exited with status 1)"), log);
    }

    @Test
    void riseAndFallOfOne() {
        start(chk());
        result(0);
        result(2);
        result(0);
        assertEquals(List.of(true, false, true), ups());
        assertTrue(log.contains("VRRP_Script(chk) failed (exited with status 2)"));
    }

    /** keepalived 2.2.7 with init_fail and rise 3: the first success is enough, as without init_fail. */
    @Test
    void initFailStartsFailedAndFirstResultDecides() {
        TrackScript s = chk().withInitFail(true).withRiseFall(3, 1).withWeight(-5, false);
        start(s);
        assertEquals("INIT/FAILED", scheduler.status().get(0).status());
        Tracker t = s.tracker();
        assertTrue(t.initiallyDown());
        assertEquals(-5, t.weight());
        result(0);
        assertEquals(List.of(true), ups());
        assertEquals(List.of("VRRP_Script(chk) succeeded"), log);
    }

    @Test
    void initFailFirstFailureIsReportedToo() {
        start(chk().withInitFail(true));
        result(1);
        assertEquals(List.of(false), ups());
        assertEquals("VRRP_Script(chk) failed (exited with status 1)", log.get(1));
    }

    @Test
    void timeoutIsAFailure() {
        start(chk().withRiseFall(1, 1));
        result(0);
        runner.last().timeOut();
        loop.advanceSeconds(1);
        assertEquals(List.of(true, false), ups());
        assertEquals("VRRP_Script(chk) timed_out", log.get(log.size() - 1));
    }

    @Test
    void stillRunningIsNotStartedTwice() {
        start(chk().withTimeout(Duration.ofMillis(2500)));
        loop.advanceSeconds(1);
        loop.advanceSeconds(1);
        assertEquals(1, runner.count(), "no overlapping run");
        assertEquals(List.of("Track script chk is already running, expect idle - skipping run",
                "Track script chk is already running, expect idle - skipping run"), log);
        loop.advanceSeconds(1); // 3 s: past the 2.5 s timeout, the runner is killing it
        assertEquals("Track script chk is being timed out, expect idle - skipping run", log.get(2));
        runner.last().timeOut();
        loop.advanceSeconds(0.5);
        assertEquals(List.of(false), ups());
        assertEquals(1, runner.count(), "the next run waits for its tick");
        loop.advanceSeconds(0.5);
        assertEquals(2, runner.count());
        assertEquals(3, scheduler.status().get(0).skipped());
    }

    @Test
    void slowSuccessCompletesBetweenTicks() {
        start(chk());
        loop.advanceSeconds(1.5);
        runner.last().exit(0);
        loop.advanceSeconds(0.1);
        assertEquals(List.of(true), ups());
        assertFalse(scheduler.status().get(0).running());
        loop.advanceSeconds(0.4);
        assertEquals(2, runner.count());
    }

    /** Results come back on the runner's threads; the listener only ever sees them on the loop. */
    @Test
    void resultsAreHandedBackToTheLoop() throws Exception {
        start(chk());
        Thread other = new Thread(() -> runner.last().exit(1));
        other.start();
        other.join();
        assertTrue(changes.isEmpty(), "nothing happens on the runner's thread");
        assertEquals(1, loop.pendingTasks());
        loop.runTasks();
        assertEquals(List.of(false), ups());
    }

    @Test
    void runsThatNeverStartedGiveNoVerdict() {
        start(chk());
        runner.last().notStarted();
        loop.advanceSeconds(1);
        assertTrue(changes.isEmpty());
        assertEquals("INIT", scheduler.status().get(0).status());
        assertEquals(2, runner.count(), "tried again on the next tick");
    }

    @Test
    void shellCannotExecuteCountsAsSuccess() {
        start(chk());
        runner.last().exitShell(127);
        loop.advanceSeconds(1);
        assertEquals(List.of(true), ups());
    }

    @Test
    void reverseAndWeightTravelWithTheChange() {
        TrackScript s = chk().withWeight(4, true);
        start(s);
        result(0);
        ScriptStateChange c = changes.get(0);
        assertEquals(4, c.weight());
        assertTrue(c.reverse());
        assertEquals(s.tracker().id(), c.trackerId());
        Tracker entry = s.tracker(-20, false); // track_script { chk weight -20 }
        assertEquals(-20, entry.weight());
        assertFalse(entry.reverse());
        assertEquals(Tracker.Kind.SCRIPT, entry.kind());
    }

    @Test
    void eachScriptHasItsOwnTimer() {
        runner.immediate = 0;
        start(chk(), TrackScript.of("other", ScriptCommand.of("/bin/x")).withInterval(Duration.ofSeconds(3)));
        loop.advanceSeconds(3);
        long chkRuns = runner.runs.stream().filter(r -> r.request().name().equals("VRRP_Script(chk)")).count();
        assertEquals(4, chkRuns);
        assertEquals(6, runner.count());
        assertEquals(List.of("chk", "other"), changes.stream().map(ScriptStateChange::name).toList());
    }

    @Test
    void stopCancelsTimersAndIgnoresLateResults() {
        start(chk());
        scheduler.stop();
        runner.last().exit(1);
        loop.advanceSeconds(5);
        assertTrue(changes.isEmpty());
        assertEquals(1, runner.count());
        assertEquals(0, loop.liveTimers());
    }

    @Test
    void rejectsDuplicatesAndBadValues() {
        assertThrows(IllegalArgumentException.class,
                () -> new TrackScriptScheduler(List.of(chk(), chk()), runner, loop, loop, changes::add, log::add));
        assertThrows(IllegalArgumentException.class, () -> chk().withRiseFall(0, 1));
        assertThrows(IllegalArgumentException.class, () -> chk().withWeight(254, false));
        assertThrows(IllegalArgumentException.class, () -> chk().withInterval(Duration.ZERO));
        start(chk());
        assertThrows(IllegalStateException.class, scheduler::start);
    }

    /** The effective timeout of a script, as the runner receives it. */
    private static final class ScriptRequestTimeout {
        static Duration of(TrackScript s) {
            return s.request().timeout().orElseThrow();
        }
    }
}
