package org.calpe.vrrp.core.track;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.calpe.exec.api.RunAs;
import org.calpe.exec.api.ScriptCommand;
import org.calpe.exec.api.ScriptRequest;
import org.calpe.vrrp.core.fsm.Tracker;

/**
 * One {@code vrrp_script} block as keepalived 2.2 reads it.
 *
 * @param name     the block's name, as {@code track_script} refers to it
 * @param command  {@code script}
 * @param user     {@code user USER [GROUP]}; empty = the runner's default ({@code script_user})
 * @param interval {@code interval} (default 1 s): how often the script is started
 * @param timeout  {@code timeout}; empty (keepalived's 0) = the interval is the timeout, as in keepalived
 * @param weight   {@code weight} (−253…253, default 0): the default for {@code track_script} entries that name
 *                 no weight of their own
 * @param reverse  {@code weight N reverse}
 * @param rise     {@code rise} (default 1): successes in a row that bring a failed script up
 * @param fall     {@code fall} (default 1): failures in a row that bring a good script down
 * @param initFail {@code init_fail}: the script counts as failed until its first result, not unknown
 */
public record TrackScript(String name, ScriptCommand command, Optional<RunAs> user, Duration interval,
        Optional<Duration> timeout, int weight, boolean reverse, int rise, int fall, boolean initFail) {

    /** keepalived's {@code VRRP_SCRIPT_DI}. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    public TrackScript {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        if (timeout.isPresent() && (timeout.get().isNegative() || timeout.get().isZero())) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout.get());
        }
        if (weight < -253 || weight > 253) {
            throw new IllegalArgumentException("weight " + weight + " outside [-253, 253]");
        }
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise and fall must be at least 1");
        }
    }

    /** A script with keepalived's defaults for everything but the name and command. */
    public static TrackScript of(String name, ScriptCommand command) {
        return new TrackScript(name, command, Optional.empty(), DEFAULT_INTERVAL, Optional.empty(), 0, false, 1, 1,
                false);
    }

    public TrackScript withInterval(Duration d) {
        return new TrackScript(name, command, user, d, timeout, weight, reverse, rise, fall, initFail);
    }

    public TrackScript withTimeout(Duration d) {
        return new TrackScript(name, command, user, interval, Optional.of(d), weight, reverse, rise, fall, initFail);
    }

    public TrackScript withWeight(int w, boolean rev) {
        return new TrackScript(name, command, user, interval, timeout, w, rev, rise, fall, initFail);
    }

    public TrackScript withRiseFall(int r, int f) {
        return new TrackScript(name, command, user, interval, timeout, weight, reverse, r, f, initFail);
    }

    public TrackScript withInitFail(boolean b) {
        return new TrackScript(name, command, user, interval, timeout, weight, reverse, rise, fall, b);
    }

    public TrackScript withUser(RunAs u) {
        return new TrackScript(name, command, Optional.of(u), interval, timeout, weight, reverse, rise, fall,
                initFail);
    }

    /** How long a run may take before its process group is terminated: {@code timeout}, else {@code interval}. */
    public Duration effectiveTimeout() {
        return timeout.orElse(interval);
    }

    /** The runner request for one run; the name is keepalived's {@code VRRP_Script(name)}. */
    public ScriptRequest request() {
        ScriptRequest r = ScriptRequest.of("VRRP_Script(" + name + ")", command).withTimeout(effectiveTimeout());
        return user.map(r::withRunAs).orElse(r);
    }

    /**
     * The state machine's tracker for a {@code track_script} entry naming this script; {@code weight} and
     * {@code reverse} are the entry's own if it has them ({@code chk weight -20 reverse}), else this script's.
     */
    public Tracker tracker(int entryWeight, boolean entryReverse) {
        return Tracker.script(name, entryWeight, entryReverse, initFail);
    }

    /** The tracker for a {@code track_script} entry without a weight of its own. */
    public Tracker tracker() {
        return tracker(weight, reverse);
    }
}
