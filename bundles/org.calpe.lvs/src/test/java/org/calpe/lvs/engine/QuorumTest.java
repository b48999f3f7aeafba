package org.calpe.lvs.engine;

import static org.calpe.lvs.engine.Fixture.VS;
import static org.calpe.lvs.engine.Fixture.VS_NAME;
import static org.calpe.lvs.engine.FakeChecker.REFUSED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTopics;
import org.calpe.check.api.dto.VirtualServerStatus;
import org.junit.jupiter.api.Test;

/** keepalived 2.2.7's virtual-server quorum (ipwrapper.c update_quorum_state, update_vs_notifies). */
class QuorumTest {
    static final String QUP = CheckTopics.VIRTUAL_SERVER_QUORUM_UP;
    static final String QDOWN = CheckTopics.VIRTUAL_SERVER_QUORUM_DOWN;

    /** Three real servers [198.18.1.n]:tcp:80, n = 1..count, one TCP_CHECK each (retry 0: one failure is down). */
    static final class World {
        final Fixture f = new Fixture();
        final ByServerChecker tcp = new ByServerChecker("TCP_CHECK");

        World(int count, Object... vsKv) {
            f.engine.bindChecker("TCP_CHECK", tcp);
            f.engine.updateVirtualServer(VS, Fixture.vs(vsKv));
            for (int n = 1; n <= count; n++) {
                addServer(n);
            }
        }

        void addServer(int n, Object... rsKv) {
            f.engine.updateRealServer(rsPid(n), Fixture.rsAt("198.18.1." + n, 80, rsKv));
            f.engine.updateChecker(checkPid(n), Fixture.checker("TCP_CHECK", 0, rsPid(n), "retry", 0L));
        }

        static String rsPid(int n) {
            return "org.calpe.lvs.RealServer~198.18.0.10_80_TCP__198.18.1." + n + "_80";
        }

        static String checkPid(int n) {
            return "org.calpe.check.Tcp~198.18.0.10_80_TCP__198.18.1." + n + "_80__TCP_CHECK_0";
        }

        static String name(int n) {
            return "[198.18.1." + n + "]:tcp:80";
        }

        /** Sets the answer for a server, then runs one delay_loop (10 s) so every server is checked. */
        void answer(int n, CheckResult r) {
            tcp.set(name(n), r);
            f.advance(10);
        }

        List<String> quorumTopics() {
            return f.out.topics().stream().filter(t -> t.contains("/VirtualServer/")).toList();
        }

        List<String> quorumLogs() {
            return f.out.logs.stream().filter(l -> l.contains("quorum")).toList();
        }

        Map<String, Object> last(String topic) {
            List<RecordingOutput.Posted> l = f.events(topic);
            return l.get(l.size() - 1).props();
        }
    }

    @Test
    void startUpGainsTheQuorumAndSaysItIsTheInitialState() {
        World w = new World(2, "quorum", 2L, "quorum_up", "/bin/qup \"a b\"", "quorum_down", "/bin/qdown");
        w.f.advance(0);
        assertEquals(List.of("Gained quorum 2+0=2 <= 2 for VS " + VS_NAME), w.quorumLogs(),
                "keepalived logs 'Gained quorum' at start-up too");
        assertEquals(List.of(QUP), w.quorumTopics());
        Map<String, Object> p = w.last(QUP);
        assertEquals(VS_NAME, p.get(CheckTopics.PROP_VIRTUAL_SERVER));
        assertEquals(2L, p.get(CheckTopics.PROP_QUORUM));
        assertEquals(0L, p.get(CheckTopics.PROP_HYSTERESIS));
        assertEquals(2L, p.get(CheckTopics.PROP_THRESHOLD));
        assertEquals(2L, p.get(CheckTopics.PROP_WEIGHT_SUM));
        assertEquals(Boolean.TRUE, p.get(CheckTopics.PROP_INIT), "the mail says 'Starting with quorum up'");
        assertEquals(Boolean.FALSE, p.get(CheckTopics.PROP_STOPPING));
        assertEquals("UP", p.get(CheckTopics.PROP_STATE));
        assertEquals(List.of(new RecordingOutput.Script("quorum_up " + VS_NAME, List.of("/bin/qup", "a b"))),
                w.f.out.scripts, "keepalived's argv: the configured words only");
        int realServerUps = w.f.events(CheckTopics.REAL_SERVER_UP).size();
        assertEquals(2, realServerUps);
        assertTrue(w.f.out.topics().indexOf(QUP) > w.f.out.topics().lastIndexOf(CheckTopics.REAL_SERVER_UP),
                "evaluated once the real servers are in place");
    }

    @Test
    void hysteresisWidensTheBandBothWays() {
        World w = new World(3, "quorum", 2L, "hysteresis", 1L, "quorum_down", "/bin/qdown");
        w.f.advance(0);
        assertEquals(List.of("Gained quorum 2+1=3 <= 3 for VS " + VS_NAME), w.quorumLogs());
        w.f.out.clear();
        w.answer(1, REFUSED); // sum 2
        w.answer(2, REFUSED); // sum 1: not below 2-1
        assertEquals(List.of(), w.quorumTopics(), "lost only below quorum - hysteresis");
        w.answer(3, REFUSED); // sum 0
        assertEquals(List.of(QDOWN), w.quorumTopics());
        assertEquals(List.of("Lost quorum 2-1=1 > 0 for VS " + VS_NAME), w.quorumLogs());
        Map<String, Object> p = w.last(QDOWN);
        assertEquals(1L, p.get(CheckTopics.PROP_THRESHOLD));
        assertEquals(0L, p.get(CheckTopics.PROP_WEIGHT_SUM));
        assertEquals(Boolean.FALSE, p.get(CheckTopics.PROP_INIT));
        assertEquals(List.of("/bin/qdown"), w.f.out.scripts.get(w.f.out.scripts.size() - 1).argv());
        assertFalse(w.f.engine.virtualServerSnapshot().get(0).quorumUp());
        w.f.out.clear();
        w.answer(1, FakeChecker.OK); // sum 1
        w.answer(2, FakeChecker.OK); // sum 2: not yet 2+1
        assertEquals(List.of(), w.quorumTopics(), "gained only at quorum + hysteresis");
        w.answer(3, FakeChecker.OK);
        assertEquals(List.of(QUP), w.quorumTopics());
        assertEquals(List.of("Gained quorum 2+1=3 <= 3 for VS " + VS_NAME), w.quorumLogs());
        assertEquals(Boolean.FALSE, w.last(QUP).get(CheckTopics.PROP_INIT), "the mail says 'Gained quorum'");
        assertEquals(List.of(), w.f.out.scripts, "no quorum_up configured");
    }

    @Test
    void alphaServersStartDownSilentlyWithoutSorryServer() {
        World w = new World(0);
        w.addServer(1);
        w.f.engine.updateChecker(World.checkPid(1), Fixture.checker("TCP_CHECK", 0, World.rsPid(1), "alpha", true));
        w.f.advance(0);
        assertEquals(List.of(), w.quorumTopics(), "keepalived announces a start down only with a sorry server");
        assertEquals(List.of(), w.quorumLogs());
        assertFalse(w.f.engine.virtualServerSnapshot().get(0).quorumUp());
        w.f.advance(1); // first success
        assertEquals(List.of(QUP), w.quorumTopics());
        assertEquals(Boolean.FALSE, w.last(QUP).get(CheckTopics.PROP_INIT));
    }

    @Test
    void startingDownIsAnnouncedOnceWithASorryServer() {
        World w = new World(0, "sorry_server", "198.18.9.9 80", "quorum_down", "/bin/qdown");
        w.addServer(1);
        w.f.engine.updateChecker(World.checkPid(1), Fixture.checker("TCP_CHECK", 0, World.rsPid(1), "alpha", true));
        w.tcp.otherwise = REFUSED;
        w.f.advance(0);
        assertEquals(List.of("Starting with quorum down 1-0=1 > 0 for VS " + VS_NAME), w.quorumLogs(),
                "the threshold printed is quorum + hysteresis (the one compared with)");
        assertEquals(List.of(QDOWN), w.quorumTopics());
        assertEquals(Boolean.TRUE, w.last(QDOWN).get(CheckTopics.PROP_INIT));
        assertEquals(List.of(new RecordingOutput.Script("quorum_down " + VS_NAME, List.of("/bin/qdown"))),
                w.f.out.scripts);
        w.f.out.clear();
        w.f.engine.updateVirtualServer(VS, Fixture.vs("sorry_server", "198.18.9.9 80", "quorum_down", "/bin/qd2"));
        w.f.advance(0);
        assertEquals(List.of(), w.quorumTopics(), "a reload does not announce it again (the sorry server is in)");
    }

    @Test
    void quorumAndHysteresisAreAdjustedToTheTotalWeight() {
        World w = new World(2, "quorum", 5L, "hysteresis", 3L);
        w.f.advance(0);
        VirtualServerStatus s = w.f.engine.virtualServerSnapshot().get(0);
        assertEquals(2, s.quorum(), "quorum above the total weight 2 is lowered to it");
        assertEquals(1, s.hysteresis(), "hysteresis >= quorum becomes quorum - 1");
        assertEquals(2, s.weightSum());
        assertFalse(s.quorumUp(), "2+1 can never be reached with a total weight of 2: keepalived stays down too");
        assertEquals(List.of(), w.quorumTopics());
    }

    @Test
    void weightsCountNotServers() {
        World w = new World(0, "quorum", 4L);
        w.addServer(1, "weight", 3L);
        w.addServer(2, "weight", 2L);
        w.f.advance(0);
        assertEquals(List.of("Gained quorum 4+0=4 <= 5 for VS " + VS_NAME), w.quorumLogs());
        w.f.out.clear();
        w.answer(2, REFUSED); // 3 < 4
        assertEquals(List.of("Lost quorum 4-0=4 > 3 for VS " + VS_NAME), w.quorumLogs());
    }

    @Test
    void inhibitedDeadServersDoNotCount() {
        World w = new World(0, "quorum", 2L);
        w.addServer(1, "inhibit_on_failure", true);
        w.addServer(2);
        w.f.advance(0);
        w.f.out.clear();
        w.answer(1, REFUSED);
        assertTrue(w.f.engine.snapshot().get(0).inhibited());
        assertEquals(List.of("Lost quorum 2-0=2 > 1 for VS " + VS_NAME), w.quorumLogs());
    }

    @Test
    void realServersWithoutCheckersAreAliveAndCount() {
        World w = new World(1, "quorum", 2L);
        w.f.engine.updateRealServer(World.rsPid(2), Fixture.rsAt("198.18.1.2", 80));
        w.f.advance(0);
        assertEquals(List.of("Gained quorum 2+0=2 <= 2 for VS " + VS_NAME), w.quorumLogs());
        w.f.out.clear();
        w.answer(1, REFUSED);
        assertEquals(List.of("Lost quorum 2-0=2 > 1 for VS " + VS_NAME), w.quorumLogs());
    }

    @Test
    void dynamicWeightChangesUpdateTheQuorum() {
        Fixture f = new Fixture();
        FakeChecker misc = new FakeChecker("MISC_CHECK", f.loop::millis);
        f.engine.bindChecker("MISC_CHECK", misc);
        f.engine.updateVirtualServer(VS, Fixture.vs("quorum", 3L));
        f.engine.updateRealServer(Fixture.RS, Fixture.rs("weight", 3L));
        f.engine.updateChecker("misc0", Fixture.checker("MISC_CHECK", 0, Fixture.RS, "misc_path", "/bin/true",
                "misc_dynamic", true));
        f.advance(0);
        assertTrue(f.out.logs.contains("Gained quorum 3+0=3 <= 3 for VS " + VS_NAME));
        misc.then(CheckResult.success(Duration.ofMillis(1), 1), CheckResult.success(Duration.ofMillis(1), 3));
        f.out.clear();
        f.advance(1);
        assertTrue(f.out.logs.contains("Lost quorum 3-0=3 > 1 for VS " + VS_NAME), f.out.logs.toString());
        assertEquals(List.of(CheckTopics.REAL_SERVER_WEIGHT_CHANGED, QDOWN), f.out.topics());
        f.out.clear();
        f.advance(10);
        assertEquals(List.of(CheckTopics.REAL_SERVER_WEIGHT_CHANGED, QUP), f.out.topics());
    }

    @Test
    void reloadRemovingServersNotifiesTheOldVirtualServerWithoutLogging() {
        World w = new World(2, "quorum", 2L, "quorum_down", "/bin/qdown");
        w.f.advance(0);
        w.f.out.clear();
        w.f.engine.deleteChecker(World.checkPid(2));
        w.f.engine.deleteRealServer(World.rsPid(2));
        w.f.advance(0);
        // update_vs_notifies on the old virtual server: quorum 2, 1 left → its loss is notified (no log line) ...
        assertEquals(List.of(QDOWN), w.quorumTopics());
        Map<String, Object> p = w.last(QDOWN);
        assertEquals(2L, p.get(CheckTopics.PROP_QUORUM));
        assertEquals(1L, p.get(CheckTopics.PROP_WEIGHT_SUM));
        assertEquals(Boolean.FALSE, p.get(CheckTopics.PROP_INIT));
        assertEquals(List.of(), w.quorumLogs());
        assertEquals(List.of("/bin/qdown"), w.f.out.scripts.get(w.f.out.scripts.size() - 1).argv());
        // ... while the new one (quorum lowered to the new total 1) keeps the quorum it copied
        VirtualServerStatus s = w.f.engine.virtualServerSnapshot().get(0);
        assertTrue(s.quorumUp());
        assertEquals(1, s.quorum());
    }

    @Test
    void virtualServerRemovedWithTheQuorumNotifiesItsLoss() {
        World w = new World(1);
        w.f.advance(0);
        w.f.out.clear();
        w.f.engine.deleteChecker(World.checkPid(1));
        w.f.engine.deleteRealServer(World.rsPid(1));
        w.f.engine.deleteVirtualServer(VS);
        w.f.advance(0);
        assertEquals(List.of(QDOWN), w.quorumTopics());
        assertEquals(0L, w.last(QDOWN).get(CheckTopics.PROP_WEIGHT_SUM));
        assertEquals(List.of(), w.f.engine.virtualServerSnapshot());
    }

    @Test
    void virtualServerWithoutRealServersDoesNotExist() {
        Fixture f = new Fixture();
        f.engine.updateVirtualServer(VS, Fixture.vs("sorry_server", "198.18.9.9 80"));
        f.advance(0);
        assertEquals(List.of(), f.engine.virtualServerSnapshot(), "keepalived: 'has no real servers - ignoring'");
        assertEquals(List.of(), f.out.events);
    }

    @Test
    void changingTheQuorumOnReloadIsAnInitEvaluation() {
        World w = new World(2);
        w.f.advance(0);
        w.f.out.clear();
        w.f.engine.updateVirtualServer(VS, Fixture.vs("quorum", 2L, "hysteresis", 1L));
        w.f.advance(0);
        assertEquals(List.of(), w.quorumTopics(), "2 >= 2-1: kept");
        w.answer(1, REFUSED);
        assertEquals(List.of(), w.quorumTopics(), "1 is not below 2-1");
        w.f.engine.updateVirtualServer(VS, Fixture.vs("quorum", 2L));
        w.f.advance(0);
        assertEquals(List.of(QDOWN), w.quorumTopics());
        assertEquals(List.of("Starting with quorum down 2-0=2 > 1 for VS " + VS_NAME), w.quorumLogs(),
                "the reload's evaluation is keepalived's init one");
        assertEquals(Boolean.TRUE, w.last(QDOWN).get(CheckTopics.PROP_INIT));
    }

    @Test
    void theKeptWeightSumFollowsEveryChange() {
        World w = new World(0, "quorum", 12L, "hysteresis", 3L);
        for (int n = 1; n <= 6; n++) {
            w.addServer(n, "weight", (long) n, "inhibit_on_failure", n % 2 == 0);
        }
        w.f.advance(0);
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int round = 0; round < 40; round++) {
            for (int n = 1; n <= 6; n++) {
                w.tcp.set(World.name(n), random.nextInt(3) == 0 ? REFUSED : FakeChecker.OK);
            }
            if (round == 20) { // a reload in the middle: one server leaves
                w.f.engine.deleteChecker(World.checkPid(6));
                w.f.engine.deleteRealServer(World.rsPid(6));
            }
            w.f.advance(10);
            long expected = w.f.engine.snapshot().stream()
                    .filter(r -> r.state() == org.calpe.check.api.RealServerState.UP).mapToLong(r -> r.weight()).sum();
            VirtualServerStatus s = w.f.engine.virtualServerSnapshot().get(0);
            assertEquals(expected, s.weightSum(), "round " + round);
            if (s.weightSum() >= s.quorum() + s.hysteresis()) {
                assertTrue(s.quorumUp(), "round " + round);
            } else if (s.weightSum() < s.quorum() - s.hysteresis()) {
                assertFalse(s.quorumUp(), "round " + round);
            }
        }
        assertTrue(w.f.events(QDOWN).size() > 1 && w.f.events(QUP).size() > 1, "it flapped");
    }

    @Test
    void gogoListsTheQuorum() {
        World w = new World(3, "quorum", 2L, "hysteresis", 1L);
        w.f.advance(0);
        assertEquals(VS_NAME + "  quorum UP  weight sum 3  quorum 2  hysteresis 1\n",
                ChecksCommand.quorums(w.f.engine.virtualServerSnapshot()));
        w.answer(1, REFUSED);
        w.answer(2, REFUSED);
        w.answer(3, REFUSED);
        assertEquals(VS_NAME + "  quorum DOWN  weight sum 0  quorum 2  hysteresis 1\n",
                ChecksCommand.quorums(w.f.engine.virtualServerSnapshot()));
    }
}
