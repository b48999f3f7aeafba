package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.calpe.vrrp.core.fsm.Tracker;
import org.junit.jupiter.api.Test;

/** track_file blocks (org.calpe.Global) and track_file entries (instances, groups) to trackers. */
class TrackFileSpecTest {

    @Test
    void blockLinesAsConfigKeepalivedRendersThem() {
        assertEquals(new TrackFileSpec("TF1", "/run/tf1", 1, false, false, 0, false),
                TrackFileSpec.parse("TF1 file /run/tf1"));
        assertEquals(new TrackFileSpec("TF1", "/run/t f", -5, true, true, 7, true),
                TrackFileSpec.parse("TF1 file \"/run/t f\" weight -5 reverse init_file 7 overwrite"));
        assertEquals(new TrackFileSpec("T", "/x", 1, false, true, 0, true),
                TrackFileSpec.parse("T file /x init_file overwrite"));
        assertEquals(new TrackFileSpec("T", "/x", 2, false, true, -3, false),
                TrackFileSpec.parse("T init_file -3 file /x weight 2"));
        assertEquals(List.of("a", "b c", "d\"e"), TrackFileSpec.words(" a \"b c\" \"d\\\"e\""));
        assertThrows(IllegalArgumentException.class, () -> TrackFileSpec.parse("T weight 2"));
        assertThrows(IllegalArgumentException.class, () -> TrackFileSpec.parse("T file /x weight 255"));
        assertThrows(IllegalArgumentException.class, () -> TrackFileSpec.parse("T file /x bogus"));
    }

    @Test
    void globalHoldsEveryBlockTheFirstOfTwoNamesWins() {
        List<String> problems = new ArrayList<>();
        Map<String, TrackFileSpec> all = TrackFileSpec.all(new Props(Map.of("track_file",
                new String[] {"A file /a", "B file /b weight 3", "A file /c", "C weight 1"})), problems);
        assertEquals(List.of("A", "B"), List.copyOf(all.keySet()));
        assertEquals("/a", all.get("A").path());
        assertEquals(2, problems.size(), problems.toString());
    }

    @Test
    void entryWeightAndReverseOverrideOrInherit() {
        Map<String, TrackFileSpec> files = Map.of("TF", TrackFileSpec.parse("TF file /tf weight 4 reverse"),
                "U", TrackFileSpec.parse("U file /u"));
        List<String> log = new ArrayList<>();
        List<Tracker> t = TrackFileRefs.trackers("VI_1", refs("TF", "U weight -10 reverse", "X", "U weight 2"),
                List.of(), files, Set.of("TF", "U"), null, false, log::add);
        assertEquals(List.of(Tracker.file("TF", 4, true), Tracker.file("U", -10, true)), t);
        assertTrue(log.contains("(VI_1) track file X not found, ignoring..."), log.toString());
        assertTrue(log.contains("(VI_1) duplicate track_file U - ignoring"), log.toString());
        // "weight W" alone keeps the track_file's reverse; noreverse clears it
        assertEquals(List.of(Tracker.file("TF", 9, true)), TrackFileRefs.trackers("VI_1", refs("TF weight 9"),
                List.of(), files, Set.of("TF"), null, false, log::add));
        assertEquals(List.of(Tracker.file("TF", 9, false)), TrackFileRefs.trackers("VI_1",
                refs("TF weight 9 noreverse"), List.of(), files, Set.of("TF"), null, false, log::add));
        // a file whose directory is missing is not tracked
        assertEquals(List.of(), TrackFileRefs.trackers("VI_1", refs("TF"), List.of(), files, Set.of(), null, false,
                log::add));
    }

    @Test
    void ownerAndSyncGroupMembersUseWeightZeroAndTheGroupOverridesWeightedEntries() {
        Map<String, TrackFileSpec> files = Map.of("A", TrackFileSpec.parse("A file /a weight 5"),
                "B", TrackFileSpec.parse("B file /b weight 6"));
        List<String> log = new ArrayList<>();
        // keepalived 2.2.7: an inherited weight becomes 0, an entry with a weight of its own is dropped
        assertEquals(List.of(Tracker.file("A", 0, false)), TrackFileRefs.trackers("VI_1", refs("A", "B weight 2"),
                List.of(), files, Set.of("A", "B"), "address_owner", false, log::add));
        assertTrue(log.contains("(VI_1) ignoring weight from tracked file A due to address_owner. specify weight 0"),
                log.toString());
        assertTrue(log.contains("(VI_1) ignoring tracked file B with weight 2 due to address_owner"), log.toString());
        List<Tracker> t = TrackFileRefs.trackers("VI_1", refs("A weight 2", "B weight 0"), refs("A weight 7", "B"),
                files, Set.of("A", "B"), null, false, log::add);
        assertEquals(List.of(Tracker.file("A", 7, false), Tracker.file("B", 0, false)), t);
        assertTrue(log.contains("(VI_1) track_file A is configured on object"), log.toString());
        assertEquals(List.of(Tracker.file("A", 0, false)), TrackFileRefs.trackers("VI_1", List.of(), refs("A"),
                files, Set.of("A"), null, true, log::add));
    }

    @Test
    void desiredResolvesInstanceAndGroupEntries() {
        Map<String, Object> global = Map.of("track_file", new String[] {"A file /tmp/a weight 5",
                "B file /tmp/b"});
        Map<String, Object> vi1 = instance("VI_1", 100);
        vi1.put("track_file", new String[] {"A weight -3"});
        Map<String, Object> vi2 = instance("VI_2", 100);
        vi2.put("track_file", new String[] {"A"});
        Map<String, Object> group = new HashMap<>();
        group.put("calpe.name", "G");
        group.put("group", new String[] {"VI_2"});
        group.put("track_file", new String[] {"B weight 0"});
        Map<String, Map<String, Object>> instances = new java.util.LinkedHashMap<>();
        instances.put("i1", vi1);
        instances.put("i2", vi2);
        Desired d = Desired.resolve(instances, Map.of(), Map.of("g", group), global, Set.of("A", "B"));
        assertEquals(List.of(Tracker.file("A", -3, false)), files(d, "i1"));
        // VI_2 is in a group without sync_group_tracking_weight: its own inherited weight becomes 0; the
        // group's own entries keep their weights
        assertEquals(List.of(Tracker.file("A", 0, false), Tracker.file("B", 0, false)), files(d, "i2"));
        group.put("track_file", new String[] {"B weight 3"});
        d = Desired.resolve(instances, Map.of(), Map.of("g", group), global, Set.of("A", "B"));
        assertEquals(List.of(Tracker.file("A", 0, false), Tracker.file("B", 3, false)), files(d, "i2"));
        group.put("sync_group_tracking_weight", Boolean.TRUE);
        d = Desired.resolve(instances, Map.of(), Map.of("g", group), global, Set.of("A"));
        assertEquals(List.of(Tracker.file("A", 5, false)), files(d, "i2"));
    }

    private static List<Tracker> files(Desired d, String pid) {
        return d.keys().get(pid).trackers().stream().filter(t -> t.kind() == Tracker.Kind.FILE).toList();
    }

    private static Map<String, Object> instance(String name, int priority) {
        Map<String, Object> p = new HashMap<>();
        p.put("calpe.name", name);
        p.put("interface", "eth0");
        p.put("virtual_router_id", 51);
        p.put("priority", priority);
        p.put("virtual_ipaddress", new String[] {"198.18.0.1"});
        return p;
    }

    private static List<TrackFileRefs.Ref> refs(String... lines) {
        return TrackFileRefs.refs(new Props(Map.of("track_file", lines)), m -> {
            throw new AssertionError(m);
        });
    }
}
