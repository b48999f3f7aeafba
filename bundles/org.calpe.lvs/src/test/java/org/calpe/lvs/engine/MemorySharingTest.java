package org.calpe.lvs.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What keeps the engine's memory per real server small: shared strings, compact configuration copies. */
class MemorySharingTest {
    private static final long S = 1_000_000L;

    @Test
    void sharedStringsGiveOneInstanceAndStayBounded() {
        SharedStrings shared = new SharedStrings();
        String a = shared.apply(new String("3000000"));
        assertSame(a, shared.apply(new String("3000000")));
        assertNull(shared.apply(null));
        for (int i = 0; i < SharedStrings.LIMIT + 10; i++) {
            shared.apply("s" + i);
        }
        assertTrue(shared.size() <= SharedStrings.LIMIT);
        assertNotSame(a, shared.apply(new String("3000000")), "started over past the limit");
    }

    @Test
    void realServersOfOneVirtualServerShareItsNameAndOptionNumbers() {
        SharedStrings shared = new SharedStrings();
        Map<String, Object> vs = Fixture.vs("delay_loop", 6 * S);
        Map<String, Object> rs1 = Fixture.rsAt("198.18.1.1", 80);
        Map<String, Object> rs2 = Fixture.rsAt("198.18.1.2", 80);
        RealServerSpec a = SpecBuilder.build("rs1", vs, rs1, List.of(Fixture.tcp(0, "connect_timeout", 3 * S)),
                shared);
        RealServerSpec b = SpecBuilder.build("rs2", vs, rs2, List.of(Fixture.tcp(0, "connect_timeout", 3 * S)),
                shared);
        assertSame(a.virtualServer(), b.virtualServer());
        Map<String, Object> oa = a.checks().get(0).target().options();
        Map<String, Object> ob = b.checks().get(0).target().options();
        for (String k : List.of("connect_timeout", "delay_loop", "virtual_server.delay_loop")) {
            assertEquals(oa.get(k), ob.get(k), k);
            assertSame(oa.get(k), ob.get(k), k);
        }
        assertEquals("3000000", oa.get("connect_timeout"));
        assertEquals(SpecBuilder.build("rs1", vs, rs1, List.of(Fixture.tcp(0, "connect_timeout", 3 * S))), a,
                "sharing changes no value");
    }

    @Test
    void configStoreKeepsWhatTheEngineReadsAndAListOfCheckers() {
        ConfigStore store = new ConfigStore();
        Map<String, Object> rs = Fixture.rs("calpe.hash", "ab", "calpe.label", "x", "calpe.managed", true,
                "service.factoryPid", "org.calpe.lvs.RealServer", "calpe.source", "/k.conf:3", "weight", 2);
        store.putRealServer(Fixture.RS, rs);
        Map<String, Object> kept = store.realServer(Fixture.RS);
        for (String k : ConfigStore.UNREAD) {
            assertFalse(kept.containsKey(k), k);
        }
        assertEquals(2, kept.get("weight"));
        assertEquals("/k.conf:3", kept.get("calpe.source"));
        assertEquals("198.18.1.1", kept.get("calpe.address"));

        assertEquals(java.util.Set.of(Fixture.RS), store.putChecker("c0", Fixture.tcp(0, "calpe.hash", "cd")));
        store.putChecker("c1", Fixture.tcp(1));
        store.putChecker("c0", Fixture.tcp(0, "connect_timeout", S)); // an update keeps one entry, now last
        List<Map<String, Object>> checks = store.checkersOf(Fixture.RS);
        assertEquals(List.of("c1", "c0"), checks.stream().map(m -> m.get("service.pid")).toList());
        assertFalse(checks.get(1).containsKey("calpe.hash"));
        assertEquals(S, checks.get(1).get("connect_timeout"));
        store.removeChecker("c1");
        store.removeChecker("c0");
        assertTrue(store.checkersOf(Fixture.RS).isEmpty());
        // a checker moved to another real server leaves the first
        store.putChecker("c2", Fixture.tcp(0));
        store.putChecker("c2", Fixture.checker("TCP_CHECK", 0, "other"));
        assertTrue(store.checkersOf(Fixture.RS).isEmpty());
        assertEquals(1, store.checkersOf("other").size());
    }
}
