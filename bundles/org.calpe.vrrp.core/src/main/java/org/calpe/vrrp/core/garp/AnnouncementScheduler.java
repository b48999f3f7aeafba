package org.calpe.vrrp.core.garp;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Decides when each gratuitous ARP and unsolicited neighbour advertisement leaves, with keepalived 2.2's
 * rules (vrrp.c {@code vrrp_send_link_update}, {@code vrrp_state_become_master}, {@code vrrp_state_master_tx},
 * {@code vrrp_state_master_rx}, {@code vrrp_restore_interface}; vrrp_arp.c / vrrp_ndisc.c
 * {@code send_gratuitous_arp}, {@code queue_garp}; vrrp_scheduler.c {@code vrrp_arp_thread},
 * {@code vrrp_gratuitous_arp_thread}, {@code vrrp_lower_prio_gratuitous_arp_thread}):
 * <ul>
 * <li>A <em>burst</em> of N walks the VIPs then the eVIPs N times and requests one packet per address each time.
 * <li>A request goes out at once unless its base interface is paced ({@link GarpPacing}) and the previous
 * packet there left less than the interval ago; then the address is only <em>marked pending</em>. The mark is a
 * flag, not a count: under pacing a burst of N sends the first address twice and every other address once.
 * <li>One global delayed-send timer serves all pending marks. When it fires it walks the instances in
 * configuration order and their VIPs/eVIPs in order, sends each pending address whose pacer allows it (which
 * moves that pacer on by its interval), and re-arms for the earliest pacer still holding something back. On
 * queueing, the timer is (re)armed at now + interval if that is earlier than where it stands.
 * <li>Becoming MASTER: a burst of {@code garp_master_repeat}; a second one after {@code garp_master_delay};
 * the refresh and garp_extra_if clocks start. (Calpe: the burst's first pass goes at once, its other passes
 * at once too but after what else is due then ({@link EventClock#soon}: on the runtime's loop also after takeovers
 * that are near), so that instances taking over together each announce every address once first; keepalived sends
 * the whole burst before it moves on.)
 * <li>While MASTER, on each advert sent: if the refresh time has come, a burst of
 * {@code garp_master_refresh_repeat} and the refresh time moves to now + refresh; likewise garp_extra_if sends
 * one packet per eligible interface. Both therefore tick on advert boundaries. keepalived compares
 * {@code time_now > garp_refresh_timer}, but its adverts drift a few ms late each, so the advert nominally at
 * the due time already passes (measured with keepalived 2.2.7: refresh 3 s, advert_int 1 → refreshes on the
 * 3rd and 6th advert). Calpe's adverts do not drift, hence {@code >=} here.
 * <li>A lower priority advert received as MASTER: a burst of {@code garp_lower_prio_repeat} now and another
 * after {@code garp_lower_prio_delay} (each such advert schedules its own delayed burst).
 * <li>Leaving MASTER clears every pending mark and stops sending; delayed bursts already scheduled are not
 * cancelled but find no VIPs set and send nothing, unless the instance is MASTER again by then (as in
 * keepalived).
 * </ul>
 * Not thread-safe: call it only on the {@link EventClock}'s loop.
 */
public final class AnnouncementScheduler {

    private static final int V4 = 0;
    private static final int V6 = 1;

    private final EventClock clock;
    private final AnnouncementSink sink;
    private GarpPacing.Pacers pacers;
    private final IntPredicate noArp;
    private final Map<String, InstanceState> instances = new LinkedHashMap<>();

    private EventClock.Timer delayedSend;
    private long delayedSendAt;

    /**
     * @param noArp true for a base ifindex whose link has IFF_NOARP: nothing is sent there (checked per request)
     */
    public AnnouncementScheduler(EventClock clock, AnnouncementSink sink, GarpPacing pacing, IntPredicate noArp) {
        this.clock = clock;
        this.sink = sink;
        this.pacers = pacing.newPacers();
        this.noArp = noArp;
    }

    public AnnouncementScheduler(EventClock clock, AnnouncementSink sink, GarpPacing pacing) {
        this(clock, sink, pacing, i -> false);
    }

    /**
     * Paces from now on with {@code pacing} (a reload of vrrp_garp_interval, vrrp_gna_interval or garp_group):
     * the spacing starts afresh, addresses already pending go out by the new pacers.
     */
    public void pacing(GarpPacing pacing) {
        this.pacers = pacing.newPacers();
    }

    /** Adds an instance (after those already added: this order is keepalived's configuration order). */
    public void add(GarpInstance instance) {
        if (instances.containsKey(instance.name())) {
            throw new IllegalArgumentException("instance already added: " + instance.name());
        }
        instances.put(instance.name(), new InstanceState(instance));
    }

    /** Removes an instance and cancels everything it had scheduled. */
    public void remove(String name) {
        InstanceState s = instances.remove(name);
        if (s != null) {
            s.cancelTimers();
        }
    }

    /**
     * The instance has just sent its first advert as MASTER and added its VIPs (vrrp_state_become_master). The
     * first pass over the addresses goes now; the other {@code garp_master_repeat - 1} passes go
     * {@link EventClock#soon}, after whatever else is due on the loop: when many instances take over together,
     * each address is announced once before any is announced again.
     */
    public void becameMaster(String name) {
        InstanceState s = state(name);
        GarpTimings t = s.config.timings();
        long now = clock.nanoTime();
        s.vipSet = true;
        int repeat = t.masterRepeat();
        if (repeat > 0) {
            sendLinkUpdate(s, 1);
        }
        if (repeat > 1) {
            s.soon(() -> sendLinkUpdate(s, repeat - 1));
        }
        if (t.refreshNanos() > 0) {
            s.refreshDue = now + t.refreshNanos();
        }
        if (t.extraIfNanos() > 0) {
            s.extraIfDue = now + t.extraIfNanos();
        }
        if (t.masterDelayNanos() > 0) {
            s.schedule(now + t.masterDelayNanos(), () -> sendLinkUpdate(s, t.masterRepeat()));
        }
    }

    /**
     * The instance resumed MASTER after a hand-over (a bundle update): the previous engine announced its
     * addresses already, so no burst; the refresh and extra-interface timers start again from now.
     */
    public void resumedMaster(String name) {
        InstanceState s = state(name);
        GarpTimings t = s.config.timings();
        long now = clock.nanoTime();
        s.vipSet = true;
        if (t.refreshNanos() > 0) {
            s.refreshDue = now + t.refreshNanos();
        }
        if (t.extraIfNanos() > 0) {
            s.extraIfDue = now + t.extraIfNanos();
        }
    }

    /** The instance, MASTER, has just sent a periodic advert (the else branch of vrrp_state_master_tx). */
    public void masterAdvertSent(String name) {
        InstanceState s = state(name);
        if (!s.vipSet) {
            return;
        }
        GarpTimings t = s.config.timings();
        long now = clock.nanoTime();
        if (t.refreshNanos() > 0 && now >= s.refreshDue) {
            sendLinkUpdate(s, t.refreshRepeat());
            s.refreshDue = now + t.refreshNanos();
        }
        if (t.extraIfNanos() > 0 && now >= s.extraIfDue) {
            sendExtraIf(s);
            s.extraIfDue = now + t.extraIfNanos();
        }
    }

    /**
     * The instance, MASTER, received an advert of lower priority (or equal priority from a lower address).
     * Call it also for every other member of the instance's sync group: keepalived sends their bursts too.
     */
    public void lowerPriorityAdvertReceived(String name) {
        InstanceState s = state(name);
        GarpTimings t = s.config.timings();
        if (t.lowerPrioRepeat() == 0) {
            return;
        }
        sendLinkUpdate(s, t.lowerPrioRepeat());
        if (t.lowerPrioDelayNanos() > 0) {
            s.schedule(clock.nanoTime() + t.lowerPrioDelayNanos(), () -> sendLinkUpdate(s, t.lowerPrioRepeat()));
        }
    }

    /** The instance left MASTER (BACKUP, FAULT, stop) and removed its VIPs (vrrp_restore_interface). */
    public void leftMaster(String name) {
        InstanceState s = state(name);
        s.clearPending();
        s.vipSet = false;
    }

    /** Addresses still waiting for their pacer, over all instances (for the shell and tests). */
    public int pendingCount() {
        int n = 0;
        for (InstanceState s : instances.values()) {
            n += s.pendingCount();
        }
        return n;
    }

    private InstanceState state(String name) {
        InstanceState s = instances.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown instance: " + name);
        }
        return s;
    }

    /** vrrp_send_link_update: {@code rep} passes over the VIPs then the eVIPs, if the VIPs are set. */
    private void sendLinkUpdate(InstanceState s, int rep) {
        if (!s.vipSet) {
            return;
        }
        List<VirtualAddress> vips = s.config.vips();
        List<VirtualAddress> evips = s.config.evips();
        for (int j = 0; j < rep; j++) {
            for (int i = 0; i < vips.size(); i++) {
                request(s, vips.get(i), s.vipPending, i);
            }
            for (int i = 0; i < evips.size(); i++) {
                request(s, evips.get(i), s.evipPending, i);
            }
        }
    }

    /** vrrp_send_vmac_update: one packet per eligible interface, first address found on it. */
    private void sendExtraIf(InstanceState s) {
        GarpInstance c = s.config;
        Set<Integer> done = new HashSet<>();
        for (int list = 0; list < 2; list++) {
            List<VirtualAddress> addrs = list == 0 ? c.vips() : c.evips();
            boolean[] pending = list == 0 ? s.vipPending : s.evipPending;
            for (int i = 0; i < addrs.size(); i++) {
                VirtualAddress a = addrs.get(i);
                if (!a.onVmac() && !c.timings().extraIfAll()) {
                    continue;
                }
                if (a.ifindex() == c.ifindex() && !c.vmacXmitBase()) {
                    continue;
                }
                if (done.add(a.ifindex())) {
                    request(s, a, pending, i);
                }
            }
        }
    }

    /** send_gratuitous_arp / ndisc_send_unsolicited_na: now, or mark pending behind the pacer. */
    private void request(InstanceState s, VirtualAddress a, boolean[] pending, int index) {
        if (noArp.test(a.baseIfindex())) {
            return;
        }
        int family = family(a);
        long now = clock.nanoTime();
        GarpPacing.Pacer pacer = pacers.forBase(a.baseIfindex());
        if (pacer != null && pacer.mustWait(family, now)) {
            s.pending = true;
            pending[index] = true;
            armDelayedSend(now + pacer.interval(family));
            return;
        }
        emit(s, a, pacer, family, now);
    }

    private void emit(InstanceState s, VirtualAddress a, GarpPacing.Pacer pacer, int family, long now) {
        sink.announce(new Announcement(now, s.config.name(), a.ifindex(), a.address()));
        if (pacer != null) {
            pacer.sent(family, now);
        }
    }

    /** queue_garp / queue_ndisc: arm the shared timer unless it already fires earlier. */
    private void armDelayedSend(long at) {
        if (delayedSend != null && at >= delayedSendAt) {
            return;
        }
        if (delayedSend != null) {
            delayedSend.cancel();
        }
        delayedSendAt = at;
        delayedSend = clock.schedule(at, this::delayedSendFired);
    }

    /** vrrp_arp_thread. */
    private void delayedSendFired() {
        delayedSend = null;
        long now = clock.nanoTime();
        long next = Long.MAX_VALUE;
        for (InstanceState s : instances.values()) {
            if (!s.pending) {
                continue;
            }
            s.pending = false;
            if (!s.vipSet) {
                continue;
            }
            next = Math.min(next, sendPending(s, s.config.vips(), s.vipPending, now));
            next = Math.min(next, sendPending(s, s.config.evips(), s.evipPending, now));
        }
        if (next != Long.MAX_VALUE) {
            delayedSendAt = next;
            delayedSend = clock.schedule(next, this::delayedSendFired);
        }
    }

    /** vrrp_arpna_send: returns the earliest time something held back may go, or MAX_VALUE. */
    private long sendPending(InstanceState s, List<VirtualAddress> addrs, boolean[] pending, long now) {
        long next = Long.MAX_VALUE;
        for (int i = 0; i < addrs.size(); i++) {
            if (!pending[i]) {
                continue;
            }
            VirtualAddress a = addrs.get(i);
            int family = family(a);
            GarpPacing.Pacer pacer = pacers.forBase(a.baseIfindex());
            if (pacer == null) { // no pacing any more (a reload): it goes now
                emit(s, a, null, family, now);
                pending[i] = false;
                continue;
            }
            if (pacer.ready(family, now)) {
                emit(s, a, pacer, family, now);
                pending[i] = false;
            } else {
                s.pending = true;
                next = Math.min(next, pacer.next(family));
            }
        }
        return next;
    }

    private static int family(VirtualAddress a) {
        return a.address() instanceof Inet4Address ? V4 : V6;
    }

    /** Runtime state of one instance. */
    private final class InstanceState {
        final GarpInstance config;
        final boolean[] vipPending;
        final boolean[] evipPending;
        final List<EventClock.Timer> timers = new ArrayList<>();
        boolean vipSet;
        boolean pending;
        long refreshDue;
        long extraIfDue;

        InstanceState(GarpInstance config) {
            this.config = config;
            this.vipPending = new boolean[config.vips().size()];
            this.evipPending = new boolean[config.evips().size()];
        }

        void schedule(long at, Runnable task) {
            EventClock.Timer[] self = new EventClock.Timer[1];
            self[0] = clock.schedule(at, () -> {
                timers.remove(self[0]);
                task.run();
            });
            timers.add(self[0]);
        }

        void soon(Runnable task) {
            EventClock.Timer[] self = new EventClock.Timer[1];
            self[0] = clock.soon(() -> {
                timers.remove(self[0]);
                task.run();
            });
            timers.add(self[0]);
        }

        void cancelTimers() {
            for (EventClock.Timer t : timers) {
                t.cancel();
            }
            timers.clear();
        }

        void clearPending() {
            java.util.Arrays.fill(vipPending, false);
            java.util.Arrays.fill(evipPending, false);
            pending = false;
        }

        int pendingCount() {
            int n = 0;
            for (boolean b : vipPending) {
                n += b ? 1 : 0;
            }
            for (boolean b : evipPending) {
                n += b ? 1 : 0;
            }
            return n;
        }
    }
}
