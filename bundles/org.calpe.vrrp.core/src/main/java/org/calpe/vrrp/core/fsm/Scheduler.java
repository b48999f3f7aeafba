package org.calpe.vrrp.core.fsm;

/**
 * The clock and timers of one VRRP instance, injected so that the state machine has no threads of its own. The
 * runtime implements it on the Netty event loop that also delivers the instance's adverts (one loop per
 * instance group); tests implement it with virtual time.
 * <p>
 * Contract: at most one pending expiry per {@link VrrpTimer}; {@link #schedule} replaces a pending one. When a
 * timer expires the runtime calls {@link InstanceStateMachine#timerFired(VrrpTimer)} on the same thread that
 * makes every other call into the machine. Times are in microseconds, keepalived's timer resolution.
 */
public interface Scheduler {

    /** A monotonic clock in microseconds (only differences matter). */
    long nowMicros();

    /** Arms {@code timer} to expire {@code delayMicros} from now (0 or more), replacing a pending expiry. */
    void schedule(VrrpTimer timer, long delayMicros);

    /** Disarms {@code timer}; nothing happens if it is not armed. */
    void cancel(VrrpTimer timer);
}
