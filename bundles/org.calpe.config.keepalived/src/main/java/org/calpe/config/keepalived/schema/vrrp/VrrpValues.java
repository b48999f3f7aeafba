package org.calpe.config.keepalived.schema.vrrp;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

import org.calpe.config.keepalived.schema.ParseContext;
import org.calpe.config.keepalived.schema.Statement;
import org.calpe.config.keepalived.schema.ValueType;
import org.calpe.config.keepalived.schema.Values;

/** Value types of the VRRP and global keywords, with keepalived 2.2.7's messages. */
final class VrrpValues {
    private VrrpValues() {
    }

    /** Integer in range; on rejection also reports {@code message} (a format taking the word). */
    static ValueType integer(long min, long max, String message) {
        return Values.onInvalid(Values.integer(min, max), (st, ctx) -> ctx.error(st.location(), message,
                String.valueOf(st.arg(0))));
    }

    static ValueType longInteger(long min, long max, String message) {
        return Values.onInvalid(Values.longInteger(min, max), (st, ctx) -> ctx.error(st.location(), message,
                String.valueOf(st.arg(0))));
    }

    /** Decimal in range; on rejection also reports {@code message} (a format taking the word). */
    static ValueType decimal(double min, double max, String message) {
        return Values.onInvalid(Values.decimal(min, max), (st, ctx) -> ctx.error(st.location(), message,
                String.valueOf(st.arg(0))));
    }

    /** Unsigned integer where 0 is accepted but raised to 1 with keepalived's complaint. */
    static ValueType atLeastOne(long max, String invalidMessage, String zeroMessage) {
        ValueType base = integer(0, max, invalidMessage);
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                Object v = base.parse(st, ctx);
                if (v instanceof Number n && n.longValue() == 0) {
                    ctx.error(st.location(), "%s", zeroMessage);
                    return v instanceof Long ? (Object) 1L : (Object) 1;
                }
                return v;
            }

            @Override
            public List<String> render(Object value) {
                return base.render(value);
            }
        };
    }

    /** Optional boolean word with a keyword-specific message for a bad word (format taking the word). */
    static ValueType bool(String message) {
        return Values.optionalBoolean(message, "false");
    }

    /** An IP address literal (kept as written); a missing word aborts. */
    static ValueType address(String message) {
        return Values.required(Values.text((st, ctx) -> {
            String w = st.arg(0);
            if (Inet.parse(w) == null) {
                ctx.error(st.location(), message, w);
                return ValueType.INVALID;
            }
            return w;
        }));
    }

    /** A multicast group of one family (global vrrp_mcast_group4/6); a missing word aborts. */
    static ValueType multicast(int family) {
        return Values.required(Values.text((st, ctx) -> {
            String w = st.arg(0);
            InetAddress a = Inet.parse(w);
            if (a == null || Inet.family(a) != family) {
                ctx.error(st.location(), "Can't parse %s [%s]. Skipping", st.name(), w);
                return ValueType.INVALID;
            }
            if (!a.isMulticastAddress()) {
                ctx.error(st.location(), "%s [%s] is not multicast. Skipping", st.name(), w);
                return ValueType.INVALID;
            }
            return w;
        }));
    }

    /** A required name argument; when missing keepalived reports {@code message}. */
    static ValueType name(String message) {
        return Values.string(message);
    }

    /** The optional argument as lower-case-insensitive word check helper. */
    static boolean is(String word, String expected) {
        return word != null && word.toLowerCase(Locale.ROOT).equals(expected);
    }

    /** keepalived's read_unsigned: a plain decimal number (optionally +), else null. */
    static Long unsigned(String w) {
        if (w == null || !w.matches("\\+?[0-9]{1,18}")) {
            return null;
        }
        return Long.parseLong(w.startsWith("+") ? w.substring(1) : w);
    }

    /** A signed decimal integer, else null. */
    static Long signed(String w) {
        if (w == null || !w.matches("[-+]?[0-9]{1,18}")) {
            return null;
        }
        return Long.parseLong(w.startsWith("+") ? w.substring(1) : w);
    }

    /** A decimal number (keepalived timers), else null. */
    static Double decimalOrNull(String w) {
        if (w == null || !w.matches("[-+]?[0-9]*\\.?[0-9]+")) {
            return null;
        }
        return Double.parseDouble(w);
    }
}
