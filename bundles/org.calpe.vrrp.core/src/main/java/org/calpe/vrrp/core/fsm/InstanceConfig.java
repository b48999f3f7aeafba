package org.calpe.vrrp.core.fsm;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.core.codec.VrrpVersion;

/**
 * What the state machine needs of one {@code vrrp_instance}.
 *
 * @param name the instance name, as in {@code (VI_1) Entering MASTER STATE}
 * @param version VRRP version
 * @param advertIntervalMicros {@code advert_int}: whole seconds for VRRPv2, whole centiseconds (at most 40.95 s)
 *        for VRRPv3
 * @param priority {@code priority}, 1–255; 255 is the address owner
 * @param initialState {@code state}: BACKUP or MASTER (keepalived's "wantstate"; only an address owner starts
 *        as MASTER at once, every other instance starts in BACKUP)
 * @param nopreempt {@code nopreempt}
 * @param preemptDelayMicros {@code preempt_delay}, 0 for none
 * @param downTimerAdverts {@code down_timer_adverts}, 1–100 (3 in the RFCs)
 * @param higherPrioSendAdvert {@code higher_prio_send_advert}
 * @param lowerPrioNoAdvert {@code lower_prio_no_advert}
 * @param garpLowerPrio whether {@code garp_lower_prio_repeat} is set (a master then re-announces on a lower
 *        priority advert)
 * @param primaryAddress the address adverts are sent from ({@code mcast_src_ip}/{@code unicast_src_ip} or the
 *        interface's primary address), used for the equal-priority tie-break; null while unknown
 * @param trackers the instance's trackers (including its own interface unless {@code dont_track_primary}) and
 *        those of its sync group
 */
public record InstanceConfig(String name, VrrpVersion version, long advertIntervalMicros, int priority,
        VrrpState initialState, boolean nopreempt, long preemptDelayMicros, int downTimerAdverts,
        boolean higherPrioSendAdvert, boolean lowerPrioNoAdvert, boolean garpLowerPrio, InetAddress primaryAddress,
        List<Tracker> trackers) {

    /** RFC 3768 §5.3.4 / RFC 5798 §5.2.4: the address owner's priority. */
    public static final int PRIORITY_OWNER = 255;

    public InstanceConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(initialState, "initialState");
        trackers = List.copyOf(trackers);
        if (priority < 1 || priority > PRIORITY_OWNER) {
            throw new IllegalArgumentException("priority " + priority + " outside [1, 255]");
        }
        if (initialState != VrrpState.BACKUP && initialState != VrrpState.MASTER) {
            throw new IllegalArgumentException("state must be BACKUP or MASTER, not " + initialState);
        }
        long unit = version == VrrpVersion.V2 ? TimerMath.MICROS_PER_SECOND : TimerMath.MICROS_PER_CENTISECOND;
        long max = version == VrrpVersion.V2 ? 255 * unit : 4095 * unit;
        if (advertIntervalMicros < unit || advertIntervalMicros > max || advertIntervalMicros % unit != 0) {
            throw new IllegalArgumentException("advert interval " + advertIntervalMicros + " us invalid for "
                    + version);
        }
        if (preemptDelayMicros < 0) {
            throw new IllegalArgumentException("preempt_delay " + preemptDelayMicros);
        }
        if (downTimerAdverts < 1 || downTimerAdverts > 100) {
            throw new IllegalArgumentException("down_timer_adverts " + downTimerAdverts + " outside [1, 100]");
        }
    }

    /** A builder with keepalived's defaults: VRRPv2, advert_int 1, priority 100, state BACKUP, preempt. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public boolean owner() {
        return priority == PRIORITY_OWNER;
    }

    /**
     * The configuration as keepalived runs it, with its warnings ({@code vrrp_complete_instance}): nopreempt is
     * dropped at priority 255 and with state MASTER, preempt_delay with state MASTER and with nopreempt.
     */
    public InstanceConfig normalized(List<String> warnings) {
        boolean np = nopreempt;
        long delay = preemptDelayMicros;
        if (owner() && np) {
            warnings.add("(" + name + ") nopreempt is incompatible with priority 255 - resetting nopreempt");
            np = false;
        }
        if (initialState == VrrpState.MASTER) {
            if (np) {
                warnings.add("(" + name + ") Warning - nopreempt will not work with initial state MASTER - clearing");
                np = false;
            }
            if (delay != 0) {
                warnings.add("(" + name + ") Warning - preempt delay will not work with initial state MASTER"
                        + " - clearing");
                delay = 0;
            }
        }
        if (delay != 0 && np) {
            warnings.add("(" + name + ") preempt_delay is incompatible with nopreempt mode - resetting");
            delay = 0;
        }
        return new InstanceConfig(name, version, advertIntervalMicros, priority, initialState, np, delay,
                downTimerAdverts, higherPrioSendAdvert, lowerPrioNoAdvert, garpLowerPrio, primaryAddress, trackers);
    }

    /** Builds an {@link InstanceConfig}. */
    public static final class Builder {
        private final String name;
        private VrrpVersion version = VrrpVersion.V2;
        private long advertIntervalMicros = TimerMath.MICROS_PER_SECOND;
        private int priority = 100;
        private VrrpState initialState = VrrpState.BACKUP;
        private boolean nopreempt;
        private long preemptDelayMicros;
        private int downTimerAdverts = 3;
        private boolean higherPrioSendAdvert;
        private boolean lowerPrioNoAdvert;
        private boolean garpLowerPrio;
        private InetAddress primaryAddress;
        private final List<Tracker> trackers = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder version(VrrpVersion v) {
            version = v;
            return this;
        }

        public Builder advertIntervalMicros(long micros) {
            advertIntervalMicros = micros;
            return this;
        }

        public Builder priority(int p) {
            priority = p;
            return this;
        }

        public Builder initialState(VrrpState s) {
            initialState = s;
            return this;
        }

        public Builder nopreempt(boolean b) {
            nopreempt = b;
            return this;
        }

        public Builder preemptDelayMicros(long micros) {
            preemptDelayMicros = micros;
            return this;
        }

        public Builder downTimerAdverts(int n) {
            downTimerAdverts = n;
            return this;
        }

        public Builder higherPrioSendAdvert(boolean b) {
            higherPrioSendAdvert = b;
            return this;
        }

        public Builder lowerPrioNoAdvert(boolean b) {
            lowerPrioNoAdvert = b;
            return this;
        }

        public Builder garpLowerPrio(boolean b) {
            garpLowerPrio = b;
            return this;
        }

        public Builder primaryAddress(InetAddress a) {
            primaryAddress = a;
            return this;
        }

        public Builder tracker(Tracker t) {
            trackers.add(t);
            return this;
        }

        public InstanceConfig build() {
            return new InstanceConfig(name, version, advertIntervalMicros, priority, initialState, nopreempt,
                    preemptDelayMicros, downTimerAdverts, higherPrioSendAdvert, lowerPrioNoAdvert, garpLowerPrio,
                    primaryAddress, trackers);
        }
    }
}
