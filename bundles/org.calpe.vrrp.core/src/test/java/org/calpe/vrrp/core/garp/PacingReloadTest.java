package org.calpe.vrrp.core.garp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A new pacing (a reload of vrrp_garp_interval / garp_group) applies to the next bursts. */
class PacingReloadTest {
    private static final long MS = 1_000_000L;

    private final VirtualClock clock = new VirtualClock();
    private final List<Long> sent = new ArrayList<>();

    @Test
    void pacingChangesBetweenBursts() throws Exception {
        AnnouncementScheduler s = new AnnouncementScheduler(clock, a -> sent.add(a.atNanos()), GarpPacing.none());
        List<VirtualAddress> vips = List.of(VirtualAddress.on(2, InetAddress.getByName("198.18.0.1")),
                VirtualAddress.on(2, InetAddress.getByName("198.18.0.2")));
        s.add(GarpInstance.of("VI_1", 2, vips).withTimings(new GarpTimings(2, 0, 0, 1, 1, 0, 0, false)));
        s.becameMaster("VI_1");
        clock.advanceTo(1000 * MS);
        assertEquals(List.of(0L, 0L, 0L, 0L), sent, "unpaced: every packet at once");

        sent.clear();
        s.pacing(GarpPacing.builder().global(Duration.ofMillis(100), null).build());
        s.lowerPriorityAdvertReceived("VI_1"); // a burst of 1 per address, now paced
        clock.advanceTo(2000 * MS);
        assertEquals(List.of(1000 * MS, 1100 * MS), sent);

        sent.clear();
        s.leftMaster("VI_1");
        s.becameMaster("VI_1"); // 2 passes: the first address goes, both are then marked pending ...
        clock.advanceTo(2000 * MS); // (the second pass follows after what is due now)
        s.pacing(GarpPacing.none()); // ... and go together when the delayed send fires, unpaced
        clock.advanceTo(3000 * MS);
        assertEquals(List.of(2000 * MS, 2100 * MS, 2100 * MS), sent, "the pending marks go at the delayed send");
        assertEquals(0, s.pendingCount());
    }
}
