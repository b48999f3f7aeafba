package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import org.calpe.vrrp.core.garp.AnnouncementScheduler;
import org.calpe.vrrp.core.garp.EventClock;
import org.calpe.vrrp.core.garp.GarpInstance;
import org.calpe.vrrp.core.garp.GarpPacing;
import org.calpe.vrrp.core.garp.GarpTimings;
import org.calpe.vrrp.core.garp.VirtualAddress;
import org.junit.jupiter.api.Test;

/** vrrp_garp_interval, vrrp_gna_interval and garp_group (org.calpe.Global) to the scheduler's pacing. */
class GarpPacingSettingsTest {
    private static final long MS = 1_000_000L;

    @Test
    void readsGlobalsAndGroupLines() {
        List<String> problems = new ArrayList<>();
        Map<String, Object> g = new HashMap<>();
        g.put("vrrp_garp_interval", 0.001);
        g.put("vrrp_gna_interval", "0.000001");
        g.put("garp_group", new String[] {"garp_interval 0.1 gna_interval 0.2 interface eth0",
            "garp_interval 0.01 interfaces { eth1 eth2 }", "gna_interval 5 bogus"});
        GarpPacingSettings s = GarpPacingSettings.of(new Props(g), problems::add);
        assertEquals(Duration.ofMillis(1), s.garpInterval());
        assertEquals(Duration.ofNanos(1000), s.gnaInterval());
        assertEquals(List.of(new GarpPacingSettings.Group(Duration.ofMillis(100), Duration.ofMillis(200),
                List.of("eth0")), new GarpPacingSettings.Group(Duration.ofMillis(10), null, List.of("eth1", "eth2"))),
                s.groups());
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(new GarpPacingSettings(null, null, List.of()), GarpPacingSettings.of(new Props(Map.of()),
                problems::add));
    }

    @Test
    void groupsShareOnePacerOtherInterfacesTakeTheGlobals() throws Exception {
        Map<String, Integer> links = Map.of("eth0", 2, "eth1", 3, "eth2", 4, "eth3", 5);
        List<String> log = new ArrayList<>();
        GarpPacingSettings s = new GarpPacingSettings(Duration.ofMillis(5), null, List.of(
                new GarpPacingSettings.Group(Duration.ofMillis(20), null, List.of("eth1", "eth2", "eth9")),
                new GarpPacingSettings.Group(null, null, List.of("eth3")),
                new GarpPacingSettings.Group(null, Duration.ofMillis(1), List.of("eth2"))));
        GarpPacing pacing = s.resolve(n -> links.getOrDefault(n, 0), log::add);
        assertTrue(log.contains("WARNING - interface eth9 specified for garp_group doesn't exist"), log.toString());
        assertTrue(log.contains("garp group 1 does not have any delay set - removing"), log.toString());
        assertTrue(log.contains("garp_group already specified for eth2 - ignoring"), log.toString());

        // one address on each of eth0 (global 5 ms), eth1 and eth2 (group: 20 ms shared), eth3 (global again)
        List<long[]> sent = new ArrayList<>();
        Clock clock = new Clock();
        AnnouncementScheduler a = new AnnouncementScheduler(clock, x -> sent.add(new long[] {x.ifindex(),
                x.atNanos()}), pacing);
        List<VirtualAddress> vips = new ArrayList<>();
        for (int i = 2; i <= 5; i++) {
            vips.add(VirtualAddress.on(i, InetAddress.getByName("198.18.0." + i)));
        }
        a.add(GarpInstance.of("VI_1", 2, vips).withTimings(new GarpTimings(2, 0, 0, 1, 0, 0, 0, false)));
        a.becameMaster("VI_1");
        clock.run();
        List<String> got = sent.stream().map(x -> x[0] + "@" + x[1] / MS).toList();
        // pass 1: all at once (nothing sent yet on any pacer) but eth2 waits behind eth1 in their group;
        // pass 2 marks every address pending: eth0/eth3 go after 5 ms, the group's two 20 ms apart, in order
        assertEquals(List.of("2@0", "3@0", "5@0", "2@5", "5@5", "3@20", "4@40"), got);
    }

    /** A minimal virtual clock: timers in deadline order. */
    private static final class Clock implements EventClock {
        private record Entry(long at, long seq, Runnable task, boolean[] cancelled) {
        }

        private final PriorityQueue<Entry> q = new PriorityQueue<>((x, y) -> x.at() != y.at()
                ? Long.compare(x.at(), y.at()) : Long.compare(x.seq(), y.seq()));
        private long now;
        private long seq;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public Timer schedule(long deadlineNanos, Runnable task) {
            boolean[] cancelled = new boolean[1];
            q.add(new Entry(Math.max(now, deadlineNanos), seq++, task, cancelled));
            return () -> cancelled[0] = true;
        }

        void run() {
            Entry e;
            while ((e = q.poll()) != null) {
                now = e.at();
                if (!e.cancelled()[0]) {
                    e.task().run();
                }
            }
        }
    }
}
