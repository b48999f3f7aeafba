package org.calpe.vrrp.core.runtime;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

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

import io.netty.util.concurrent.EventExecutor;

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
     * {@code rounds} times on the loop: usually nothing to read; what there is gets dispatched as the receive
     * thread would have (an instance in INIT ignores adverts).
     *
     * @return the rounds run (fewer if the socket cannot be read, e.g. closed meanwhile)
     */
    private static int receivePending(VrrpSocket socket, int rounds) {
        for (int i = 0; i < rounds; i++) {
            try {
                socket.receivePending();
            } catch (IOException e) {
                LOG.debug("cannot prepare the pending read: {}", e.getMessage());
                return i;
            }
        }
        return rounds;
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
        prepareInstance(services, namespace, ifindex);
        long never = start + Long.MAX_VALUE / 2;
        for (Slice step : sharedSteps(sender, socket, source, () -> authenticator, config)) {
            step.runUntil(never);
        }
        LOG.debug("takeover path prepared on ifindex {} in {} µs", ifindex, (System.nanoTime() - start) / 1000);
    }

    /** Shortest time between two rehearsals of the shared code paths ({@link #rehearse}). */
    static final long REHEARSAL_SPACING_NANOS = 1_000_000L;
    private long lastRehearsal = System.nanoTime() - REHEARSAL_SPACING_NANOS;

    /**
     * Runs an instance's takeover path once, dry, shortly before its Master_Down timer expires ({@link
     * LoopScheduler#PREPARE_NANOS}): after a long sleep of the backup, other work on the machine has pushed the
     * path's code and data out of the CPU's caches, and the takeover ran it several times slower than warm (on this
     * lab's virtual machines ~1.1 ms from the timer to the first gratuitous ARP instead of ~0.3). Compiled and
     * linked already ({@link #prepare}), one round is cheap: the state machine's and the announcements' takeover,
     * this instance's encoding and pending read, one refused address request and one announcement on no socket.
     * Nothing reaches the wire or changes in the kernel. The shared paths are run at most once per
     * {@link #REHEARSAL_SPACING_NANOS} (a mass takeover has hundreds of instances preparing within a millisecond).
     */
    void rehearse(RuntimeServices services, NetNamespace namespace, int ifindex, AdvertSender sender,
            VrrpSocket socket, java.net.InetAddress source, org.calpe.vrrp.api.VrrpAuthenticator authenticator,
            InstanceConfig config) {
        try {
            sender.warmUp(source, authenticator, 1);
            socket.receivePending();
            if (!sharedRehearsalDue(System.nanoTime())) {
                return;
            }
            stateMachine(config, 1);
            announcements(1);
            services.addresses().rehearse(namespace);
            services.announcer().rehearse(namespace, ifindex);
        } catch (IOException | RuntimeException e) {
            LOG.debug("takeover rehearsal stopped: {}", e.toString());
        }
    }

    /** Whether the shared paths are to be rehearsed at {@code now}; if so, counts it as done. */
    boolean sharedRehearsalDue(long now) {
        if (now - lastRehearsal < REHEARSAL_SPACING_NANOS) {
            return false;
        }
        lastRehearsal = now;
        return true;
    }

    /**
     * {@link #prepare}, spread over the loop, for an instance resumed after a hand-over: it is running already
     * (a MASTER advertises from the start), and so are the other resumed instances, so the shared code paths —
     * tens of milliseconds on a fresh engine's cold classes, more on a busy machine, and a burst of garbage — must
     * not hold the loop in one piece. The instance's own part (its announcement socket, the address manager) is
     * done now; the rest in slices of at most {@value #SLICE_MICROS} µs, {@value #SLICE_PAUSE_MICROS} µs apart,
     * until done or {@code wanted} says the instance is gone.
     */
    void prepareSliced(EventExecutor loop, RuntimeServices services, NetNamespace namespace, int ifindex,
            AdvertSender sender, VrrpSocket socket, java.net.InetAddress source,
            java.util.function.Supplier<org.calpe.vrrp.api.VrrpAuthenticator> authenticator, InstanceConfig config,
            BooleanSupplier wanted) {
        prepareInstance(services, namespace, ifindex);
        List<Slice> steps = sharedSteps(sender, socket, source, authenticator, config);
        if (!steps.isEmpty()) {
            new Sliced(loop, steps, wanted).run();
        }
    }

    /** The instance's own part of the takeover path: its announcement socket, the address manager's requests. */
    private static void prepareInstance(RuntimeServices services, NetNamespace namespace, int ifindex) {
        try {
            services.announcer().prepare(namespace, ifindex);
        } catch (IOException e) {
            LOG.warn("cannot prepare gratuitous ARP/NA on ifindex {}: {}", ifindex, e.getMessage());
        }
        services.addresses().prepare(namespace);
    }

    /**
     * The shared code paths this runtime has not run yet (each is claimed here, so it runs once): the state
     * machine's and the announcements' takeover, the socket's send and pending read, this instance's encoding
     * (each version, family and authentication has its own path; it stays unclaimed if it cannot run yet, for want
     * of an authenticator).
     */
    private List<Slice> sharedSteps(AdvertSender sender, VrrpSocket socket, java.net.InetAddress source,
            java.util.function.Supplier<org.calpe.vrrp.api.VrrpAuthenticator> authenticator, InstanceConfig config) {
        List<Slice> steps = new ArrayList<>();
        if (!fsmWarm) {
            fsmWarm = true;
            steps.add(rounds(FSM_ROUNDS, 1, n -> stateMachine(config, n)));
            steps.add(rounds(FSM_ROUNDS, 10, TakeoverWarmup::announcements));
        }
        if (!socketWarm) {
            socketWarm = true;
            steps.add(deadline -> {
                socket.warmUp();
                preload();
                return true;
            });
            steps.add(rounds(PENDING_ROUNDS, 10, n -> receivePending(socket, n)));
        }
        String encoding = sender.encodingKind();
        if (warmEncodings.add(encoding)) {
            steps.add(rounds(ROUNDS, 20, n -> {
                if (sender.warmUp(source, authenticator.get(), n)) {
                    return n;
                }
                warmEncodings.remove(encoding); // no authenticator yet: the next instance tries again
                return 0;
            }));
        }
        return steps;
    }

    /** Longest piece of the sliced warm-up in one go. */
    static final long SLICE_MICROS = 500;
    /** Pause between two pieces, for the loop's timers and I/O. */
    static final long SLICE_PAUSE_MICROS = 2_000;

    /** One step of a sliced warm-up. */
    interface Slice {
        /** Works until done or {@code deadlineNanos}; true when done. */
        boolean runUntil(long deadlineNanos);
    }

    /**
     * A step of {@code total} rounds, run {@code chunk} at a time by {@code work} (which returns the rounds it
     * ran: fewer ends the step).
     */
    static Slice rounds(int total, int chunk, java.util.function.IntUnaryOperator work) {
        int[] left = {total};
        return deadline -> {
            while (left[0] > 0) {
                int n = Math.min(chunk, left[0]);
                int done = work.applyAsInt(n);
                left[0] -= n;
                if (done < n) {
                    left[0] = 0;
                } else if (System.nanoTime() - deadline >= 0) {
                    break;
                }
            }
            return left[0] <= 0;
        };
    }

    /** Runs the steps in order on the loop, a slice at a time. */
    static final class Sliced implements Runnable {
        private final EventExecutor loop;
        private final java.util.ArrayDeque<Slice> steps;
        private final BooleanSupplier wanted;
        private final long start = System.nanoTime();
        private int slices;

        Sliced(EventExecutor loop, List<Slice> steps, BooleanSupplier wanted) {
            this.loop = loop;
            this.steps = new java.util.ArrayDeque<>(steps);
            this.wanted = wanted;
        }

        @Override
        public void run() {
            long deadline = System.nanoTime() + SLICE_MICROS * 1_000L;
            try {
                while (!steps.isEmpty() && wanted.getAsBoolean()) {
                    if (!steps.peek().runUntil(deadline)) {
                        break;
                    }
                    steps.poll();
                    if (System.nanoTime() - deadline >= 0) {
                        break;
                    }
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("takeover warm-up stopped: {}", e.toString());
                steps.clear();
            }
            slices++;
            if (steps.isEmpty() || !wanted.getAsBoolean()) {
                LOG.debug("takeover path prepared in {} slices over {} µs", slices,
                        (System.nanoTime() - start) / 1000);
                return;
            }
            try {
                loop.schedule(this, SLICE_PAUSE_MICROS, TimeUnit.MICROSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the loop is ending
            }
        }
    }

    /**
     * Loads and initialises the classes only a new master needs (the state machine's actions, the timer tasks, the
     * announcement scheduling): loading one from its bundle at a takeover reads the jar and verifies the class.
     */
    private static void preload() {
        for (Class<?>[] classes : List.of(org.calpe.vrrp.core.fsm.VrrpAction.class.getPermittedSubclasses(),
                LoopScheduler.TAKEOVER_CLASSES, LoopClock.TAKEOVER_CLASSES)) {
            for (Class<?> c : classes) {
                touch(c.getName(), c.getClassLoader());
            }
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
