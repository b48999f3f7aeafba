package org.calpe.config.keepalived.schema.lvs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.calpe.config.keepalived.schema.ParseContext;
import org.calpe.config.keepalived.schema.Statement;
import org.calpe.config.keepalived.schema.ValueType;
import org.calpe.config.keepalived.schema.Values;

/**
 * Value types of the LVS side with keepalived's messages: timers (seconds with microsecond resolution),
 * unsigned numbers with a keyword-specific follow-up line, schedulers, protocols, scripts.
 */
public final class LvsValues {
    /** keepalived's UINT_MAX. */
    public static final long UINT_MAX = 4294967295L;
    /** IPVS_WEIGHT_LIMIT (INT_MAX). */
    public static final long WEIGHT_LIMIT = 2147483647L;
    /** LVS_MAX_TIMEOUT: 31 days. */
    public static final long PERSISTENCE_MAX = 2678400L;
    /** Microseconds in the largest timer keepalived reads (ULONG_MAX - 1 µs). */
    static final BigDecimal TIMER_MAX_LONG = new BigDecimal("18446744073709.551614");
    static final BigDecimal TIMER_MAX_UINT = new BigDecimal("4294.967295");
    static final BigDecimal MICRO = new BigDecimal("0.000001");

    /** The schedulers keepalived 2.2 accepts for lvs_sched. */
    public static final Set<String> SCHEDULERS = Set.of("rr", "wrr", "lc", "wlc", "lblc", "sh", "mh", "dh", "fo",
            "ovf", "lblcr", "sed", "nq", "twos");

    private LvsValues() {
    }

    /**
     * A timer in seconds (decimal, microsecond resolution) as keepalived's read_timer reads it. The value is
     * the number of microseconds as a {@link Long}.
     *
     * @param zeroAllowed whether 0 is valid (warmup, delay_before_retry) or the minimum is 1 µs
     * @param uintMax whether the maximum is UINT_MAX µs (connect_timeout) instead of ULONG_MAX
     * @param followUp message after a rejected value, with %s for the word, or null
     */
    public static ValueType timer(boolean zeroAllowed, boolean uintMax, String followUp) {
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                String w = st.arg(0);
                if (w == null) {
                    ctx.missingParameter(st, 2);
                    return ValueType.INVALID;
                }
                BigDecimal v;
                try {
                    if (!w.matches("[-+]?[0-9]*\\.?[0-9]+")) {
                        throw new NumberFormatException();
                    }
                    v = new BigDecimal(w);
                } catch (NumberFormatException e) {
                    ctx.error(st.argLocation(0), "invalid number '%s'", w);
                    return ValueType.INVALID;
                }
                BigDecimal min = zeroAllowed ? BigDecimal.ZERO : MICRO;
                BigDecimal max = uintMax ? TIMER_MAX_UINT : TIMER_MAX_LONG;
                if (v.signum() < 0) {
                    ctx.error(st.argLocation(0), "negative number '%s'", w);
                } else if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
                    ctx.error(st.argLocation(0), "number '%s' outside range [%s, %s]", w,
                            zeroAllowed ? "0" : MICRO.toPlainString(), max.toPlainString());
                } else {
                    return v.movePointRight(6).setScale(0, RoundingMode.DOWN).longValueExact();
                }
                if (followUp != null) {
                    ctx.error(st.location(), followUp, w);
                }
                return ValueType.INVALID;
            }

            @Override
            public List<String> render(Object value) {
                return List.of(BigDecimal.valueOf((Long) value).movePointLeft(6).stripTrailingZeros()
                        .toPlainString());
            }
        };
    }

    /** An unsigned number in [min, max] with keepalived's generic message plus a follow-up (%s = word). */
    public static ValueType unsigned(long min, long max, String followUp) {
        ValueType t = Values.longInteger(min, max);
        return followUp == null ? t : Values.onInvalid(t, (st, ctx) -> ctx.error(st.location(), followUp,
                st.arg(0) == null ? "" : st.arg(0)));
    }

    /** An optional true/false word with keepalived's "Invalid &lt;what&gt; parameter %s" message. */
    public static ValueType optionalBoolean(String what) {
        return Values.optionalBoolean("Invalid " + what + " parameter %s", "no");
    }

    /** A string that must be present; otherwise the given message. */
    public static ValueType requiredString(String missing) {
        return Values.string(missing);
    }

    /** Exactly one word (snmp_name). */
    public static ValueType exactlyOne(String message) {
        return Values.text((st, ctx) -> {
            if (st.args().size() != 1) {
                ctx.error(st.location(), "%s", message);
                return ValueType.INVALID;
            }
            return st.arg(0);
        });
    }

    /** lvs_sched / lb_algo; a missing word aborts. */
    public static ValueType scheduler() {
        return Values.required(Values.text((st, ctx) -> {
            String w = st.arg(0);
            if (!SCHEDULERS.contains(w)) {
                ctx.error(st.argLocation(0), "Invalid lvs_scheduler '%s' - ignoring", w);
                return ValueType.INVALID;
            }
            return w;
        }));
    }

    /** protocol TCP|UDP|SCTP, case-insensitive; the value is upper case; a missing word aborts. */
    public static ValueType protocol() {
        return Values.required(Values.text((st, ctx) -> {
            String w = st.arg(0);
            String u = w.toUpperCase(Locale.ROOT);
            if (!u.equals("TCP") && !u.equals("UDP") && !u.equals("SCTP")) {
                ctx.error(st.location(), "Unknown protocol %s - ignoring", w);
                return ValueType.INVALID;
            }
            return u;
        }));
    }

    /** A script with optional user and group: {@code notify_up "cmd args" [user [group]]}; none aborts. */
    public static ValueType script() {
        return Values.scriptWithUser();
    }

    /**
     * Parses an unsigned decimal as keepalived's strtoul-based readers do (no sign, no spaces), or returns -1.
     */
    static long parseUnsigned(String w) {
        if (w == null || w.isEmpty() || w.length() > 19 || !w.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(w);
    }
}
