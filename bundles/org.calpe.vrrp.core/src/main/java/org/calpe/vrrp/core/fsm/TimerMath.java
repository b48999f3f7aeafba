package org.calpe.vrrp.core.fsm;

import org.calpe.vrrp.core.codec.VrrpVersion;

/**
 * Skew_Time and Master_Down_Interval in microseconds, with keepalived 2.2's integer arithmetic
 * ({@code VRRP_TIMER_SKEW}, {@code VRRP_TIMER_SKEW_MIN}, {@code VRRP_MS_DOWN_TIMER} in vrrp.h).
 * <ul>
 * <li>VRRPv2 (RFC 3768 §6.1): Skew_Time = (256 − Priority) / 256 seconds, whatever the advert interval.</li>
 * <li>VRRPv3 (RFC 5798 §6.1): Skew_Time = ((256 − Priority) × Master_Adver_Interval) / 256, the interval counted
 * in whole centiseconds: {@code ((256 - p) * centis * 625) / 16} microseconds, truncated.</li>
 * <li>Master_Down_Interval = down_timer_adverts (3 in the RFCs) × Master_Adver_Interval + Skew_Time.</li>
 * </ul>
 */
final class TimerMath {
    static final long MICROS_PER_SECOND = 1_000_000L;
    static final long MICROS_PER_CENTISECOND = 10_000L;

    private TimerMath() {
    }

    /** Skew_Time for {@code priority} (the effective priority) and the current Master_Adver_Interval. */
    static long skew(VrrpVersion version, int priority, long masterAdverIntMicros) {
        return skewOf(version, 256L - priority, masterAdverIntMicros);
    }

    /** keepalived's smallest skew (as if priority were 255), used when a sync group wants MASTER at start. */
    static long skewMin(VrrpVersion version, long masterAdverIntMicros) {
        return skewOf(version, 1, masterAdverIntMicros);
    }

    /** Master_Down_Interval. */
    static long masterDown(VrrpVersion version, int downTimerAdverts, int priority, long masterAdverIntMicros) {
        return downTimerAdverts * masterAdverIntMicros + skew(version, priority, masterAdverIntMicros);
    }

    private static long skewOf(VrrpVersion version, long factor, long masterAdverIntMicros) {
        if (version == VrrpVersion.V3) {
            return factor * (masterAdverIntMicros / MICROS_PER_CENTISECOND) * 625L / 16L;
        }
        return factor * MICROS_PER_SECOND / 256L;
    }
}
