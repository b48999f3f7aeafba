package org.calpe.net.api;

import java.util.Objects;

/**
 * One {@code RTA_METRICS} entry of a route ({@code linux/rtnetlink.h} {@code RTAX_*}): {@code mtu 1400},
 * {@code advmss lock 1360}, {@code congctl cubic}. Values are in the kernel's units: {@code rtt} in 1/8 ms,
 * {@code rttvar} in 1/4 ms, {@code rto_min} in ms.
 *
 * @param kind      the {@code RTAX_*} number
 * @param value     the unsigned 32-bit value (0 for {@link #CC_ALGO})
 * @param algorithm the congestion control algorithm name for {@link #CC_ALGO}, else null
 * @param locked    the metric's bit in {@code RTAX_LOCK} ({@code lock})
 */
public record RouteMetric(int kind, long value, String algorithm, boolean locked) {

    public static final int MTU = 2;
    public static final int WINDOW = 3;
    public static final int RTT = 4;
    public static final int RTTVAR = 5;
    public static final int SSTHRESH = 6;
    public static final int CWND = 7;
    public static final int ADVMSS = 8;
    public static final int REORDERING = 9;
    public static final int HOPLIMIT = 10;
    public static final int INITCWND = 11;
    public static final int FEATURES = 12;
    public static final int RTO_MIN = 13;
    public static final int INITRWND = 14;
    public static final int QUICKACK = 15;
    public static final int CC_ALGO = 16;
    public static final int FASTOPEN_NO_COOKIE = 17;
    /** {@code features ecn}. */
    public static final int FEATURE_ECN = 0x1;

    public RouteMetric {
        if (kind < MTU || kind > FASTOPEN_NO_COOKIE) {
            throw new IllegalArgumentException("unknown route metric " + kind);
        }
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("metric value " + value + " outside [0, 4294967295]");
        }
        if ((kind == CC_ALGO) != (algorithm != null)) {
            throw new IllegalArgumentException("a congestion control algorithm goes with CC_ALGO only");
        }
        if (algorithm != null && (algorithm.isEmpty() || algorithm.length() > 15)) {
            throw new IllegalArgumentException("congestion control name must have 1 to 15 characters: " + algorithm);
        }
    }

    /** @return a numeric metric */
    public static RouteMetric of(int kind, long value, boolean locked) {
        return new RouteMetric(kind, value, null, locked);
    }

    /** @return {@code congctl [lock] NAME} */
    public static RouteMetric congestionControl(String algorithm, boolean locked) {
        return new RouteMetric(CC_ALGO, 0, Objects.requireNonNull(algorithm, "algorithm"), locked);
    }
}
