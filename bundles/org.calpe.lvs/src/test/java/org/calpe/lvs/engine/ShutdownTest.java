package org.calpe.lvs.engine;

import static org.calpe.lvs.engine.Fixture.VS;
import static org.calpe.lvs.engine.Fixture.VS_NAME;
import static org.calpe.lvs.engine.FakeChecker.REFUSED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.calpe.check.api.CheckTopics;
import org.junit.jupiter.api.Test;

/** keepalived 2.2.7's clear_services(stopping) when the checker process exits. */
class ShutdownTest {
    static final String QDOWN = CheckTopics.VIRTUAL_SERVER_QUORUM_DOWN;

    /** RS 1 alive (notify_down), RS 2 inhibited and dead, RS 3 alive without checkers. */
    private static QuorumTest.World world(Object... vsKv) {
        QuorumTest.World w = new QuorumTest.World(0, vsKv);
        w.addServer(1, "notify_down", "/bin/down one", "notify_up", "/bin/up", "calpe.source", "k.conf:10");
        w.addServer(2, "inhibit_on_failure", true, "notify_down", "/bin/down two", "calpe.source", "k.conf:20");
        w.f.engine.updateRealServer(QuorumTest.World.rsPid(3), Fixture.rsAt("198.18.1.3", 80, "notify_down",
                "/bin/down three", "calpe.source", "k.conf:30"));
        w.tcp.set(QuorumTest.World.name(2), REFUSED);
        w.f.advance(1);
        w.f.out.clear();
        return w;
    }

    @Test
    void withoutOmegaOnlyLogs() {
        QuorumTest.World w = world("quorum_down", "/bin/qdown");
        w.f.engine.shutdown(false);
        assertEquals(List.of("Shutting down service [198.18.1.1]:tcp:80 from VS " + VS_NAME,
                "Shutting down (inhibited) service [198.18.1.2]:tcp:80 from VS " + VS_NAME,
                "Shutting down service [198.18.1.3]:tcp:80 from VS " + VS_NAME), w.f.out.logs);
        assertEquals(List.of(), w.f.out.events, "no mail without omega");
        assertEquals(List.of(), w.f.out.scripts, "no notify_down, no quorum_down without omega");
        w.f.advance(60);
        assertEquals(List.of(), w.f.out.events, "checks stopped");
    }

    @Test
    void omegaNotifiesAliveServersAndTheQuorum() {
        QuorumTest.World w = world("omega", true, "quorum_down", "/bin/qdown", "quorum_up", "/bin/qup");
        w.f.engine.shutdown(false);
        assertEquals(List.of(CheckTopics.REAL_SERVER_DOWN, CheckTopics.REAL_SERVER_DOWN, QDOWN), w.f.out.topics());
        Map<String, Object> rs1 = w.f.out.events.get(0).props();
        assertEquals("[198.18.1.1]:tcp:80", rs1.get(CheckTopics.PROP_REAL_SERVER));
        assertEquals(Boolean.TRUE, rs1.get(CheckTopics.PROP_STOPPING), "the mail says '=> Shutting down <='");
        assertEquals("DOWN", rs1.get(CheckTopics.PROP_STATE));
        assertEquals("[198.18.1.3]:tcp:80", w.f.out.events.get(1).props().get(CheckTopics.PROP_REAL_SERVER),
                "a real server without checkers is alive too");
        Map<String, Object> q = w.f.out.events.get(2).props();
        assertEquals(Boolean.TRUE, q.get(CheckTopics.PROP_STOPPING));
        assertEquals(VS_NAME, q.get(CheckTopics.PROP_VIRTUAL_SERVER));
        assertEquals(List.of(List.of("/bin/down", "one"), List.of("/bin/down", "three"), List.of("/bin/qdown")),
                w.f.out.scripts.stream().map(RecordingOutput.Script::argv).toList(),
                "omega: notify_down of the alive ones (not the inhibited dead one), then quorum_down");
    }

    @Test
    void omegaAnnouncesTheQuorumGoingDownEvenIfItWasDown() {
        QuorumTest.World w = new QuorumTest.World(1, "omega", true, "quorum", 1L);
        w.tcp.otherwise = REFUSED;
        w.f.advance(1);
        assertTrue(w.f.out.topics().contains(QDOWN));
        w.f.out.clear();
        w.f.engine.shutdown(false);
        assertEquals(List.of(QDOWN), w.f.out.topics(), "update_vs_notifies(stopping) notifies whatever the state");
        assertEquals(List.of("Shutting down service [198.18.1.1]:tcp:80 from VS " + VS_NAME), w.f.out.logs,
                "a dead real server is only logged");
    }

    @Test
    void flushOnStopSkipsTheRealServers() {
        QuorumTest.World w = world("omega", true, "quorum_down", "/bin/qdown");
        w.f.engine.shutdown(true);
        assertEquals(List.of(QDOWN), w.f.out.topics(), "lvs_flush_on_stop: only the virtual servers are notified");
        assertEquals(List.of(), w.f.out.logs);
        assertEquals(List.of(List.of("/bin/qdown")),
                w.f.out.scripts.stream().map(RecordingOutput.Script::argv).toList());
    }

    @Test
    void virtualServersInConfigurationOrderAndOnlyOnce() {
        QuorumTest.World w = world("omega", true, "calpe.source", "k.conf:5");
        String vs2 = "org.calpe.lvs.VirtualServer~198.18.0.11_80_TCP";
        w.f.engine.updateVirtualServer(vs2, Fixture.vs("calpe.address", "198.18.0.11", "omega", true,
                "calpe.source", "k.conf:1"));
        w.f.engine.updateRealServer("rs9", Fixture.rsAt("198.18.2.1", 80, "calpe.virtual_server", vs2));
        w.f.advance(0);
        w.f.out.clear();
        w.f.engine.shutdown(false);
        w.f.engine.shutdown(false);
        List<Object> order = w.f.out.events.stream().map(e -> e.props().get(CheckTopics.PROP_VIRTUAL_SERVER))
                .toList();
        assertEquals(List.of("[198.18.0.11]:tcp:80", "[198.18.0.11]:tcp:80", VS_NAME, VS_NAME, VS_NAME), order);
    }
}
