package org.calpe.lvs.engine;

import static org.calpe.lvs.engine.Fixture.DOWN;
import static org.calpe.lvs.engine.Fixture.RS;
import static org.calpe.lvs.engine.Fixture.RS_NAME;
import static org.calpe.lvs.engine.Fixture.S;
import static org.calpe.lvs.engine.Fixture.TCP0;
import static org.calpe.lvs.engine.Fixture.UP;
import static org.calpe.lvs.engine.Fixture.VS;
import static org.calpe.lvs.engine.Fixture.VS_NAME;
import static org.calpe.lvs.engine.FakeChecker.OK;
import static org.calpe.lvs.engine.FakeChecker.REFUSED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTopics;
import org.calpe.check.api.FailureCause;
import org.calpe.check.api.RealServerState;
import org.calpe.check.api.dto.RealServerStatus;
import org.junit.jupiter.api.Test;

class CheckEngineTest {

    @Test
    void newServerIsUpAndFirstCheckAfterBootstrapDelay() {
        Fixture f = new Fixture().bindTcp().simple();
        assertEquals(List.of(UP), f.serverTopics(), "a non-alpha real server starts alive");
        assertTrue(f.out.logs.contains("Activating healthchecker for service " + RS_NAME + " for VS " + VS_NAME));
        f.advance(0.999);
        assertEquals(List.of(), f.tcp.callsAtMillis);
        f.advance(0.001);
        assertEquals(List.of(1000L), f.tcp.callsAtMillis, "BOOTSTRAP_DELAY 1 s, warmup 0");
        f.advance(10);
        assertEquals(List.of(1000L, 11000L), f.tcp.callsAtMillis, "then every delay_loop (VS: 10 s)");
        assertTrue(f.out.logs.contains("TCP connection to " + RS_NAME + " success."),
                "first success is logged (has_run was false)");
        assertEquals(List.of(UP), f.serverTopics());
    }

    @Test
    void retriesAreCountedWithDelayBeforeRetryThenDownThenUp() {
        Fixture f = new Fixture().bindTcp();
        f.tcp.then(OK, REFUSED, REFUSED, REFUSED);
        f.simple("retry", 2L, "delay_before_retry", 3 * S);
        f.advance(1); // first check: success
        f.out.clear();
        f.advance(10); // 11 s: failure 1 → retry in 3 s
        assertEquals(List.of(), f.serverTopics());
        assertEquals(1, f.engine.snapshot().get(0).checkers().get(0).failedAttempts());
        f.advance(3); // 14 s: failure 2
        assertEquals(List.of(), f.serverTopics());
        f.advance(3); // 17 s: failure 3 → down
        assertEquals(List.of(1000L, 11000L, 14000L, 17000L), f.tcp.callsAtMillis);
        assertEquals(List.of(CheckTopics.CHECKER_DOWN, DOWN, CheckTopics.VIRTUAL_SERVER_QUORUM_DOWN), f.out.topics());
        assertEquals(List.of("TCP_CHECK on service " + RS_NAME + " failed after 2 retries.",
                "Removing service " + RS_NAME + " from VS " + VS_NAME,
                "Lost quorum 1-0=1 > 0 for VS " + VS_NAME), f.out.logs);
        Map<String, Object> down = f.events(DOWN).get(0).props();
        assertEquals("DOWN", down.get(CheckTopics.PROP_STATE));
        assertEquals(Boolean.FALSE, down.get(CheckTopics.PROP_INHIBIT));
        assertEquals(VS_NAME, down.get(CheckTopics.PROP_VIRTUAL_SERVER));
        assertEquals(RS_NAME, down.get(CheckTopics.PROP_REAL_SERVER));
        assertEquals("REFUSED", f.events(CheckTopics.CHECKER_DOWN).get(0).props().get(CheckTopics.PROP_CAUSE));
        assertEquals(RealServerState.DOWN, f.engine.snapshot().get(0).state());
        f.out.clear();
        f.advance(9.999);
        assertEquals(4, f.tcp.callsAtMillis.size(), "after going down: next check after delay_loop");
        f.advance(0.001); // 27 s: success → up
        assertEquals(List.of("TCP connection to " + RS_NAME + " success.",
                "Adding service " + RS_NAME + " to VS " + VS_NAME, "Gained quorum 1+0=1 <= 1 for VS " + VS_NAME),
                f.out.logs);
        assertEquals(List.of(CheckTopics.CHECKER_UP, UP, CheckTopics.VIRTUAL_SERVER_QUORUM_UP), f.out.topics());
    }

    @Test
    void aServerDeadAtStartGoesDownAtTheFirstFailure() {
        // keepalived sets retry_it = retry for every checker at start ("For non alpha mode, one failure is enough
        // initially"), so a dead server is removed at its first check, not after retry + 1 of them
        Fixture f = new Fixture().bindTcp();
        f.tcp.otherwise = REFUSED;
        f.simple("retry", 3L, "delay_before_retry", 2 * S);
        f.advance(1);
        assertEquals(List.of(UP, DOWN), f.serverTopics());
        assertEquals(RealServerState.DOWN, f.engine.snapshot().get(0).state());
        f.advance(9.999);
        assertEquals(List.of(1000L), f.tcp.callsAtMillis, "down at once: the next check after delay_loop");
        f.advance(0.001);
        f.advance(2); // a failure while down counts retries again, as tcp_epilog does
        assertEquals(List.of(1000L, 11000L, 13000L), f.tcp.callsAtMillis);
        assertEquals(List.of(UP, DOWN), f.serverTopics());
    }

    @Test
    void failuresWhileDownStillCountRetriesButSilently() {
        // keepalived's tcp_epilog counts retries whatever the checker's state; only logs and transitions are skipped
        Fixture f = new Fixture().bindTcp();
        f.tcp.then(OK);
        f.tcp.otherwise = REFUSED;
        f.simple("retry", 1L, "delay_before_retry", 2 * S);
        f.advance(1); // success
        f.advance(10); // 11 s: fail 1, retry in 2 s
        f.advance(2); // 13 s: fail 2 → down
        f.out.clear();
        f.advance(10); // 23 s: fail, retry in 2 s
        f.advance(2); // 25 s: fail, retries exhausted: nothing to do, next after delay_loop
        f.advance(10);
        assertEquals(List.of(1000L, 11000L, 13000L, 23000L, 25000L, 35000L), f.tcp.callsAtMillis);
        assertEquals(List.of(), f.out.logs);
        assertEquals(List.of(), f.out.events);
    }

    @Test
    void defaultsComeFromTheCheckerType() {
        Fixture f = new Fixture().bindTcp();
        f.tcp.retry = 2;
        f.tcp.delayBeforeRetry = Duration.ofSeconds(3);
        f.tcp.then(OK);
        f.tcp.otherwise = REFUSED;
        f.simple();
        f.advance(1 + 10 + 3 + 3);
        assertEquals(List.of(1000L, 11000L, 14000L, 17000L), f.tcp.callsAtMillis);
        assertTrue(f.out.logs.contains("TCP_CHECK on service " + RS_NAME + " failed after 2 retries."));
    }

    @Test
    void retryInheritedFromRealServerThenVirtualServer() {
        Fixture f = new Fixture().bindTcp();
        f.tcp.then(OK);
        f.tcp.otherwise = REFUSED;
        f.engine.updateVirtualServer(VS, Fixture.vs("retry", 5L, "delay_before_retry", 2 * S));
        f.engine.updateRealServer(RS, Fixture.rs("retry", 1L));
        f.engine.updateChecker(TCP0, Fixture.tcp(0));
        f.advance(0);
        f.advance(1 + 10 + 2);
        assertEquals(List.of(1000L, 11000L, 13000L), f.tcp.callsAtMillis,
                "RS retry 1 wins over VS 5; VS delay_before_retry");
        assertTrue(f.out.logs.contains("TCP_CHECK on service " + RS_NAME + " failed after 1 retries."));
    }

    @Test
    void zeroRetriesFirstFailureIsNotCounted() {
        Fixture f = new Fixture().bindTcp();
        f.tcp.otherwise = REFUSED;
        f.simple("retry", 0L);
        f.advance(1);
        assertEquals("Gained quorum 1+0=1 <= 1 for VS " + VS_NAME, f.out.logs.get(1), "at start-up");
        assertEquals("TCP_CHECK on service " + RS_NAME + " failed.", f.out.logs.get(2));
        assertEquals(List.of(UP, DOWN), f.serverTopics());
    }

    @Test
    void alphaStartsDownAndNeedsASuccess() {
        Fixture f = new Fixture().bindTcp();
        f.engine.updateVirtualServer(VS, Fixture.vs());
        f.engine.updateRealServer(RS, Fixture.rs("notify_down", "/bin/echo \"rs down\""));
        f.engine.updateChecker(TCP0, Fixture.tcp(0, "alpha", true, "retry", 0L));
        f.advance(0);
        assertEquals(List.of(), f.out.events, "alpha: not alive, no event at start");
        assertEquals(RealServerState.DOWN, f.engine.snapshot().get(0).state());
        f.tcp.then(REFUSED);
        f.advance(1);
        assertEquals(List.of(), f.serverTopics(), "first failure of a down checker changes nothing");
        assertEquals(List.of(new RecordingOutput.Script("notify_down " + RS_NAME, List.of("/bin/echo", "rs down"))),
                f.out.scripts, "keepalived runs the notifies once on the first result of an alpha checker");
        assertEquals("TCP_CHECK on service " + RS_NAME + " failed.", f.out.logs.get(1));
        f.advance(10); // success
        assertEquals(List.of(UP), f.serverTopics());
        assertTrue(f.out.logs.contains("Adding service " + RS_NAME + " to VS " + VS_NAME));
    }

    @Test
    void inhibitOnFailureKeepsTheServerWithWeightZero() {
        Fixture f = new Fixture().bindTcp();
        f.engine.updateVirtualServer(VS, Fixture.vs("inhibit_on_failure", true));
        f.engine.updateRealServer(RS, Fixture.rs("weight", 3L, "notify_up", "/usr/bin/logger up"));
        f.engine.updateChecker(TCP0, Fixture.tcp(0, "retry", 0L));
        f.advance(0);
        f.tcp.then(OK, REFUSED, OK);
        f.advance(1);
        f.out.clear();
        f.advance(10);
        assertTrue(f.out.logs.contains("Disabling service " + RS_NAME + " of VS " + VS_NAME), f.out.logs.toString());
        Map<String, Object> down = f.events(DOWN).get(0).props();
        assertEquals(Boolean.TRUE, down.get(CheckTopics.PROP_INHIBIT));
        assertEquals(0, down.get(CheckTopics.PROP_WEIGHT));
        RealServerStatus s = f.engine.snapshot().get(0);
        assertTrue(s.inhibited());
        assertEquals(0, s.weight());
        f.advance(10);
        assertTrue(f.out.logs.contains("Enabling service " + RS_NAME + " of VS " + VS_NAME));
        assertEquals(3, f.events(UP).get(0).props().get(CheckTopics.PROP_WEIGHT));
        assertEquals(List.of("/usr/bin/logger", "up"), f.out.scripts.get(0).argv());
    }

    @Test
    void realServerIsUpOnlyWhenAllCheckersAreUp() {
        Fixture f = new Fixture().bindTcp();
        FakeChecker http = new FakeChecker("HTTP_GET", f.loop::millis);
        f.engine.bindChecker("HTTP_GET", http);
        f.engine.updateVirtualServer(VS, Fixture.vs());
        f.engine.updateRealServer(RS, Fixture.rs());
        f.engine.updateChecker(TCP0, Fixture.tcp(0, "retry", 0L, "connect_port", 8080L));
        f.engine.updateChecker("http0", Fixture.checker("HTTP_GET", 0, RS, "retry", 0L, "connect_port", 8081L));
        f.advance(0);
        assertEquals(2, f.engine.snapshot().get(0).checkers().size());
        f.tcp.then(REFUSED);
        f.advance(1); // TCP down → RS down
        assertEquals(List.of(UP, DOWN), f.serverTopics());
        f.tcp.then(OK);
        http.then(REFUSED);
        f.advance(10); // TCP up, HTTP down → RS stays down, one more CHECKER event each
        assertEquals(List.of(UP, DOWN), f.serverTopics());
        assertEquals(RealServerState.DOWN, f.engine.snapshot().get(0).state());
        assertTrue(f.out.logs.contains("HTTP_CHECK on service " + RS_NAME + " failed."), f.out.logs.toString());
        f.advance(10); // both up → RS up
        assertEquals(List.of(UP, DOWN, UP), f.serverTopics());
        assertTrue(f.out.logs.contains("Remote Web server " + RS_NAME + " succeed on service."));
        assertEquals(8081, http.targets.get(0).connectTo().getPort());
        assertEquals(8080, f.tcp.targets.get(0).connectTo().getPort());
    }

    @Test
    void errorsGiveNoVerdictAndCountNoRetry() {
        Fixture f = new Fixture().bindTcp();
        f.tcp.then(OK, REFUSED, CheckResult.error("bind failed"), CheckResult.error("bind failed"), REFUSED);
        f.simple("retry", 1L, "delay_before_retry", 2 * S);
        f.advance(1); // success
        f.advance(10); // 11 s: failure 1: retry in 2 s
        f.advance(2); // 13 s: ERROR: no verdict, next after delay_loop
        assertEquals(1, f.engine.snapshot().get(0).checkers().get(0).failedAttempts(), "ERROR did not count");
        f.advance(10); // ERROR again
        f.advance(10); // failure 2 → down
        assertEquals(List.of(1000L, 11000L, 13000L, 23000L, 33000L), f.tcp.callsAtMillis);
        assertEquals(List.of(UP, DOWN), f.serverTopics());
        assertTrue(f.out.logs.stream().anyMatch(l -> l.contains("could not be run (bind failed). Rescheduling.")));
    }

    @Test
    void exceptionalCompletionIsNoVerdict() {
        Fixture f = new Fixture().bindTcp();
        f.tcp.hold = true;
        f.simple("retry", 0L);
        f.advance(1);
        f.tcp.pending.get(0).completeExceptionally(new IllegalStateException("boom"));
        f.advance(0);
        assertEquals(List.of(UP), f.serverTopics());
        assertEquals(RealServerState.UP, f.engine.snapshot().get(0).state());
        f.advance(10);
        assertEquals(2, f.tcp.callsAtMillis.size(), "rescheduled after delay_loop");
    }

    @Test
    void miscDynamicWeight() {
        Fixture f = new Fixture();
        FakeChecker misc = new FakeChecker("MISC_CHECK", f.loop::millis);
        f.engine.bindChecker("MISC_CHECK", misc);
        f.engine.updateVirtualServer(VS, Fixture.vs());
        f.engine.updateRealServer(RS, Fixture.rs("weight", 4L));
        f.engine.updateChecker("misc0", Fixture.checker("MISC_CHECK", 0, RS, "misc_path", "/opt/chk.sh arg",
                "misc_dynamic", true));
        f.advance(0);
        misc.then(CheckResult.success(Duration.ZERO, 7), CheckResult.success(Duration.ZERO, 7), OK);
        f.advance(1);
        assertEquals(List.of(UP, CheckTopics.REAL_SERVER_WEIGHT_CHANGED), f.serverTopics());
        assertEquals(7, f.events(CheckTopics.REAL_SERVER_WEIGHT_CHANGED).get(0).props().get(CheckTopics.PROP_WEIGHT));
        assertTrue(f.out.logs.contains("Changing weight from 4 to 7 for active service " + RS_NAME + " of VS "
                + VS_NAME));
        assertTrue(f.out.logs.contains("Misc check for [" + RS_NAME + " VS " + VS_NAME + "] by [/opt/chk.sh] "
                + "succeeded."), f.out.logs.toString());
        f.advance(10); // same weight: nothing
        assertEquals(1, f.events(CheckTopics.REAL_SERVER_WEIGHT_CHANGED).size());
        f.advance(10); // exit 0 under misc_dynamic: back to the configured weight
        assertEquals(2, f.events(CheckTopics.REAL_SERVER_WEIGHT_CHANGED).size());
        assertEquals(4, f.engine.snapshot().get(0).weight());
    }

    @Test
    void miscFailureLogLine() {
        Fixture f = new Fixture();
        FakeChecker misc = new FakeChecker("MISC_CHECK", f.loop::millis);
        misc.retry = 0;
        misc.otherwise = CheckResult.failure(FailureCause.EXIT_CODE, "exited with status 1", Duration.ZERO);
        f.engine.bindChecker("MISC_CHECK", misc);
        f.engine.updateVirtualServer(VS, Fixture.vs());
        f.engine.updateRealServer(RS, Fixture.rs());
        f.engine.updateChecker("misc0", Fixture.checker("MISC_CHECK", 0, RS, "misc_path", "/opt/chk.sh"));
        f.advance(1);
        assertTrue(f.out.logs.contains("Misc check for [" + RS_NAME + " VS " + VS_NAME
                + "] by [/opt/chk.sh] failed (exited with status 1)."), f.out.logs.toString());
    }

    @Test
    void logAllFailuresLogsEachAttemptWhileUp() {
        Fixture f = new Fixture().bindTcp();
        f.tcp.then(OK, CheckResult.failure(FailureCause.TIMEOUT, "timeout", Duration.ofSeconds(5)));
        f.simple("retry", 3L, "log_all_failures", true);
        f.advance(1);
        f.out.clear();
        f.advance(10);
        assertEquals(List.of("TCP connection to " + RS_NAME + " timeout."), f.out.logs);
    }

    @Test
    void globalCheckerLogAllFailures() {
        Fixture f = new Fixture().bindTcp();
        f.engine.settings(Duration.ofSeconds(10), Duration.ZERO, true);
        f.tcp.then(OK, REFUSED);
        f.simple("retry", 3L);
        f.advance(11);
        assertTrue(f.out.logs.contains("TCP connection to " + RS_NAME + " failed."));
    }

    @Test
    void httpAndMiscDoNotRetryWhileDown() {
        Fixture f = new Fixture();
        FakeChecker http = new FakeChecker("HTTP_GET", f.loop::millis);
        http.delayBeforeRetry = Duration.ofSeconds(3);
        http.then(FakeChecker.OK);
        http.otherwise = REFUSED;
        f.engine.bindChecker("HTTP_GET", http);
        f.engine.updateVirtualServer(VS, Fixture.vs("delay_loop", 2 * S));
        f.engine.updateRealServer(RS, Fixture.rs());
        f.engine.updateChecker("http0", Fixture.checker("HTTP_GET", 0, RS, "retry", 1L));
        f.advance(0);
        f.advance(1 + 2 + 3); // 1 s success, 3 s fail, 6 s fail → down
        assertEquals(List.of(UP, DOWN), f.serverTopics());
        assertTrue(f.out.logs.contains("HTTP_CHECK on service " + RS_NAME + " failed after 1 retries."));
        f.advance(9); // down: every max(delay_before_retry 3 s, delay_loop 2 s), no retries
        assertEquals(List.of(1000L, 3000L, 6000L, 9000L, 12000L, 15000L), http.callsAtMillis);
        assertEquals(0, f.engine.snapshot().get(0).checkers().get(0).failedAttempts());
    }

    @Test
    void dnsDelayBeforeRetryDefaultsToDelayLoop() {
        Fixture f = new Fixture();
        FakeChecker dns = new FakeChecker("DNS_CHECK", f.loop::millis);
        dns.retry = 3;
        dns.otherwise = REFUSED;
        f.engine.bindChecker("DNS_CHECK", dns);
        f.engine.updateVirtualServer(VS, Fixture.vs("delay_loop", 5 * S));
        f.engine.updateRealServer(RS, Fixture.rs());
        f.engine.updateChecker("dns0", Fixture.checker("DNS_CHECK", 0, RS));
        f.advance(0);
        f.advance(1 + 5 + 5);
        assertEquals(List.of(1000L, 6000L, 11000L), dns.callsAtMillis);
    }
}
