package org.calpe.config.keepalived.schema.vrrp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.calpe.config.keepalived.schema.ParseContext;
import org.calpe.config.keepalived.schema.Statement;
import org.calpe.config.keepalived.schema.ValueType;
import org.calpe.config.keepalived.schema.Values;

/** Value types specific to {@code global_defs}. */
final class GlobalValues {
    private static final Set<String> UMASK_BITS = Set.of("IRUSR", "IWUSR", "IXUSR", "IRGRP", "IWGRP", "IXGRP",
            "IROTH", "IWOTH", "IXOTH");

    private GlobalValues() {
    }

    /** A value type checking all words with {@code check}, keeping them as a list. */
    interface WordsCheck {
        boolean check(Statement st, ParseContext ctx);
    }

    static ValueType words(WordsCheck check) {
        ValueType words = Values.words();
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                return check.check(st, ctx) ? words.parse(st, ctx) : INVALID;
            }

            @Override
            public List<String> render(Object value) {
                return words.render(value);
            }
        };
    }

    static ValueType globalBool() {
        return Values.optionalBoolean("Invalid value '%s' for global %k specified", "false");
    }

    /**
     * include_check [[+|-]read|match|wildcard_match|brace_match ...]: only the first word may set the checks
     * without a sign; the preprocessor applies them.
     */
    static ValueType includeCheck() {
        Set<String> types = Set.of("read", "match", "wildcard_match", "brace_match");
        return words((st, ctx) -> {
            for (int i = 0; i < st.args().size(); i++) {
                String w = st.arg(i);
                boolean sign = w.startsWith("+") || w.startsWith("-");
                if (!sign && i > 0) {
                    ctx.error(st.location(), "Duplicate include_check '%s' specified - ignoring", w);
                } else if (!types.contains(sign ? w.substring(1) : w)) {
                    ctx.error(st.location(), "Unknown include_check type '%s' - ignoring", sign ? w.substring(1) : w);
                }
            }
            return true;
        });
    }

    /** (vrrp_)garp_extra_if [all] DELAY: DELAY in [min, 86400] seconds. */
    static ValueType garpExtraIf(long min) {
        return words((st, ctx) -> {
            boolean time = false;
            for (int i = 0; i < st.args().size(); i++) {
                String w = st.arg(i);
                if (w.equals("all")) {
                    continue;
                }
                Long n = VrrpValues.unsigned(w);
                if (n == null || n < min || n > 86400) {
                    ctx.error(st.location(), n == null ? "invalid number '%s'" : "number '%s' outside range ["
                            + min + ", 86400]", w);
                    ctx.error(st.location(), "%s '%s' invalid - ignoring", st.name(), w);
                    return false;
                }
                time = true;
            }
            if (!time) {
                ctx.error(st.location(), "%s specified without time - ignoring", st.name());
            }
            return time;
        });
    }

    static ValueType umask() {
        return Values.required(words((st, ctx) -> {
            String w = st.arg(0);
            if (Character.isDigit(w.charAt(0))) {
                boolean ok = w.matches("0[xX][0-9a-fA-F]{1,8}|0[0-7]{0,11}|[1-9][0-9]{0,9}")
                        && Long.decode(w) <= 0777;
                if (!ok) {
                    ctx.error(st.location(), "invalid umask value %s", w);
                }
                return ok;
            }
            String joined = String.join("", st.args().stream().map(x -> x.text()).toList());
            for (String bit : joined.split("\\|")) {
                if (!UMASK_BITS.contains(bit)) {
                    ctx.error(st.location(), "Unknown umask bit %s", bit);
                    return false;
                }
            }
            return true;
        }));
    }

    /**
     * smtp_server HOST [PORT]: keepalived resolves a host name when it reads it; Calpe accepts addresses and
     * {@code localhost} (the lab has no name service, so keepalived rejects other names there).
     */
    static ValueType smtpServer() {
        return Values.required(words((st, ctx) -> {
            String host = st.arg(0);
            String port = st.arg(1);
            boolean ok = Inet.parse(host) != null || host.equals("localhost");
            if (ok && port != null) {
                Long p = VrrpValues.unsigned(port);
                if (p == null || p < 1 || p > 65535) {
                    ctx.error(st.location(), "invalid number '%s'", port);
                    ok = false;
                }
            }
            if (!ok) {
                ctx.error(st.location(), "Invalid smtp server %s %s", host, port == null ? "25" : port);
            }
            return ok;
        }));
    }

    static ValueType lvsTimeouts() {
        return words((st, ctx) -> {
            if (st.args().isEmpty()) {
                ctx.error(st.location(), "lvs_timeouts requires at least one option");
                return false;
            }
            for (int i = 0; i < st.args().size(); i++) {
                String k = st.arg(i);
                if (!k.equals("tcp") && !k.equals("tcpfin") && !k.equals("udp")) {
                    ctx.error(st.location(), "Unknown option %s specified for lvs_timeouts", k);
                    continue;
                }
                String v = st.arg(++i);
                if (v == null) {
                    ctx.error(st.location(), "No value specified for lvs_timeout %s - ignoring", k);
                } else if (VrrpValues.unsigned(v) == null) {
                    ctx.error(st.location(), "invalid number '%s'", v);
                    ctx.error(st.location(), "Invalid lvs_timeout %s (%s) - ignoring", k, v);
                }
            }
            return true;
        });
    }

    static ValueType lvsSyncDaemon() {
        return words((st, ctx) -> {
            if (st.args().isEmpty()) {
                ctx.error(st.location(), "lvs_sync_daemon requires interface");
                return false;
            }
            if (st.arg(0).length() > 15) {
                ctx.error(st.location(), "lvs_sync_daemon interface name '%s' too long - ignoring", st.arg(0));
                return false;
            }
            for (int i = 1; i < st.args().size(); i++) {
                String k = st.arg(i);
                String v = st.arg(i + 1);
                long[] range = switch (k) {
                    case "id" -> new long[] {0, 255};
                    case "maxlen" -> new long[] {1, 65507};
                    case "port" -> new long[] {1, 65535};
                    case "ttl" -> new long[] {1, 255};
                    default -> null;
                };
                if (range != null) {
                    i++;
                    Long n = VrrpValues.unsigned(v);
                    if (n == null || n < range[0] || n > range[1]) {
                        ctx.error(st.location(), "number '%s' outside range [%d, %d]", String.valueOf(v), range[0],
                                range[1]);
                        ctx.error(st.location(), k.equals("id") ? "Invalid syncid (%s) - defaulting to vrid"
                                : "Invalid lvs_sync_daemon " + k + " (%s) - ignoring", String.valueOf(v));
                    }
                } else if (k.equals("group")) {
                    i++;
                    if (v == null || Inet.parse(v) == null || !Inet.parse(v).isMulticastAddress()) {
                        ctx.error(st.location(), "Invalid lvs_sync_daemon group %s - ignoring", String.valueOf(v));
                    }
                } else if (k.equals("inst")) {
                    i++;
                }
            }
            return true;
        });
    }

    static ValueType rxBufsPolicy() {
        return words((st, ctx) -> {
            if (st.args().isEmpty()) {
                ctx.error(st.location(), "vrrp_rx_bufs_policy missing");
                return false;
            }
            for (int i = 0; i < st.args().size(); i++) {
                String w = st.arg(i);
                if (!w.equals("MTU") && !w.equals("ADVERT") && VrrpValues.unsigned(w) == null) {
                    ctx.error(st.location(), "invalid number '%s'", w);
                    ctx.error(st.location(), "Invalid vrrp_rx_bufs_policy %s", w);
                    return false;
                }
            }
            return true;
        });
    }

    static ValueType cpuAffinity(String process) {
        int cpus = Runtime.getRuntime().availableProcessors();
        return words((st, ctx) -> {
            if (st.args().isEmpty()) {
                ctx.error(st.location(), "No %s cpu_id set specified", process);
                return false;
            }
            for (int i = 0; i < st.args().size(); i++) {
                Long n = VrrpValues.unsigned(st.arg(i));
                if (n == null || n >= cpus) {
                    ctx.error(st.location(), "number '%s' outside range [0, %d]", st.arg(i), cpus - 1);
                    ctx.error(st.location(), "Invalid cpu_id:%s specified for %s process", st.arg(i), process);
                    return false;
                }
            }
            return true;
        });
    }

    /** {@code *_rt_priority}: 1..99; above the maximum keepalived complains and uses 99. */
    static ValueType rtPriority(String process) {
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                Long n = VrrpValues.unsigned(st.arg(0));
                if (n == null || n < 1) {
                    ctx.error(st.location(), "Invalid %s real-time priority %s", process, String.valueOf(st.arg(0)));
                    return INVALID;
                }
                if (n > 99) {
                    ctx.warning(st.location(), "%s process real-time priority %d greater than maximum 99 - setting to "
                            + "maximum", process, n);
                    return 99;
                }
                return n.intValue();
            }

            @Override
            public List<String> render(Object value) {
                return List.of(value.toString());
            }
        };
    }

    /** A name with optional user and group (FIFOs). */
    static ValueType fifo() {
        return words((st, ctx) -> {
            if (st.args().isEmpty()) {
                ctx.error(st.location(), "No %s specified", st.name());
                return false;
            }
            return true;
        });
    }

    /** {@code max_auto_priority [-1..99]}. */
    static ValueType maxAutoPriority() {
        return words((st, ctx) -> {
            String w = st.arg(0);
            if (w == null) {
                return true;
            }
            Long n = VrrpValues.signed(w);
            if (n == null || n < -1 || n > 99) {
                ctx.error(st.location(), n == null ? "invalid number '%s'" : "number '%s' outside range [-1, 99]", w);
                ctx.error(st.location(), "max_auto_priority '%s' must be in [0, 99] (or -1 to disable) - ignoring", w);
                return false;
            }
            return true;
        });
    }

    /** Keyword with an optional word from a fixed set. */
    static ValueType optionalWord(String allowed, String message) {
        return words((st, ctx) -> {
            String w = st.arg(0);
            if (w != null && !w.equals(allowed)) {
                ctx.error(st.location(), message, w);
                return false;
            }
            return true;
        });
    }

    static List<String> texts(Statement st) {
        List<String> out = new ArrayList<>();
        st.args().forEach(w -> out.add(w.text()));
        return out;
    }
}
