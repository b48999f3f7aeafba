package org.calpe.vrrp.core.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;

import org.calpe.net.api.ScheduledSend;
import org.calpe.net.api.VrrpSocket;
import org.calpe.vrrp.api.VrrpAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A master's periodic adverts, handed to the kernel ahead of time ({@link VrrpSocket#sendAt}) when
 * {@code advert_int} is short (see {@link #AUTO_BELOW_NANOS}): it sends each at its time, {@code advert_int}
 * apart, even while the JVM is stopped — a stop-the-world collection under a
 * garbage-heavy bundle lasted up to 58 ms here, longer than a backup's Master_Down_Interval at {@code advert_int
 * 0.01} allows, and a master that falls silent that long loses its mastership. The kernel holds the adverts of the
 * next {@value #COVER_NANOS} ns (at least one); each advert timer of the state machine tops them up instead of
 * sending, so there is still one advert per interval on the wire.
 * <p>
 * Anything else the state machine sends (a takeover's first advert, one forced by a lower-priority advert,
 * priority 0) goes out at once as before, after what the kernel holds is withdrawn: an AH receiver drops sequence
 * numbers that go backwards. So does a change of priority, of state, a stop or a hand-over; the next advert timer
 * sends at once and starts again. A process that dies takes what the kernel holds with it (a crashed master stops
 * advertising at once); one that hangs goes on advertising for at most {@value #COVER_NANOS} ns. Where the kernel
 * cannot ({@code io_uring} unavailable, a socket that does not support it), every advert leaves from the loop as
 * before. Used on the loop only.
 */
final class TimedAdverts {
    /** How far ahead the kernel holds adverts: the longest pause of the JVM they bridge. */
    static final long COVER_NANOS = 150_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger("org.calpe.vrrp");
    /**
     * Below this {@code advert_int} (by default) the kernel sends the adverts: a backup's Master_Down_Interval
     * leaves a master less than {@code 2 × advert_int} + Skew_Time of silence, which a collector's pause can
     * use up (at 0.01 s: 26 ms). At 0.1 s and above the slack is a quarter of a second or more, and each advert
     * would cost the loop a second wake-up (the kernel's send runs as its task work).
     */
    static final long AUTO_BELOW_NANOS = 100_000_000L;
    /**
     * JVM system property {@code calpe.vrrp.kernel_adverts}: {@code auto} (default: below
     * {@value #AUTO_BELOW_NANOS} ns), {@code true} (every master), {@code false} (none).
     */
    static final String MODE = System.getProperty("calpe.vrrp.kernel_adverts", "auto");
    /** Said once per engine: why adverts leave from the loop only. */
    private static final AtomicBoolean SAID_UNAVAILABLE = new AtomicBoolean();

    private final String name;
    private final long intervalNanos;
    /** What the kernel holds, oldest first. */
    private final ArrayDeque<ScheduledSend> queued = new ArrayDeque<>();
    /** The priority of what is queued, -1 while nothing is. */
    private int priority = -1;
    /** When the next advert to queue is due. */
    private long next;
    private boolean unavailable;

    TimedAdverts(String name, long intervalNanos) {
        this(name, intervalNanos, wanted(MODE, intervalNanos));
    }

    /** @param wanted whether to use the kernel at all ({@link #wanted(String, long)}) */
    TimedAdverts(String name, long intervalNanos, boolean wanted) {
        this.name = name;
        this.intervalNanos = intervalNanos;
        this.unavailable = !wanted;
    }

    /** Whether adverts at {@code intervalNanos} go through the kernel in {@code mode}. */
    static boolean wanted(String mode, long intervalNanos) {
        return switch (mode) {
            case "true" -> true;
            case "false" -> false;
            default -> intervalNanos < AUTO_BELOW_NANOS;
        };
    }

    /**
     * The state machine's advert timer asks for an advert with {@code priority} at {@code now}: true if the kernel
     * has it (or sends it in a moment) and the queue was topped up; false if the caller sends it now (and then calls
     * {@link #start}).
     */
    boolean covered(long now, int priority, VrrpSocket socket, AdvertSender sender, InetAddress source,
            VrrpAuthenticator authenticator) {
        if (this.priority != priority) {
            return false; // nothing queued, or another priority: the caller sends now
        }
        settle();
        // the timer's own advert may be the last queued one, sent a moment ago (the queue holds one advert ahead
        // at advert_int 150 ms or more); none within half an interval: the loop was away longer than the queue
        // reached, start again from now
        if (next - intervalNanos < now - intervalNanos / 2) {
            cancel();
            return false;
        }
        topUp(now, socket, sender, source, authenticator);
        return !unavailable; // the kernel refused the top-up: what it held is withdrawn, the caller sends now
    }

    /**
     * An advert with {@code priority} left at {@code now} on the advert timer: from now on the kernel holds the
     * next ones.
     */
    void start(long now, int priority, VrrpSocket socket, AdvertSender sender, InetAddress source,
            VrrpAuthenticator authenticator) {
        cancel();
        if (unavailable || priority <= 0) {
            return;
        }
        this.priority = priority;
        next = now + intervalNanos;
        topUp(now, socket, sender, source, authenticator);
    }

    private void topUp(long now, VrrpSocket socket, AdvertSender sender, InetAddress source,
            VrrpAuthenticator authenticator) {
        long horizon = now + Math.max(COVER_NANOS, intervalNanos);
        while (next <= horizon && !unavailable) {
            ScheduledSend s;
            try {
                AdvertSender.Round round = sender.encodeRound(source, priority, authenticator);
                s = socket.sendAt(next, round.packets, round.destinations);
            } catch (IOException e) {
                unavailable(e.getMessage());
                return;
            }
            if (s == null) {
                unavailable("the socket cannot send later");
                return;
            }
            queued.add(s);
            next += intervalNanos;
        }
    }

    private void unavailable(String why) {
        cancel();
        unavailable = true;
        if (SAID_UNAVAILABLE.compareAndSet(false, true)) {
            LOG.info("({}) adverts leave from the VRRP thread only, not from the kernel ahead of time: {}", name,
                    why);
        } else {
            LOG.debug("({}) adverts leave from the VRRP thread only: {}", name, why);
        }
    }

    /** Forgets what has gone out; reports a datagram the kernel could not send as a direct send would. */
    private void settle() {
        ScheduledSend q;
        while ((q = queued.peekFirst()) != null && q.done()) {
            queued.pollFirst();
            if (q.failure().isPresent()) {
                LOG.warn("({}) cannot send advert: {}", name, q.failure().get());
            }
        }
    }

    /** Withdraws what the kernel still holds (before a direct send, a change of priority or state, a stop). */
    void cancel() {
        ScheduledSend q;
        while ((q = queued.pollFirst()) != null) {
            q.cancel();
        }
        priority = -1;
    }

    /** @return the classes a master's advert timer may need (loaded before a bridge, see HandOverBridge) */
    static java.util.List<Class<?>> classes() {
        return java.util.List.of(TimedAdverts.class, AdvertSender.Round.class);
    }

    /** @return adverts the kernel holds or has not been seen to send yet (for tests) */
    int queued() {
        return queued.size();
    }
}
