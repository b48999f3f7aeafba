package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.calpe.exec.api.RunAs;
import org.calpe.exec.api.ScriptCommand;
import org.calpe.vrrp.core.fsm.Tracker;
import org.calpe.vrrp.core.track.TrackScript;
import org.junit.jupiter.api.Test;

/** vrrp_script, vrrp_sync_group and track_* properties (as config.keepalived writes them) to the runtime's specs. */
class TrackSpecTest {

    private static Map<String, Object> script(String name, Object... kv) {
        Map<String, Object> p = new HashMap<>();
        p.put("calpe.name", name);
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void trackEntries() {
        assertEquals(new TrackRef("eth0", null, null), TrackRef.parse("eth0"));
        assertEquals(new TrackRef("eth0", -20, null), TrackRef.parse("eth0 weight -20"));
        assertEquals(new TrackRef("chk", 30, true), TrackRef.parse(" chk  weight 30 reverse"));
        assertEquals(new TrackRef("chk", 30, false), TrackRef.parse("chk weight 30 noreverse"));
        assertThrows(IllegalArgumentException.class, () -> TrackRef.parse("chk bogus"));
        assertThrows(IllegalArgumentException.class, () -> TrackRef.parse("chk weight x"));
    }

    @Test
    void vrrpScriptWithEveryKeyword() {
        TrackScript t = ScriptSpec.parse(script("chk", "script", "/bin/sh /tmp/check \"a b\"", "interval", 2,
                "timeout", 0.5, "weight", "-20 reverse", "rise", 3, "fall", 2, "user", new String[] {"nobody",
                        "nogroup"}, "init_fail", Boolean.TRUE));
        assertEquals("chk", t.name());
        assertEquals(ScriptCommand.parse("/bin/sh /tmp/check \"a b\""), t.command());
        assertEquals(Duration.ofSeconds(2), t.interval());
        assertEquals(Optional.of(Duration.ofMillis(500)), t.timeout());
        assertEquals(-20, t.weight());
        assertTrue(t.reverse());
        assertEquals(3, t.rise());
        assertEquals(2, t.fall());
        assertEquals(Optional.of(RunAs.of("nobody", "nogroup")), t.user());
        assertTrue(t.initFail());
    }

    @Test
    void vrrpScriptDefaults() {
        TrackScript t = ScriptSpec.parse(script("chk", "script", "/bin/true"));
        assertEquals(TrackScript.of("chk", ScriptCommand.parse("/bin/true")), t);
        assertEquals(10, ScriptSpec.parse(script("c", "script", "/bin/true", "weight", 10)).weight());
        assertFalse(ScriptSpec.parse(script("c", "script", "/bin/true", "weight", "10")).reverse());
        assertEquals(Optional.of(RunAs.user("nobody")),
                ScriptSpec.parse(script("c", "script", "/bin/true", "user", "nobody")).user());
        assertThrows(IllegalArgumentException.class, () -> ScriptSpec.parse(script("c")));
    }

    @Test
    void syncGroupMembersAndTrackers() {
        SyncGroupSpec g = SyncGroupSpec.parse(script("G1", "group", new String[] {"VI_1", "VI_2", "VI_1"},
                "track_interface", new String[] {"eth9 weight 5"}, "notify_master", "/bin/echo master"));
        assertEquals("G1", g.name());
        assertEquals(List.of("VI_1", "VI_2"), g.members());
        assertEquals(List.of(new TrackRef("eth9", 5, null)), g.trackInterfaces());
        assertTrue(g.notifyScripts().master().isPresent());
        assertFalse(g.notifyScripts().backup().isPresent());
    }

    @Test
    void instanceTrackers() {
        Map<String, Object> p = Engine.instance("VI_1", "eth0", 51, 150, 2, 1, "198.18.0.100/24");
        p.put("track_interface", new String[] {"eth1", "eth2 weight -10"});
        p.put("track_script", new String[] {"chk", "other weight 7 reverse", "missing"});
        InstanceSpec s = InstanceSpec.parse(p, Map.of());
        assertEquals(List.of(new TrackRef("eth1", null, null), new TrackRef("eth2", -10, null)),
                s.trackInterfaces());
        assertFalse(s.dontTrackPrimary());
        Map<String, TrackScript> scripts = new LinkedHashMap<>();
        scripts.put("chk", TrackScript.of("chk", ScriptCommand.parse("/bin/true")).withWeight(20, false));
        scripts.put("other", TrackScript.of("other", ScriptCommand.parse("/bin/true")).withInitFail(true));
        SyncGroupSpec g = SyncGroupSpec.parse(script("G", "group", new String[] {"VI_1"}, "track_interface",
                new String[] {"eth0 weight 9", "eth3"}));
        List<Tracker> t = Desired.trackers(s, g, scripts);
        assertEquals(List.of(Tracker.iface("eth1", 0, false), Tracker.iface("eth2", -10, false),
                Tracker.iface("eth0", 9, false), Tracker.iface("eth3", 0, false),
                Tracker.script("chk", 20, false, false), Tracker.script("other", 7, true, true)), t);

        p.put("dont_track_primary", Boolean.TRUE);
        List<Tracker> noPrimary = Desired.trackers(InstanceSpec.parse(p, Map.of()), null, Map.of());
        assertEquals(List.of(Tracker.iface("eth1", 0, false), Tracker.iface("eth2", -10, false)), noPrimary);
        p.remove("dont_track_primary");
        p.remove("track_interface");
        assertEquals(List.of(Tracker.iface("eth0", 0, false)),
                Desired.trackers(InstanceSpec.parse(p, Map.of()), null, Map.of()));
    }

    /**
     * keepalived (alloc_track_script): an entry's weight without reverse/noreverse keeps the vrrp_script's
     * reverse; reverse and noreverse after it decide.
     */
    @Test
    void scriptEntryWeightKeepsTheScriptsReverseUnlessGivenOne() {
        Map<String, Object> p = Engine.instance("VI_1", "eth0", 51, 150, 2, 1, "198.18.0.100/24");
        p.put("dont_track_primary", Boolean.TRUE);
        p.put("track_script", new String[] {"rev weight -30", "rev2 weight -30 noreverse", "plain weight 5 reverse",
            "rev3"});
        Map<String, TrackScript> scripts = new LinkedHashMap<>();
        for (String n : new String[] {"rev", "rev2", "rev3"}) {
            scripts.put(n, TrackScript.of(n, ScriptCommand.parse("/bin/true")).withWeight(-20, true));
        }
        scripts.put("plain", TrackScript.of("plain", ScriptCommand.parse("/bin/true")).withWeight(-20, false));
        assertEquals(List.of(Tracker.script("rev", -30, true, false), Tracker.script("rev2", -30, false, false),
                Tracker.script("plain", 5, true, false), Tracker.script("rev3", -20, true, false)),
                Desired.trackers(InstanceSpec.parse(p, Map.of()), null, scripts));
    }

    @Test
    void desiredStateResolvesGroupsAndTrackedScriptsOnly() {
        Map<String, Map<String, Object>> instances = new LinkedHashMap<>();
        Map<String, Object> one = Engine.instance("VI_1", "eth0", 51, 150, 2, 1, "198.18.0.100/24");
        one.put("track_script", new String[] {"used"});
        instances.put("i1", one);
        instances.put("i2", Engine.instance("VI_2", "eth0", 52, 150, 2, 1, "198.18.0.101/24"));
        instances.put("i3", Engine.instance("VI_3", "eth0", 53, 150, 2, 1, "198.18.0.102/24"));
        Map<String, Map<String, Object>> scripts = new LinkedHashMap<>();
        scripts.put("s1", script("unused", "script", "/bin/false"));
        scripts.put("s2", script("used", "script", "/bin/true"));
        scripts.put("s3", script("broken"));
        Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
        groups.put("g1", script("G", "group", new String[] {"VI_1", "VI_2", "VI_9"}));
        groups.put("g2", script("H", "group", new String[] {"VI_2"})); // VI_2 is already in G
        Desired d = Desired.resolve(instances, scripts, groups, Map.of());
        assertEquals(List.of("used"), d.scripts().stream().map(TrackScript::name).toList());
        assertEquals(1, d.groups().size());
        assertEquals(List.of("VI_1", "VI_2"), d.groups().get(0).members());
        assertEquals(d.groups().get(0), d.keys().get("i1").group());
        assertEquals(d.groups().get(0), d.keys().get("i2").group());
        assertNull(d.keys().get("i3").group());
        assertEquals(2, d.groupKeys("G").size());
        assertEquals(List.of(Tracker.iface("eth0", 0, false), Tracker.script("used", 0, false, false)),
                d.keys().get("i1").trackers());
        // an unchanged resolution gives equal keys: a reload leaves the instances alone
        assertEquals(d, Desired.resolve(instances, scripts, groups, Map.of()));
    }
}
