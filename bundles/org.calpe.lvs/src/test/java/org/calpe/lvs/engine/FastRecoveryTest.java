package org.calpe.lvs.engine;

import static org.calpe.lvs.engine.Fixture.RS;
import static org.calpe.lvs.engine.Fixture.S;
import static org.calpe.lvs.engine.Fixture.VS;
import static org.calpe.lvs.engine.FakeChecker.OK;
import static org.calpe.lvs.engine.FakeChecker.REFUSED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * HTTP_GET / SSL_GET {@code fast_recovery} (keepalived 2.2.7 check_http.c epilog): when the checker has not run or
 * is down without a failed url, the next check is registered at once instead of after the delay.
 */
class FastRecoveryTest {
    private static final String HTTP0 = "org.calpe.check.HttpGet~198.18.0.10_80_TCP__198.18.1.1_80__HTTP_GET_0";

    /** One HTTP-style checker of {@code type} on the fixture's real server, failing unless told otherwise. */
    private record Http(Fixture f, FakeChecker c) {
    }

    private static Http http(String type, Consumer<FakeChecker> setup, Object... kv) {
        Fixture f = new Fixture();
        FakeChecker c = new FakeChecker(type, f.loop::millis);
        c.otherwise = REFUSED;
        setup.accept(c);
        f.engine.bindChecker(type, c);
        f.engine.updateVirtualServer(VS, Fixture.vs());
        f.engine.updateRealServer(RS, Fixture.rs());
        f.engine.updateChecker(HTTP0, Fixture.checker(type, 0, RS, kv));
        f.advance(0);
        return new Http(f, c);
    }

    /**
     * An alpha HTTP_GET checker added by a reload to a real server that is down (its TCP_CHECK fails): it starts
     * down without a failed url and, unlike a checker started with the configuration, gets its retries.
     */
    private static Http addedToADownServer(Object... kv) {
        Fixture f = new Fixture().bindTcp();
        f.tcp.otherwise = REFUSED;
        FakeChecker c = new FakeChecker("HTTP_GET", f.loop::millis);
        c.otherwise = REFUSED;
        f.engine.bindChecker("HTTP_GET", c);
        f.simple();
        f.advance(1); // TCP_CHECK fails: the real server is down
        f.engine.updateChecker(HTTP0, Fixture.checker("HTTP_GET", 0, RS, kv));
        f.advance(0);
        return new Http(f, c);
    }

    @Test
    void downAlphaCheckerRetriesAtOnceUntilItHasAFailedUrl() {
        Http h = addedToADownServer("alpha", true, "retry", 2L, "delay_before_retry", 3 * S, "fast_recovery", "true");
        h.f().advance(20);
        assertEquals(List.of(2000L, 2000L, 12000L), h.c().callsAtMillis,
                "down, no failed url: at once; then down with a failed url: max(delay_before_retry, delay_loop)");
    }

    @Test
    void withoutFastRecoveryTheRetryWaits() {
        Http h = addedToADownServer("alpha", true, "retry", 2L, "delay_before_retry", 3 * S, "fast_recovery", "no");
        h.f().advance(20);
        assertEquals(List.of(2000L, 5000L, 15000L), h.c().callsAtMillis);
    }

    @Test
    void anAlphaCheckerStartedWithTheConfigurationHasItsFailedUrlAtOnce() {
        // keepalived sets retry_it = retry at start: the first failure exhausts the retries
        Http h = http("HTTP_GET", c -> { }, "alpha", true, "retry", 2L, "delay_before_retry", 3 * S,
                "fast_recovery", "true");
        h.f().advance(20);
        assertEquals(List.of(1000L, 11000L), h.c().callsAtMillis);
    }

    @Test
    void anUpCheckerRetriesAfterTheDelay() {
        Http h = http("SSL_GET", c -> c.then(OK, REFUSED, REFUSED, OK), "retry", 1L, "delay_before_retry", 3 * S,
                "fast_recovery", true);
        h.f().advance(30);
        assertEquals(List.of(1000L, 11000L, 14000L, 24000L), h.c().callsAtMillis,
                "up: retry after delay_before_retry; down after a failed url: max(delay_before_retry, delay_loop)");
    }

    @Test
    void otherCheckerTypesIgnoreIt() {
        Http h = http("TCP_CHECK", c -> c.then(OK), "retry", 2L, "delay_before_retry", 3 * S,
                "fast_recovery", true);
        h.f().advance(1 + 10 + 3 + 3);
        assertEquals(List.of(1000L, 11000L, 14000L, 17000L), h.c().callsAtMillis);
    }
}
