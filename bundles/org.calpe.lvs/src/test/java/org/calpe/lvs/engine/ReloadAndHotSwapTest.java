package org.calpe.lvs.engine;

import static org.calpe.lvs.engine.FakeChecker.OK;
import static org.calpe.lvs.engine.FakeChecker.REFUSED;
import static org.calpe.lvs.engine.Fixture.DOWN;
import static org.calpe.lvs.engine.Fixture.RS;
import static org.calpe.lvs.engine.Fixture.RS_NAME;
import static org.calpe.lvs.engine.Fixture.S;
import static org.calpe.lvs.engine.Fixture.TCP0;
import static org.calpe.lvs.engine.Fixture.UP;
import static org.calpe.lvs.engine.Fixture.VS;
import static org.calpe.lvs.engine.Fixture.VS_NAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.calpe.check.api.CheckTopics;
import org.calpe.check.api.RealServerState;
import org.junit.jupiter.api.Test;

class ReloadAndHotSwapTest {

    @Test
    void unchangedConfigurationTouchesNothing() {
        Fixture f = new Fixture().bindTcp().simple();
        f.advance(1);
        f.out.clear();
        f.engine.updateVirtualServer(VS, Fixture.vs());
        f.engine.updateRealServer(RS, Fixture.rs());
        f.engine.updateChecker(TCP0, Fixture.tcp(0));
        f.advance(0);
        assertEquals(List.of(), f.out.logs);
        assertEquals(List.of(), f.out.events);
        f.advance(9.999);
        assertEquals(1, f.tcp.callsAtMillis.size(), "schedule kept: next check still at 11 s");
        f.advance(0.001);
        assertEquals(List.of(1000L, 11000L), f.tcp.callsAtMillis);
    }

    @Test
    void changedCheckerKeepsItsStateByIdentity() {
        Fixture f = new Fixture().bindTcp();
        f.tcp.otherwise = REFUSED;
        f.simple("retry", 0L);
        f.advance(1);
        assertEquals(List.of(UP, DOWN), f.serverTopics());
        f.out.clear();
        f.engine.updateChecker(TCP0, Fixture.tcp(0, "retry", 0L, "connect_timeout", 2 * S));
        f.advance(0);
        assertEquals(List.of(), f.out.events, "same VS, address, port, type and index: state kept, no event");
        assertEquals(RealServerState.DOWN, f.engine.snapshot().get(0).state());
        f.tcp.otherwise = OK;
        f.advance(10);
        assertEquals(Duration.ofSeconds(2), f.tcp.targets.get(1).connectTimeout(), "new settings in use");
        assertEquals(List.of(CheckTopics.CHECKER_UP, UP, CheckTopics.VIRTUAL_SERVER_QUORUM_UP), f.out.topics());
    }

    @Test
    void retryProgressIsCappedWhenRetryShrinks() {
        Fixture f = new Fixture().bindTcp();
        f.tcp.then(OK, REFUSED, REFUSED);
        f.simple("retry", 5L, "delay_before_retry", S);
        f.advance(1 + 10 + 1); // a success, then two failures counted
        assertEquals(2, f.engine.snapshot().get(0).checkers().get(0).failedAttempts());
        f.engine.updateChecker(TCP0, Fixture.tcp(0, "retry", 1L, "delay_before_retry", S));
        f.advance(0);
        assertEquals(0, f.engine.snapshot().get(0).checkers().get(0).failedAttempts(), "capped to retry - 1");
        f.tcp.then(REFUSED);
        f.advance(1);
        assertEquals(1, f.engine.snapshot().get(0).checkers().get(0).failedAttempts());
    }

    @Test
    void removedRealServerIsDroppedWithoutEvent() {
        Fixture f = new Fixture().bindTcp();
        f.engine.updateVirtualServer(VS, Fixture.vs());
        f.engine.updateRealServer(RS, Fixture.rs("notify_down", "/bin/down.sh"));
        f.engine.updateChecker(TCP0, Fixture.tcp(0));
        f.advance(1);
        f.tcp.hold = true;
        f.advance(10); // a check in flight
        f.out.clear();
        f.engine.deleteChecker(TCP0);
        f.engine.deleteRealServer(RS);
        f.advance(0);
        assertEquals(List.of(), f.serverTopics(), "no DOWN event for a removed server");
        assertEquals(List.of("service " + RS_NAME + " no longer exist",
                "Removing service " + RS_NAME + " from VS " + VS_NAME), f.out.logs);
        assertEquals(List.of("/bin/down.sh"), f.out.scripts.get(0).argv(),
                "keepalived's clear_service_rs runs notify_down for an alive server removed by a reload");
        assertTrue(f.tcp.pending.get(0).isCancelled(), "the in-flight check is cancelled");
        assertEquals(0, f.engine.size());
        f.tcp.pending.get(0).complete(REFUSED);
        f.advance(60);
        assertEquals(2, f.tcp.callsAtMillis.size(), "no more checks");
    }

    @Test
    void checkersArriveInAnyOrderWithinTheSettleDelay() {
        Fixture f = new Fixture();
        CheckEngine e = new CheckEngine(f.loop, f.out, new java.util.Random(1), Duration.ofSeconds(10),
                Duration.ofMillis(200));
        e.bindChecker("TCP_CHECK", f.tcp);
        e.updateChecker(TCP0, Fixture.tcp(0, "alpha", true));
        f.loop.advance(Duration.ofMillis(50));
        e.updateRealServer(RS, Fixture.rs());
        f.loop.advance(Duration.ofMillis(50));
        e.updateVirtualServer(VS, Fixture.vs());
        f.loop.advance(Duration.ofMillis(199));
        assertEquals(0, e.size(), "waits for the configuration to settle");
        f.loop.advance(Duration.ofMillis(1));
        assertEquals(1, e.size());
        assertEquals(List.of(), f.out.events, "alpha: no UP");
    }

    @Test
    void checkerTypeGoneSuspendsChecksAndQuickReturnIsInvisible() {
        Fixture f = new Fixture().bindTcp().simple();
        f.advance(1);
        f.tcp.hold = true;
        f.advance(10); // check in flight
        f.out.clear();
        FakeChecker old = f.tcp;
        f.engine.unbindChecker("TCP_CHECK", old);
        assertTrue(old.pending.get(0).isCancelled(), "in-flight check cancelled");
        f.advance(5);
        FakeChecker fresh = new FakeChecker("TCP_CHECK", f.loop::millis);
        f.engine.bindChecker("TCP_CHECK", fresh);
        f.advance(0);
        assertEquals(List.of(16000L), fresh.callsAtMillis, "the suspended check runs as soon as a service is back");
        f.advance(60);
        assertEquals(List.of(), f.out.events, "no event at all: within the grace period, state kept");
        assertEquals(RealServerState.UP, f.engine.snapshot().get(0).state());
    }

    @Test
    void checkerTypeGoneForLongerThanGraceIsReportedNotDown() {
        Fixture f = new Fixture().bindTcp().simple();
        f.advance(1);
        f.out.clear();
        f.engine.unbindChecker("TCP_CHECK", f.tcp);
        f.advance(9.999);
        assertEquals(List.of(), f.out.events);
        assertFalse(f.engine.snapshot().get(0).checkers().get(0).available());
        f.advance(0.001);
        assertEquals(List.of(CheckTopics.CHECKER_UNAVAILABLE), f.out.topics());
        assertEquals("TCP_CHECK", f.out.events.get(0).props().get(CheckTopics.PROP_CHECKER_TYPE));
        assertEquals(RS_NAME, f.out.events.get(0).props().get(CheckTopics.PROP_REAL_SERVER));
        assertTrue(f.out.logs.get(f.out.logs.size() - 1).startsWith("WARN no TCP_CHECK checker service"));
        f.advance(120);
        assertEquals(RealServerState.UP, f.engine.snapshot().get(0).state(), "never down for a missing checker");
        assertEquals(1, f.out.events.size());
        FakeChecker back = new FakeChecker("TCP_CHECK", f.loop::millis);
        back.otherwise = REFUSED;
        f.engine.bindChecker("TCP_CHECK", back);
        f.advance(0);
        assertEquals(List.of(CheckTopics.CHECKER_UNAVAILABLE, CheckTopics.CHECKER_AVAILABLE), f.out.topics());
        assertEquals(1, back.callsAtMillis.size(), "resumed at once");
        f.advance(1);
        assertEquals(DOWN, f.serverTopics().get(f.serverTopics().size() - 1), "and resumes its retry logic");
    }

    @Test
    void checkerTypeNeverPresentIsReportedTheSameWay() {
        Fixture f = new Fixture();
        f.simple();
        f.advance(10);
        assertEquals(List.of(UP, CheckTopics.VIRTUAL_SERVER_QUORUM_UP, CheckTopics.CHECKER_UNAVAILABLE),
                f.out.topics());
        assertEquals(RealServerState.UP, f.engine.snapshot().get(0).state());
        f.bindTcp();
        f.advance(0);
        assertEquals(1, f.tcp.callsAtMillis.size());
        assertEquals(CheckTopics.CHECKER_AVAILABLE, f.out.topics().get(3));
    }

    @Test
    void anotherServiceOfTheTypeTakesOverAtOnce() {
        Fixture f = new Fixture().bindTcp().simple();
        FakeChecker second = new FakeChecker("TCP_CHECK", f.loop::millis);
        f.engine.bindChecker("TCP_CHECK", second);
        f.advance(1);
        f.tcp.hold = true;
        f.advance(10);
        f.out.clear();
        f.engine.unbindChecker("TCP_CHECK", f.tcp);
        f.advance(0);
        assertTrue(f.tcp.pending.get(0).isCancelled());
        assertEquals(List.of(11000L), second.callsAtMillis, "the check is asked again of the remaining service");
        f.advance(30);
        assertEquals(List.of(), f.out.events);
    }

    @Test
    void statusListsServersInConfigurationOrder() {
        Fixture f = new Fixture().bindTcp();
        f.engine.updateVirtualServer(VS, Fixture.vs());
        f.engine.updateRealServer("b", Fixture.rsAt("198.18.1.2", 80, "calpe.source", "/etc/k.conf:40"));
        f.engine.updateChecker("cb", Fixture.checker("TCP_CHECK", 0, "b"));
        f.engine.updateRealServer("a", Fixture.rsAt("198.18.1.3", 80, "calpe.source", "/etc/k.conf:9"));
        f.engine.updateChecker("ca", Fixture.checker("TCP_CHECK", 0, "a"));
        f.advance(0);
        assertEquals(List.of("[198.18.1.3]:tcp:80", "[198.18.1.2]:tcp:80"),
                f.engine.snapshot().stream().map(s -> s.realServer()).toList());
    }
}
