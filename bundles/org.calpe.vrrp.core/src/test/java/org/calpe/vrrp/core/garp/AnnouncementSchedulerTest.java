package org.calpe.vrrp.core.garp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class AnnouncementSchedulerTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;

    private final VirtualClock clock = new VirtualClock();
    private final List<Announcement> sent = new ArrayList<>();

    private AnnouncementScheduler scheduler(GarpPacing pacing) {
        return new AnnouncementScheduler(clock, sent::add, pacing);
    }

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<VirtualAddress> v4(int ifindex, int count) {
        List<VirtualAddress> l = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            l.add(VirtualAddress.on(ifindex, ip("198.18." + (i / 250) + "." + (i % 250 + 1))));
        }
        return l;
    }

    private static GarpTimings timings(int repeat, long delay, long refresh, int refreshRepeat) {
        return new GarpTimings(repeat, delay, refresh, refreshRepeat, 5, 5 * S, 0, false);
    }

    /** Runs MASTER adverts every {@code advert} from {@code from} (exclusive) to {@code to} (inclusive). */
    private void adverts(AnnouncementScheduler s, String name, long from, long advert, long to) {
        for (long t = from + advert; t <= to; t += advert) {
            clock.advanceTo(t);
            s.masterAdvertSent(name);
        }
        clock.advanceTo(to);
    }

    private List<Long> times() {
        return sent.stream().map(Announcement::atNanos).collect(Collectors.toList());
    }

    private long countAt(long t) {
        return sent.stream().filter(a -> a.atNanos() == t).count();
    }

    @Test
    void keepalivedDefaultsSendFivePerAddressNowAndFiveMoreAfterFiveSeconds() {
        AnnouncementScheduler s = scheduler(GarpPacing.none());
        List<VirtualAddress> vips = v4(2, 2);
        s.add(GarpInstance.of("VI_1", 2, vips));
        clock.advanceTo(3 * S);
        s.becameMaster("VI_1");
        adverts(s, "VI_1", 3 * S, S, 60 * S);

        assertEquals(20, sent.size());
        assertEquals(10, countAt(3 * S));
        assertEquals(10, countAt(8 * S));
        // each pass walks the VIP list in order
        for (int i = 0; i < 10; i++) {
            assertEquals(vips.get(i % 2).address(), sent.get(i).address());
            assertEquals(AnnouncementKind.GARP, sent.get(i).kind());
            assertEquals(2, sent.get(i).ifindex());
            assertEquals("VI_1", sent.get(i).instance());
        }
    }

    @Test
    void repeatCountAndNoSecondBurstWhenDelayIsZero() {
        AnnouncementScheduler s = scheduler(GarpPacing.none());
        s.add(GarpInstance.of("VI_1", 2, v4(2, 3)).withTimings(timings(3, 0, 0, 1)));
        s.becameMaster("VI_1");
        adverts(s, "VI_1", 0, S, 30 * S);
        assertEquals(9, sent.size());
        assertEquals(9, countAt(0));
        assertEquals(0, clock.liveTimers());
    }

    @Test
    void secondBurstAfterGarpMasterDelayExactly() {
        AnnouncementScheduler s = scheduler(GarpPacing.none());
        s.add(GarpInstance.of("VI_1", 2, v4(2, 1)).withTimings(timings(2, 2 * S + 500 * MS, 0, 1)));
        clock.advanceTo(100 * MS);
        s.becameMaster("VI_1");
        clock.advanceTo(2 * S + 600 * MS - 1);
        assertEquals(2, sent.size());
        clock.advanceTo(2 * S + 600 * MS);
        assertEquals(List.of(100 * MS, 100 * MS, 2600 * MS, 2600 * MS), times());
    }

    @Test
    void refreshTicksOnTheAdvertAtOrAfterItsDueTime() {
        AnnouncementScheduler s = scheduler(GarpPacing.none());
        s.add(GarpInstance.of("VI_1", 2, v4(2, 1)).withTimings(timings(1, 0, 10 * S, 2)));
        s.becameMaster("VI_1");
        adverts(s, "VI_1", 0, S, 40 * S);
        // as keepalived 2.2.7 on the wire: refresh on the advert that falls on the due time
        assertEquals(List.of(0L, 10 * S, 10 * S, 20 * S, 20 * S, 30 * S, 30 * S, 40 * S, 40 * S), times());
    }

    /**
     * Replays a capture of keepalived 2.2.7 (Debian) taken in a namespace lab: vrrp_garp_interval 0.1,
     * garp_master_repeat 3, garp_master_delay 2, garp_master_refresh 3, advert_int 1, three VIPs. keepalived sent
     * (ms after the first advert, each within 10 ms): 11@0 11@101 12@202 13@303, 11@2005 11@2108 12@2211
     * 13@2312, 11@3011 12@3117 13@3221, 11@6019 12@6120 13@6221.
     */
    @Test
    void matchesACaptureOfKeepalived() {
        GarpPacing pacing = GarpPacing.builder().global(Duration.ofMillis(100), null).build();
        AnnouncementScheduler s = scheduler(pacing);
        List<VirtualAddress> vips = List.of(VirtualAddress.on(2, ip("198.18.50.11")),
                VirtualAddress.on(2, ip("198.18.50.12")), VirtualAddress.on(2, ip("198.18.50.13")));
        s.add(GarpInstance.of("VI_1", 2, vips).withTimings(timings(3, 2 * S, 3 * S, 1)));
        s.becameMaster("VI_1");
        adverts(s, "VI_1", 0, S, 7 * S);
        List<String> got = sent.stream().map(a -> a.address().getHostAddress().substring(10) + "@" + a.atNanos() / MS)
                .collect(Collectors.toList());
        assertEquals(List.of("11@0", "11@100", "12@200", "13@300", "11@2000", "11@2100", "12@2200", "13@2300",
                "11@3000", "12@3100", "13@3200", "11@6000", "12@6100", "13@6200"), got);
    }

    @Test
    void refreshWithAdvertsBetweenDueTimes() {
        AnnouncementScheduler s = scheduler(GarpPacing.none());
        s.add(GarpInstance.of("VI_1", 2, v4(2, 1)).withTimings(timings(1, 0, 2500 * MS, 1)));
        s.becameMaster("VI_1");
        adverts(s, "VI_1", 0, S, 10 * S);
        assertEquals(List.of(0L, 3 * S, 6 * S, 9 * S), times());
    }

    @Test
    void thousandVipsWithOneMillisecondGarpIntervalAreSpacedExactly() {
        GarpPacing pacing = GarpPacing.builder().global(Duration.ofMillis(1), null).build();
        AnnouncementScheduler s = scheduler(pacing);
        List<VirtualAddress> vips = v4(2, 1000);
        s.add(GarpInstance.of("VI_1", 2, vips));
        s.becameMaster("VI_1");
        clock.advanceTo(4 * S);

        // the pending mark is a flag: the first VIP goes at once and again behind the pacer, the others once
        assertEquals(1001, sent.size());
        assertEquals(vips.get(0).address(), sent.get(0).address());
        assertEquals(vips.get(0).address(), sent.get(1).address());
        for (int k = 1; k < 1000; k++) {
            assertEquals(vips.get(k).address(), sent.get(k + 1).address());
        }
        for (int i = 1; i < sent.size(); i++) {
            assertEquals(MS, sent.get(i).atNanos() - sent.get(i - 1).atNanos(), "spacing at " + i);
        }
        assertEquals(1000 * MS, sent.get(1000).atNanos());
        assertEquals(0, s.pendingCount());

        // the second burst at 5 s is paced the same way
        sent.clear();
        clock.advanceTo(10 * S);
        assertEquals(1001, sent.size());
        assertEquals(5 * S, sent.get(0).atNanos());
        assertEquals(6 * S, sent.get(1000).atNanos());
    }

    @Test
    void globalPacingIsPerInterfaceButAGarpGroupSharesOnePacer() {
        GarpPacing perInterface = GarpPacing.builder().global(Duration.ofMillis(10), null).build();
        AnnouncementScheduler a = scheduler(perInterface);
        List<VirtualAddress> vips = new ArrayList<>(v4(2, 2));
        vips.add(VirtualAddress.on(3, ip("198.19.0.1")));
        vips.add(VirtualAddress.on(3, ip("198.19.0.2")));
        a.add(GarpInstance.of("VI_1", 2, vips).withTimings(timings(1, 0, 0, 1)));
        a.becameMaster("VI_1");
        clock.advanceTo(S);
        assertEquals(List.of(0L, 0L, 10 * MS, 10 * MS), times());

        sent.clear();
        VirtualClock c2 = new VirtualClock();
        GarpPacing grouped = GarpPacing.builder().global(Duration.ofMillis(10), null)
                .group(Duration.ofMillis(20), null, List.of(2, 3)).build();
        AnnouncementScheduler b = new AnnouncementScheduler(c2, sent::add, grouped);
        b.add(GarpInstance.of("VI_1", 2, vips).withTimings(timings(1, 0, 0, 1)));
        b.becameMaster("VI_1");
        c2.advanceTo(S);
        assertEquals(List.of(0L, 20 * MS, 40 * MS, 60 * MS), times());
    }

    @Test
    void pacingSpansInstancesInConfigurationOrder() {
        GarpPacing pacing = GarpPacing.builder().global(Duration.ofMillis(5), null).build();
        AnnouncementScheduler s = scheduler(pacing);
        List<VirtualAddress> first = v4(2, 2);
        List<VirtualAddress> second = List.of(VirtualAddress.on(2, ip("198.19.1.1")));
        s.add(GarpInstance.of("VI_1", 2, first).withTimings(timings(1, 0, 0, 1)));
        s.add(GarpInstance.of("VI_2", 2, second).withTimings(timings(1, 0, 0, 1)));
        s.becameMaster("VI_2");
        s.becameMaster("VI_1");
        clock.advanceTo(S);
        // VI_2 went first; VI_1's VIPs wait behind it, one per 5 ms
        assertEquals(List.of("VI_2", "VI_1", "VI_1"),
                sent.stream().map(Announcement::instance).collect(Collectors.toList()));
        assertEquals(List.of(0L, 5 * MS, 10 * MS), times());
    }

    @Test
    void queuedTimerArmsAtNowPlusIntervalNotAtThePacersNextTime() {
        GarpPacing pacing = GarpPacing.builder().global(Duration.ofMillis(10), null).build();
        AnnouncementScheduler s = scheduler(pacing);
        s.add(GarpInstance.of("VI_1", 2, v4(2, 1)).withTimings(timings(1, 0, 0, 1)));
        s.add(GarpInstance.of("VI_2", 2, List.of(VirtualAddress.on(2, ip("198.19.1.1"))))
                .withTimings(timings(1, 0, 0, 1)));
        s.becameMaster("VI_1");
        clock.advanceTo(4 * MS);
        s.becameMaster("VI_2");
        clock.advanceTo(S);
        // the pacer would allow 10 ms, but queue_garp arms the thread at 4 + 10 ms
        assertEquals(List.of(0L, 14 * MS), times());
    }

    @Test
    void lowerPriorityAdvertSendsABurstNowAndAnotherAfterTheDelay() {
        AnnouncementScheduler s = scheduler(GarpPacing.none());
        GarpTimings t = new GarpTimings(1, 0, 0, 1, 3, 2 * S, 0, false);
        s.add(GarpInstance.of("VI_1", 2, v4(2, 2)).withTimings(t));
        s.becameMaster("VI_1");
        clock.advanceTo(20 * S);
        s.lowerPriorityAdvertReceived("VI_1");
        clock.advanceTo(21 * S);
        s.lowerPriorityAdvertReceived("VI_1");
        clock.advanceTo(30 * S);
        assertEquals(2, countAt(0));
        assertEquals(6, countAt(20 * S));
        assertEquals(6, countAt(21 * S));
        assertEquals(6, countAt(22 * S));
        assertEquals(6, countAt(23 * S));
        assertEquals(26, sent.size());
    }

    @Test
    void lowerPriorityRepeatZeroSendsNothing() {
        AnnouncementScheduler s = scheduler(GarpPacing.none());
        s.add(GarpInstance.of("VI_1", 2, v4(2, 1)).withTimings(new GarpTimings(1, 0, 0, 1, 0, S, 0, false)));
        s.becameMaster("VI_1");
        s.lowerPriorityAdvertReceived("VI_1");
        clock.advanceTo(10 * S);
        assertEquals(1, sent.size());
    }

    @Test
    void leavingMasterDropsQueuedPacketsAndSilencesLaterBursts() {
        GarpPacing pacing = GarpPacing.builder().global(Duration.ofMillis(1), null).build();
        AnnouncementScheduler s = scheduler(pacing);
        s.add(GarpInstance.of("VI_1", 2, v4(2, 1000)).withTimings(
                new GarpTimings(5, 5 * S, 2 * S, 1, 5, 5 * S, 0, false)));
        s.becameMaster("VI_1");
        clock.advanceTo(100 * MS + MS / 2);
        assertEquals(101, sent.size()); // 0, 1, ..., 100 ms
        s.leftMaster("VI_1");
        assertEquals(0, s.pendingCount());
        adverts(s, "VI_1", 100 * MS, S, 60 * S);
        s.lowerPriorityAdvertReceived("VI_1");
        clock.advanceTo(70 * S);
        assertEquals(101, sent.size()); // 0, 1, ..., 100 ms
    }

    @Test
    void aSecondBurstScheduledBeforeLeavingFiresIfMasterAgain() {
        AnnouncementScheduler s = scheduler(GarpPacing.none());
        s.add(GarpInstance.of("VI_1", 2, v4(2, 1)).withTimings(timings(1, 5 * S, 0, 1)));
        s.becameMaster("VI_1");
        clock.advanceTo(S);
        s.leftMaster("VI_1");
        clock.advanceTo(2 * S);
        s.becameMaster("VI_1");
        clock.advanceTo(20 * S);
        // keepalived does not cancel vrrp_gratuitous_arp_thread: the 5 s one from the first mastership fires
        assertEquals(List.of(0L, 2 * S, 5 * S, 7 * S), times());
    }

    @Test
    void theFirstPassGoesAtOnceAndTheOtherPassesAfterWhatIsAlreadyDue() {
        AnnouncementScheduler s = scheduler(GarpPacing.none());
        s.add(GarpInstance.of("VI_1", 2, v4(2, 2)).withTimings(timings(3, 0, 0, 1)));
        s.add(GarpInstance.of("VI_2", 3, v4(3, 1)).withTimings(timings(3, 0, 0, 1)));
        List<String> order = new ArrayList<>();
        clock.schedule(0, () -> {
            order.add("due");
            s.becameMaster("VI_2"); // another instance taking over in the same instant
        });
        s.becameMaster("VI_1");
        assertEquals(2, sent.size(), "one pass over VI_1's addresses at once");
        clock.advanceTo(0);
        // VI_2's first pass (due before VI_1's repeats were scheduled) precedes VI_1's repeats
        List<String> got = sent.stream().map(a -> a.instance() + "/" + a.address().getHostAddress())
                .collect(Collectors.toList());
        assertEquals(List.of("VI_1/198.18.0.1", "VI_1/198.18.0.2", "VI_2/198.18.0.1",
                "VI_1/198.18.0.1", "VI_1/198.18.0.2", "VI_1/198.18.0.1", "VI_1/198.18.0.2",
                "VI_2/198.18.0.1", "VI_2/198.18.0.1"), got);
        assertEquals(List.of("due"), order);
        assertEquals(9, countAt(0), "all in the same instant");
    }

    @Test
    void removingAnInstanceCancelsItsTimers() {
        AnnouncementScheduler s = scheduler(GarpPacing.none());
        s.add(GarpInstance.of("VI_1", 2, v4(2, 1)));
        s.becameMaster("VI_1");
        clock.advanceTo(0); // the burst's other passes follow at once
        s.remove("VI_1");
        clock.advanceTo(20 * S);
        assertEquals(5, sent.size());
        assertEquals(0, clock.liveTimers());
    }

    @Test
    void ipv6GetsUnsolicitedNaPacedByGnaIntervalOnly() {
        GarpPacing pacing = GarpPacing.builder().global(Duration.ofMillis(3), Duration.ofMillis(7)).build();
        AnnouncementScheduler s = scheduler(pacing);
        List<VirtualAddress> vips = List.of(
                VirtualAddress.on(2, ip("2001:db8::1")),
                VirtualAddress.on(2, ip("198.18.0.1")),
                VirtualAddress.on(2, ip("2001:db8::2")),
                VirtualAddress.on(2, ip("198.18.0.2")));
        s.add(GarpInstance.of("VI_6", 2, vips).withTimings(timings(1, 0, 0, 1)));
        s.becameMaster("VI_6");
        clock.advanceTo(S);
        assertEquals(4, sent.size());
        List<String> got = sent.stream().map(a -> a.kind() + "@" + a.atNanos() / MS).collect(Collectors.toList());
        assertEquals(List.of("UNSOLICITED_NA@0", "GARP@0", "GARP@3", "UNSOLICITED_NA@7"), got);
        assertEquals(ip("2001:db8::2"), sent.get(3).address());
    }

    @Test
    void ipv6WithoutGnaIntervalIsNotPaced() {
        GarpPacing pacing = GarpPacing.builder().group(Duration.ofMillis(3), null, List.of(2)).build();
        AnnouncementScheduler s = scheduler(pacing);
        s.add(GarpInstance.of("VI_6", 2, List.of(VirtualAddress.on(2, ip("2001:db8::1")),
                VirtualAddress.on(2, ip("2001:db8::2")))).withTimings(timings(2, 0, 0, 1)));
        s.becameMaster("VI_6");
        clock.advanceTo(0);
        assertEquals(4, countAt(0));
    }

    @Test
    void excludedAddressesFollowTheVipsInEveryPass() {
        AnnouncementScheduler s = scheduler(GarpPacing.none());
        GarpInstance i = GarpInstance.of("VI_1", 2, v4(2, 1)).withTimings(timings(2, 0, 0, 1))
                .withExcluded(List.of(VirtualAddress.on(2, ip("198.19.9.9"))));
        s.add(i);
        s.becameMaster("VI_1");
        clock.advanceTo(0);
        assertEquals(List.of(ip("198.18.0.1"), ip("198.19.9.9"), ip("198.18.0.1"), ip("198.19.9.9")),
                sent.stream().map(Announcement::address).collect(Collectors.toList()));
    }

    @Test
    void garpExtraIfSendsOnePacketPerVmacInterfaceOnAdvertBoundaries() {
        AnnouncementScheduler s = scheduler(GarpPacing.none());
        List<VirtualAddress> vips = List.of(
                new VirtualAddress(10, 2, ip("198.18.0.1"), true),   // the instance's own VMAC
                new VirtualAddress(11, 2, ip("198.18.1.1"), true),
                new VirtualAddress(11, 2, ip("198.18.1.2"), true),
                VirtualAddress.on(3, ip("198.18.2.1")));
        GarpTimings t = new GarpTimings(1, 0, 0, 1, 0, 0, 3 * S, false);
        s.add(new GarpInstance("VI_1", 10, false, vips, List.of(), t));
        s.becameMaster("VI_1");
        sent.clear();
        adverts(s, "VI_1", 0, S, 9 * S);
        assertEquals(List.of("11@3", "11@6", "11@9"), sent.stream()
                .map(a -> a.ifindex() + "@" + a.atNanos() / S).collect(Collectors.toList()));
        assertEquals(ip("198.18.1.1"), sent.get(0).address());
    }

    @Test
    void garpExtraIfAllAndXmitBaseWidenTheInterfaces() {
        AnnouncementScheduler s = scheduler(GarpPacing.none());
        List<VirtualAddress> vips = List.of(
                new VirtualAddress(10, 2, ip("198.18.0.1"), true),
                VirtualAddress.on(3, ip("198.18.2.1")),
                VirtualAddress.on(3, ip("198.18.2.2")));
        GarpTimings t = new GarpTimings(1, 0, 0, 1, 0, 0, S, true);
        s.add(new GarpInstance("VI_1", 10, true, vips, List.of(), t));
        s.becameMaster("VI_1");
        sent.clear();
        adverts(s, "VI_1", 0, S, 2 * S);
        assertEquals(List.of("10@1", "3@1", "10@2", "3@2"), sent.stream()
                .map(a -> a.ifindex() + "@" + a.atNanos() / S).collect(Collectors.toList()));
    }

    @Test
    void noArpInterfacesGetNothing() {
        IntPredicate noArp = i -> i == 3;
        AnnouncementScheduler s = new AnnouncementScheduler(clock, sent::add, GarpPacing.none(), noArp);
        List<VirtualAddress> vips = List.of(VirtualAddress.on(2, ip("198.18.0.1")),
                VirtualAddress.on(3, ip("198.18.0.2")));
        s.add(GarpInstance.of("VI_1", 2, vips).withTimings(timings(1, 0, 0, 1)));
        s.becameMaster("VI_1");
        assertEquals(1, sent.size());
        assertEquals(2, sent.get(0).ifindex());
    }

    @Test
    void vmacSharesThePacerOfItsBaseInterfaceAndSendsOnItself() {
        GarpPacing pacing = GarpPacing.builder().global(Duration.ofMillis(2), null).build();
        AnnouncementScheduler s = scheduler(pacing);
        List<VirtualAddress> vips = List.of(new VirtualAddress(10, 2, ip("198.18.0.1"), true),
                VirtualAddress.on(2, ip("198.18.0.2")));
        s.add(GarpInstance.of("VI_1", 10, vips).withTimings(timings(1, 0, 0, 1)));
        s.becameMaster("VI_1");
        clock.advanceTo(S);
        assertEquals(List.of("10@0", "2@2"), sent.stream()
                .map(a -> a.ifindex() + "@" + a.atNanos() / MS).collect(Collectors.toList()));
        assertTrue(sent.stream().allMatch(a -> a.kind() == AnnouncementKind.GARP));
    }
}
