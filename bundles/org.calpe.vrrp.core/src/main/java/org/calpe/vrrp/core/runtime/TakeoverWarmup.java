package org.calpe.vrrp.core.runtime;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

import org.calpe.net.api.NetNamespace;
import org.calpe.net.api.VrrpSocket;
import org.calpe.vrrp.core.fsm.ActionSink;
import org.calpe.vrrp.core.fsm.InstanceConfig;
import org.calpe.vrrp.core.fsm.InstanceStateMachine;
import org.calpe.vrrp.core.fsm.ReceivedAdvert;
import org.calpe.vrrp.core.fsm.Scheduler;
import org.calpe.vrrp.core.fsm.VrrpAction;
import org.calpe.vrrp.core.fsm.VrrpTimer;
import org.calpe.vrrp.core.garp.AnnouncementScheduler;
import org.calpe.vrrp.core.garp.AnnouncementSink;
import org.calpe.vrrp.core.garp.EventClock;
import org.calpe.vrrp.core.garp.GarpInstance;
import org.calpe.vrrp.core.garp.GarpPacing;
import org.calpe.vrrp.core.garp.VirtualAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the takeover path ready while an instance is still a backup: a backup that becomes master runs code it
 * has never run before — advert encoding (and AH signing), the native send, the gratuitous ARP frames and their
 * packet socket. Run cold, that code is loaded, linked and interpreted at the worst moment, and the first advert
 * and the first gratuitous ARP leave a millisecond or more late. Every instance gets its announcement socket
 * opened at start; the code itself is exercised once per runtime (the JIT's work is process-wide), without
 * anything reaching the wire (per encoding: version, family and authentication). Used on the loop only.
 */
final class TakeoverWarmup {
    /** Enough rounds for the JIT's first compilation tier of the encoding and send paths. */
    static final int ROUNDS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger("org.calpe.vrrp");

    /** Enough takeovers of a throw-away state machine for the JIT to compile the takeover path. */
    static final int FSM_ROUNDS = 1_000;

    private final java.util.Set<String> warmEncodings = new java.util.HashSet<>();
    private boolean socketWarm;
    private boolean fsmWarm;

    /**
     * The read a backup makes when its Master_Down timer expires ({@link VrrpSocket#receivePending()}), run
     * {@value #PENDING_ROUNDS} times on the loop: usually nothing to read; what there is gets dispatched as the
     * receive thread would have (an instance in INIT ignores adverts).
     */
    private static void receivePending(VrrpSocket socket) {
        for (int i = 0; i < PENDING_ROUNDS; i++) {
            try {
                socket.receivePending();
            } catch (IOException e) {
                LOG.debug("cannot prepare the pending read: {}", e.getMessage());
                return;
            }
        }
    }

    private static final int PENDING_ROUNDS = 500;

    /**
     * Prepares {@code runner}'s takeover: its announcement socket always, the shared code paths once (the address
     * manager's request path once per address manager service).
     */
    void prepare(RuntimeServices services, NetNamespace namespace, int ifindex, AdvertSender sender,
            VrrpSocket socket, java.net.InetAddress source, org.calpe.vrrp.api.VrrpAuthenticator authenticator,
            InstanceConfig config) {
        long start = System.nanoTime();
        if (!fsmWarm) {
            fsmWarm = true;
            stateMachine(config, FSM_ROUNDS);
            announcements(FSM_ROUNDS);
        }
        try {
            services.announcer().prepare(namespace, ifindex);
        } catch (IOException e) {
            LOG.warn("cannot prepare gratuitous ARP/NA on ifindex {}: {}", ifindex, e.getMessage());
        }
        services.addresses().prepare(namespace);
        if (!socketWarm) {
            socketWarm = true;
            socket.warmUp();
            receivePending(socket);
            preload();
        }
        String encoding = sender.encodingKind();
        if (!warmEncodings.contains(encoding) && sender.warmUp(source, authenticator, ROUNDS)) {
            warmEncodings.add(encoding); // each version, family and authentication has its own code path
        }
        LOG.debug("takeover path prepared on ifindex {} in {} µs", ifindex, (System.nanoTime() - start) / 1000);
    }

    /** Loads the classes only a new master needs (the state machine's actions, the announcement scheduling). */
    private static void preload() {
        for (Class<?> c : org.calpe.vrrp.core.fsm.VrrpAction.class.getPermittedSubclasses()) {
            touch(c.getName(), c.getClassLoader());
        }
        ClassLoader loader = TakeoverWarmup.class.getClassLoader();
        for (String name : new String[] {"org.calpe.vrrp.core.garp.Announcement",
            "org.calpe.vrrp.core.garp.AnnouncementKind", "org.calpe.vrrp.core.garp.GarpTimings",
            "org.calpe.vrrp.core.garp.VirtualAddress"}) {
            touch(name, loader);
        }
    }

    private static void touch(String name, ClassLoader loader) {
        try {
            Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.debug("cannot preload {}: {}", name, e.toString());
        }
    }

    /**
     * Runs a throw-away state machine with {@code config} through a takeover {@code rounds} times — start
     * (BACKUP), Master_Down timeout (MASTER: advert, addresses, gratuitous ARP, state change), two advert timers,
     * a higher-priority advert (back to BACKUP), stop — with its actions thrown away and its timers never armed:
     * the state machine is pure, so nothing reaches the wire or the kernel. Measured: the first takeover of a
     * fresh runtime otherwise spends ~0.6 ms interpreting this path before its first advert leaves.
     *
     * @return the rounds run (fewer if the state machine refused this configuration)
     */
    static int stateMachine(InstanceConfig config, int rounds) {
        InetAddress higher = config.primaryAddress() instanceof Inet6Address ? HIGHER6 : HIGHER4;
        ReceivedAdvert takeBack = new ReceivedAdvert(higher, InstanceConfig.PRIORITY_OWNER,
                config.advertIntervalMicros());
        Discard discard = new Discard();
        int done = 0;
        try {
            for (; done < rounds; done++) {
                InstanceStateMachine fsm = new InstanceStateMachine(config, discard, discard);
                fsm.start();
                fsm.timerFired(VrrpTimer.MASTER_DOWN);
                fsm.timerFired(VrrpTimer.ADVERT);
                fsm.timerFired(VrrpTimer.ADVERT);
                fsm.advertReceived(takeBack);
                fsm.stop();
            }
        } catch (RuntimeException e) {
            LOG.debug("state machine warm-up stopped after {} rounds: {}", done, e.toString());
        }
        return done;
    }

    /**
     * Runs a throw-away announcement scheduler (discarding sink, timers never armed) through {@code rounds}
     * becameMaster / leftMaster pairs: the path from a new master's StartGarp to its first gratuitous ARP runs
     * once per takeover and was otherwise interpreted each time (a few hundred microseconds between the
     * address being added and the first ARP leaving).
     *
     * @return the rounds run
     */
    static int announcements(int rounds) {
        AnnouncementScheduler s = new AnnouncementScheduler(NEVER, DROP, GarpPacing.none());
        s.add(GarpInstance.of("warm-up", 1, List.of(VirtualAddress.on(1, HIGHER4), VirtualAddress.on(1, HIGHER6))));
        int done = 0;
        try {
            for (; done < rounds; done++) {
                s.becameMaster("warm-up");
                s.leftMaster("warm-up");
            }
        } catch (RuntimeException e) {
            LOG.debug("announcement warm-up stopped after {} rounds: {}", done, e.toString());
        }
        return done;
    }

    /** Timers that are never armed. */
    private static final EventClock NEVER = new EventClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Timer schedule(long deadlineNanos, Runnable task) {
            return () -> { };
        }
    };
    /** Announcements that go nowhere. */
    private static final AnnouncementSink DROP = a -> { };

    // documentation addresses: they only ever live in this process
    private static final InetAddress HIGHER4 = VirtualIp.ip("198.19.255.254");
    private static final InetAddress HIGHER6 = VirtualIp.ip("2001:db8:ffff:ffff:ffff:ffff:ffff:fffe");

    /** Timers that are never armed and actions that are dropped. */
    private static final class Discard implements Scheduler, ActionSink {
        @Override
        public long nowMicros() {
            return System.nanoTime() / 1000L;
        }

        @Override
        public void schedule(VrrpTimer timer, long delayMicros) {
        }

        @Override
        public void cancel(VrrpTimer timer) {
        }

        @Override
        public void accept(VrrpAction action) {
        }
    }
}
