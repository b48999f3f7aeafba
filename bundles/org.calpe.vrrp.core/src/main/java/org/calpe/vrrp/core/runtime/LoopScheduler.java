package org.calpe.vrrp.core.runtime;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.calpe.vrrp.core.fsm.Scheduler;
import org.calpe.vrrp.core.fsm.VrrpTimer;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The state machine's {@link Scheduler} on the runtime's event loop. A generation per timer makes an expiry
 * that was replaced or cancelled after it had already been queued a no-op.
 * <p>
 * While the state machine handles a received advert, "now" is when the kernel received it ({@link #during}):
 * the Master_Down timer it restarts runs from the advert's arrival, not from whenever the loop got to it, so
 * the receive path's hand-offs and batching do not move the takeover.
 * <p>
 * A Master_Down timer runs in two steps: {@value #PREPARE_NANOS} ns before it expires it asks for prompt wake-ups
 * ({@link PromptWakeups}) and re-arms for the rest; the request ends when the timer has fired (the takeover is
 * done) or is re-armed or cancelled (an advert came). A backup hearing its master never gets that far. For the same
 * span it holds the runtime's {@link Afterwards}: reports and later announcement passes wait while takeovers are
 * near.
 * <p>
 * A master's advert timer may keep to a phase of its own ({@link #advertPhase}): each advert is due at a time
 * that is {@code phase} past a multiple of the interval (in {@link System#nanoTime()}), so a node's masters
 * spread their adverts over the interval ({@link #PHASES} bursts) instead of sending them in the one burst their
 * common start left (all of a node's instances become MASTER within a few milliseconds). A backup's Master_Down
 * timers then expire spread out in the same way when the master dies, and a mass takeover never has more than the
 * interval's share to do at once. Keeping to the phase only ever makes an interval shorter, never longer: after a
 * takeover once or twice (never under a quarter of the interval), then by as much as the loop was late.
 */
final class LoopScheduler implements Scheduler {
    /**
     * How long before the Master_Down timer expires the backup asks for prompt wake-ups ({@link PromptWakeups});
     * only for timers at least twice as long (adverts at 10 ms keep the thread awake anyway).
     */
    static final long PREPARE_NANOS = 2_000_000L;

    private final EventExecutor loop;
    private final PromptWakeups prompt;
    /** Held with {@link #prompt}; null: none (tests). */
    private final Afterwards afterwards;
    private final Consumer<VrrpTimer> fire;
    private final Map<VrrpTimer, ScheduledFuture<?>> armed = new EnumMap<>(VrrpTimer.class);
    private final long[] generation = new long[VrrpTimer.values().length];
    /**
     * When each timer was last armed to expire ({@link System#nanoTime()}); a Master_Down timer's preparation re-arms
     * for it.
     */
    private final long[] due = new long[VrrpTimer.values().length];
    /** When each timer's armed task runs ({@link System#nanoTime()}): its expiry, or a Master_Down preparation. */
    private final long[] taskAt = new long[VrrpTimer.values().length];
    /** Whether this instance holds {@link #prompt} (from its Master_Down timer's preparation until it ends). */
    private boolean holding;
    /**
     * The advert timer's phase as a fraction of its interval, in [0, 1); negative: none (an interval from the state
     * machine's now).
     */
    private double advertPhase = -1;
    /** How many tasks this scheduler has queued on the loop ({@link #armings()}). */
    private long armings;
    /** Run at a Master_Down timer's preparation ({@link #rehearsal(Runnable)}). */
    private Runnable rehearsal;

    LoopScheduler(EventExecutor loop, Consumer<VrrpTimer> fire) {
        this(loop, PromptWakeups.NONE, fire);
    }

    LoopScheduler(EventExecutor loop, PromptWakeups prompt, Consumer<VrrpTimer> fire) {
        this(loop, prompt, null, fire);
    }

    LoopScheduler(EventExecutor loop, PromptWakeups prompt, Afterwards afterwards, Consumer<VrrpTimer> fire) {
        this.loop = loop;
        this.prompt = prompt;
        this.afterwards = afterwards;
        this.fire = fire;
    }

    /** 0: none; else the {@link System#nanoTime()} the current event happened at. */
    private long eventNanos;

    /**
     * Runs {@code handling} with "now" = {@code atNanos} (a {@link System#nanoTime()} value in the recent past;
     * a future or over a second old one is ignored).
     */
    void during(long atNanos, Runnable handling) {
        long now = System.nanoTime();
        long age = now - atNanos;
        eventNanos = age >= 0 && age < 1_000_000_000L ? atNanos : 0;
        try {
            handling.run();
        } finally {
            eventNanos = 0;
        }
    }

    @Override
    public long nowMicros() {
        return (eventNanos != 0 ? eventNanos : System.nanoTime()) / 1000L;
    }

    @Override
    public void schedule(VrrpTimer timer, long delayMicros) {
        long now = System.nanoTime();
        long start = eventNanos != 0 ? eventNanos : now; // relative to the event: what has passed since counts
        long delayNanos = start + Math.max(0, delayMicros) * 1000L - now;
        if (timer == VrrpTimer.ADVERT && advertPhase >= 0 && delayMicros > 0) {
            long period = delayMicros * 1000L;
            delayNanos = inPhase(now, start, period, (long) (advertPhase * period)) - now;
        }
        long at = now + Math.max(0, delayNanos);
        int i = timer.ordinal();
        if (timer == VrrpTimer.MASTER_DOWN && !holding && at - due[i] >= 0 && taskAt[i] - now >= delayNanos / 3
                && armed.containsKey(timer)) {
            due[i] = at; // moved later, and the armed task is not near: it stays (see below)
            return;
        }
        cancel(timer);
        due[i] = at;
        arm(timer, generation[i], delayNanos);
    }

    /**
     * Arms {@code timer} to run {@code delayNanos} from now: a Master_Down timer long enough for it at its preparation
     * {@link #PREPARE_NANOS} before.
     */
    private void arm(VrrpTimer timer, long gen, long delayNanos) {
        armings++;
        boolean preparation = timer == VrrpTimer.MASTER_DOWN && delayNanos >= 2 * PREPARE_NANOS;
        long runIn = Math.max(0, preparation ? delayNanos - PREPARE_NANOS : delayNanos);
        taskAt[timer.ordinal()] = System.nanoTime() + runIn;
        armed.put(timer, loop.schedule(new Due(this, timer, gen, preparation), runIn, TimeUnit.NANOSECONDS));
    }

    /*
     * A backup re-arms its Master_Down timer at every advert (keepalived's behaviour). Cancelling the loop's task and
     * queueing a new one each time took two walks through the loop's queue of timers, each touching a dozen other
     * instances' tasks out of the CPU's caches (a tenth of a 1,000-instance backup's CPU). A Master_Down timer that
     * moves later while its armed task is more than a third of the timer away only records its new time; an advert
     * that finds the task nearer re-arms it. A backup that hears its master every interval (Master_Down_Interval is
     * over three of them) so re-arms at every third advert, on a wake-up the advert brought anyway: letting the task
     * run and re-arm itself then cost more wake-ups of the loop than the queue work it saved. Should no advert come in
     * time, the task re-arms when it runs (moveOn). A timer that moves earlier (Skew_Time after priority 0, a shorter
     * learned interval), or one whose preparation has begun, is cancelled and armed anew.
     */

    /**
     * Whether the Master_Down time moved past {@code timer}'s armed task since it was armed (see above); if so, re-arms
     * the task for the new time.
     */
    private boolean moveOn(VrrpTimer timer, long gen) {
        if (timer != VrrpTimer.MASTER_DOWN) {
            return false; // (an advert timer, at every advert of a master: no clock read)
        }
        long left = due[timer.ordinal()] - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        arm(timer, gen, left);
        return true;
    }

    /*
     * The timer task is a class, not a lambda: a backup arms its first plain expiry (at a Master_Down preparation,
     * or an advert timer) at its first takeover, and linking a lambda there (a millisecond and more, in which the
     * loop's working set is pushed out of the caches) delayed the takeover. TakeoverWarmup loads it ahead
     * (TAKEOVER_CLASSES).
     */

    /** A timer's expiry, or a Master_Down timer's preparation {@link #PREPARE_NANOS} before it. */
    private static final class Due implements Runnable {
        private final LoopScheduler scheduler;
        private final VrrpTimer timer;
        private final long gen;
        private final boolean preparation;

        Due(LoopScheduler scheduler, VrrpTimer timer, long gen, boolean preparation) {
            this.scheduler = scheduler;
            this.timer = timer;
            this.gen = gen;
            this.preparation = preparation;
        }

        @Override
        public void run() {
            if (preparation) {
                scheduler.prepare(timer, gen);
            } else {
                scheduler.expire(timer, gen);
            }
        }
    }

    /** The classes of a first takeover that are not loaded before it (for {@link TakeoverWarmup}). */
    static final Class<?>[] TAKEOVER_CLASSES = {Due.class};

    /**
     * Runs {@code rehearsal} at each Master_Down timer's preparation, {@link #PREPARE_NANOS} before it expires: the
     * takeover path, dry, so that it is in the CPU's caches when the timer expires ({@link TakeoverWarmup#rehearse}).
     */
    void rehearsal(Runnable rehearsal) {
        this.rehearsal = rehearsal;
    }

    /**
     * Makes the advert timer keep to {@code fraction} of its interval (see the class comment); negative: none.
     */
    void advertPhase(double fraction) {
        advertPhase = fraction < 0 ? -1 : fraction - Math.floor(fraction);
    }

    /**
     * When an advert timer armed at {@code start} (the event, or {@code now}) for {@code period} fires if it keeps to
     * {@code phase}: the last time at or before {@code start + period} that is {@code phase} past a multiple of
     * {@code period} — unless that is less than a quarter period from {@code now}, then half a period from now
     * (the next one is in phase). Never later than {@code start + period}.
     */
    static long inPhase(long now, long start, long period, long phase) {
        long due = start + period;
        long slot = due - Math.floorMod(due - phase, period);
        if (slot - now < period / 4) {
            slot = Math.min(due, now + period / 2);
        }
        return slot;
    }

    /**
     * How many phases an interval has: a node's masters advertise in this many bursts per interval. Fewer bursts
     * cost the loop fewer wake-ups (one per due time however many adverts are due then: at 1,000 instances one
     * phase each cost master and backup two to three times the CPU); more make each smaller for a backup that
     * takes over from them all at once (at 1,000 instances and advert_int 0.1, ~60 takeovers every 6 ms). JVM
     * system property {@code calpe.vrrp.advert_phases}; 0: none, each master advertises an interval after its last
     * advert as keepalived does.
     */
    static final int PHASES = Math.max(0, Integer.getInteger("calpe.vrrp.advert_phases", 16));

    /**
     * A phase in [0, 1) for an instance (-1: none, {@link #PHASES} is 0): one of {@link #PHASES}, the same in every
     * engine and spread evenly over consecutive VRIDs (the fractional parts of multiples of the golden ratio), with
     * interfaces and families offset from each other.
     */
    static double phaseOf(String interfaceName, int vrid, boolean ipv6) {
        if (PHASES == 0) {
            return -1;
        }
        double x = (interfaceName.hashCode() * 256L + vrid) * 0.6180339887498949 + (ipv6 ? 0.5 : 0);
        return Math.floor((x - Math.floor(x)) * PHASES) / PHASES;
    }

    /**
     * Shortly before the Master_Down timer expires: prompt wake-ups until it expires or is re-armed, and the
     * rehearsal.
     */
    private void prepare(VrrpTimer timer, long gen) {
        if (generation[timer.ordinal()] != gen) {
            return; // re-armed or cancelled since: due[] is another arming's
        }
        long left = due[timer.ordinal()] - System.nanoTime();
        if (left >= 2 * PREPARE_NANOS) {
            arm(timer, gen, left); // an advert moved the timer (see moveOn): not near yet
            return;
        }
        if (!holding) {
            holding = true;
            prompt.hold();
            if (afterwards != null) {
                afterwards.hold();
            }
        }
        if (rehearsal != null) {
            rehearsal.run();
        }
        arm(timer, gen, due[timer.ordinal()] - System.nanoTime()); // the expiry: under 2 * PREPARE_NANOS from now
    }

    private void expire(VrrpTimer timer, long gen) {
        if (generation[timer.ordinal()] == gen && !moveOn(timer, gen)) {
            armed.remove(timer);
            generation[timer.ordinal()]++;
            try {
                fire.accept(timer);
            } finally {
                release(); // after the takeover, or after the advert the expiry found (which re-armed the timer)
            }
        }
    }

    @Override
    public void cancel(VrrpTimer timer) {
        generation[timer.ordinal()]++;
        ScheduledFuture<?> f = armed.remove(timer);
        if (f != null) {
            f.cancel(false);
        }
        if (timer == VrrpTimer.MASTER_DOWN) {
            release();
        }
    }

    private void release() {
        if (holding) {
            holding = false;
            prompt.release();
            if (afterwards != null) {
                afterwards.release();
            }
        }
    }

    /** @return when {@code timer} was last armed to expire ({@link System#nanoTime()}) */
    long due(VrrpTimer timer) {
        return due[timer.ordinal()];
    }

    /** @return how many timer tasks this scheduler has queued on the loop so far */
    long armings() {
        return armings;
    }

    /** @return whether {@code timer} is armed (scheduled and neither expired nor cancelled since) */
    boolean armed(VrrpTimer timer) {
        return armed.containsKey(timer);
    }

    /** Cancels everything (the instance is gone). */
    void cancelAll() {
        for (VrrpTimer t : VrrpTimer.values()) {
            cancel(t);
        }
    }
}
