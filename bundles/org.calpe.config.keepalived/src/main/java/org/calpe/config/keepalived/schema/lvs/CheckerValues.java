package org.calpe.config.keepalived.schema.lvs;

import org.calpe.config.api.model.TrackFileWeight;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.calpe.config.keepalived.schema.ParseContext;
import org.calpe.config.keepalived.schema.Statement;
import org.calpe.config.keepalived.schema.ValueType;
import org.calpe.config.keepalived.schema.Values;

/** Value types of the checker keywords, with keepalived 2.2.7's messages. */
final class CheckerValues {
    /** HTTP status codes keepalived accepts in status_code. */
    static final int STATUS_MIN = 100;
    static final int STATUS_MAX = 599;
    /** The PCRE2 options regex_options knows. */
    static final Set<String> REGEX_OPTIONS = Set.of("allow_empty_class", "alt_bsux", "auto_callout", "caseless",
            "dollar_endonly", "dotall", "dupnames", "extended", "firstline", "match_unset_backref", "multiline",
            "never_ucp", "never_utf", "no_auto_capture", "no_auto_possess", "no_dotstar_anchor", "no_start_optimize",
            "ucp", "ungreedy", "utf", "never_backslash_c", "alt_circumflex", "alt_verbnames", "use_offset_limit");
    private static final Pattern HEX_WORD = Pattern.compile("[0-9A-Fa-f]+");
    private static final Pattern MASK_WORD = Pattern.compile("[0-9A-Fa-fXx]+");

    private CheckerValues() {
    }

    /** connect_ip (connect = true) or bindto: an address whose family must agree with the other one. */
    static ValueType connectAddress(boolean connect) {
        return Values.required(new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                String w = st.arg(0);
                if (!LvsAddresses.isAddress(w)) {
                    ctx.error(st.location(), "Invalid %s address %s - ignoring", connect ? "connect_ip" : "bindto",
                            w == null ? "" : w);
                    return INVALID;
                }
                LvsState s = LvsState.of(ctx);
                boolean v6 = LvsAddresses.isIpv6(w);
                Boolean other = connect ? s.bindIpv6 : s.connectIpv6;
                if (other != null && other != v6) {
                    ctx.error(st.location(), connect
                            ? "connect_ip address %s does not match address family of bindto - skipping"
                            : "bindto address %s does not match address family of connect_ip - skipping", w);
                    return INVALID;
                }
                if (connect) {
                    s.connectIpv6 = v6;
                } else {
                    s.bindIpv6 = v6;
                }
                return w;
            }

            @Override
            public List<String> render(Object value) {
                return List.of((String) value);
            }
        });
    }

    /** bind_if: at most 15 characters (IFNAMSIZ - 1). */
    static ValueType interfaceName() {
        return Values.required(new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                String w = st.arg(0);
                if (w.length() > 15) {
                    ctx.error(st.argLocation(0), "Interface name %s is too long - ignoring", w);
                    return INVALID;
                }
                return w;
            }

            @Override
            public List<String> render(Object value) {
                return List.of((String) value);
            }
        });
    }

    /** digest: 32 hex digits (an MD5 sum), lower-cased. */
    static ValueType digest() {
        return Values.required(new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                String w = st.arg(0);
                if (w.length() != 32) {
                    ctx.error(st.argLocation(0), "digest '%s' character length should be 32 rather than %d", w,
                            w.length());
                    return INVALID;
                }
                for (int i = 30; i >= 0; i -= 2) {
                    if (!HEX_WORD.matcher(w.substring(i, i + 2)).matches()) {
                        ctx.error(st.argLocation(0), "Unable to interpret hex digit in '%s' at offset %d/%d",
                                w.substring(0, i + 2), i, i + 1);
                        return INVALID;
                    }
                }
                return w.toLowerCase(Locale.ROOT);
            }

            @Override
            public List<String> render(Object value) {
                return List.of((String) value);
            }
        });
    }

    /** status_code: codes and ranges in [100, 599]; bad words are reported and skipped. */
    static ValueType statusCodes() {
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                List<String> out = new ArrayList<>();
                for (int i = 0; i < st.args().size(); i++) {
                    String w = st.arg(i);
                    int dash = w.indexOf('-', 1);
                    long min = LvsValues.parseUnsigned(dash < 0 ? w : w.substring(0, dash));
                    long max = dash < 0 ? min : LvsValues.parseUnsigned(w.substring(dash + 1));
                    if (min < STATUS_MIN || min > STATUS_MAX || max < STATUS_MIN || max > STATUS_MAX || min > max) {
                        ctx.error(st.argLocation(i), "Invalid HTTP_GET status code '%s'", w);
                        continue;
                    }
                    out.add(min == max ? Long.toString(min) : min + "-" + max);
                }
                return List.copyOf(out);
            }

            @Override
            @SuppressWarnings("unchecked")
            public List<String> render(Object value) {
                return (List<String>) value;
            }
        };
    }

    /** http_protocol 1.0 | 1.0C | 1.1 (1.0c accepted); the value is canonical (1.0C). */
    static ValueType httpProtocol() {
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                String w = st.arg(0);
                if (w == null) {
                    ctx.error(st.location(), "Missing http_protocol version");
                    return INVALID;
                }
                switch (w) {
                    case "1.0", "1.1":
                        return w;
                    case "1.0C", "1.0c":
                        return "1.0C";
                    default:
                        ctx.error(st.argLocation(0), "Invalid http_protocol version %s", w);
                        return INVALID;
                }
            }

            @Override
            public List<String> render(Object value) {
                return List.of((String) value);
            }
        };
    }

    /**
     * regex: exactly one (quoted) pattern. keepalived compiles it with PCRE2 and only logs problems (they do
     * not change the config-test verdict), so Calpe reports them as information.
     */
    static ValueType regex() {
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                if (st.args().size() != 1) {
                    ctx.info(st.location(), "regex missing or too many fields");
                    return INVALID;
                }
                String p = st.arg(0);
                try {
                    Pattern.compile(p);
                } catch (PatternSyntaxException e) {
                    ctx.info(st.argLocation(0), "Invalid regex: '%s' at offset %d: %s", p, Math.max(e.getIndex(), 0),
                            e.getDescription());
                    return INVALID;
                }
                return p;
            }

            @Override
            public List<String> render(Object value) {
                return List.of((String) value);
            }
        };
    }

    /** regex_options: known PCRE2 option names (unknown ones are ignored silently, as keepalived does). */
    static ValueType regexOptions() {
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                List<String> out = new ArrayList<>();
                for (int i = 0; i < st.args().size(); i++) {
                    if (REGEX_OPTIONS.contains(st.arg(i))) {
                        out.add(st.arg(i));
                    } else {
                        ctx.info(st.argLocation(i), "unknown regex option %s - ignoring", st.arg(i));
                    }
                }
                return List.copyOf(out);
            }

            @Override
            @SuppressWarnings("unchecked")
            public List<String> render(Object value) {
                return (List<String>) value;
            }
        };
    }

    /** regex_min_offset / regex_max_offset: one unsigned number (problems are only logged). */
    static ValueType regexOffset(String type) {
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                if (st.args().size() != 1) {
                    ctx.info(st.location(), "Missing or too may options for regex_%s_offset", type);
                    return INVALID;
                }
                long v = LvsValues.parseUnsigned(st.arg(0));
                if (v < 0) {
                    ctx.info(st.argLocation(0), "Invalid regex_%s_offset %s specified", type, st.arg(0));
                    return INVALID;
                }
                return v;
            }

            @Override
            public List<String> render(Object value) {
                return List.of(value.toString());
            }
        };
    }

    /** regex_stack START MAX (problems are only logged). */
    static ValueType regexStack() {
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                if (st.args().size() != 2) {
                    ctx.info(st.location(), "regex_stack requires start and max values");
                    return INVALID;
                }
                long start = LvsValues.parseUnsigned(st.arg(0));
                long max = LvsValues.parseUnsigned(st.arg(1));
                if (start < 0) {
                    ctx.info(st.argLocation(0), "regex_stack invalid start value");
                    return INVALID;
                }
                if (max < 0) {
                    ctx.info(st.argLocation(1), "regex_stack invalid max value");
                    return INVALID;
                }
                if (start > max) {
                    ctx.info(st.location(), "regex stack start cannot exceed max value");
                    return INVALID;
                }
                return List.of(Long.toString(start), Long.toString(max));
            }

            @Override
            @SuppressWarnings("unchecked")
            public List<String> render(Object value) {
                return (List<String>) value;
            }
        };
    }

    /**
     * DNS_CHECK name, with keepalived 2.2.7's empty-label test: it rejects a leading '.', "..", and (a quirk)
     * a first label of one character ({@code a.example.test}).
     */
    static ValueType dnsName() {
        return Values.required(new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                String w = st.arg(0);
                LvsState s = LvsState.of(ctx);
                if (s.dnsNameSeen) {
                    ctx.error(st.location(), "DNS_CHECK name already specified - ignoring");
                    return INVALID;
                }
                if (!dnsNameAccepted(w)) {
                    ctx.error(st.argLocation(0), "DNS_CHECK name '%s' has empty label - ignoring", w);
                    return INVALID;
                }
                s.dnsNameSeen = true;
                return w;
            }

            @Override
            public List<String> render(Object value) {
                return List.of((String) value);
            }
        });
    }

    /** keepalived 2.2.7's acceptance test for DNS_CHECK names. */
    static boolean dnsNameAccepted(String name) {
        if (name.startsWith(".") && name.length() > 1) {
            return false;
        }
        int p = 0;
        while (p >= 0) {
            if (p + 1 < name.length() && name.charAt(p + 1) == '.') {
                return false;
            }
            p = name.indexOf('.', p + 1);
        }
        return true;
    }

    /**
     * UDP_CHECK payload / require_reply: free-format hex words (each word is a run of hex digits, an odd digit
     * count pads the last byte), 'x' as a don't-care digit in replies. The value is the canonical words.
     */
    static ValueType hex(boolean reply) {
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                if (st.args().isEmpty()) {
                    if (reply) {
                        return List.of();
                    }
                    ctx.error(st.location(), "UDP_CHECK payload requires a payload");
                    return INVALID;
                }
                Pattern p = reply ? MASK_WORD : HEX_WORD;
                List<String> out = new ArrayList<>();
                for (int i = 0; i < st.args().size(); i++) {
                    if (!p.matcher(st.arg(i)).matches()) {
                        ctx.error(st.argLocation(i), "Invalid hex string for UDP_CHECK %s", reply ? "reply" : "payload");
                        return INVALID;
                    }
                    out.add(st.arg(i).toLowerCase(Locale.ROOT));
                }
                return List.copyOf(out);
            }

            @Override
            @SuppressWarnings("unchecked")
            public List<String> render(Object value) {
                return (List<String>) value;
            }
        };
    }

    /** MISC_CHECK user USER [GROUP]. */
    static ValueType user() {
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                if (st.args().isEmpty()) {
                    ctx.error(st.location(), "No user specified for misc checker script");
                    return INVALID;
                }
                return st.args().size() == 1 ? List.of(st.arg(0)) : List.of(st.arg(0), st.arg(1));
            }

            @Override
            @SuppressWarnings("unchecked")
            public List<String> render(Object value) {
                return (List<String>) value;
            }
        };
    }

    /** FILE_CHECK weight N [reverse]. */
    static ValueType trackFileWeight() {
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                String w = st.arg(0);
                if (w == null) {
                    ctx.error(st.location(), "track file weight missing");
                    return INVALID;
                }
                long v;
                try {
                    v = Long.parseLong(w);
                } catch (NumberFormatException e) {
                    ctx.error(st.argLocation(0), w.matches("[-+]?[0-9]+") ? "number '%s' outside integer range"
                            : "invalid number '%s'", w);
                    ctx.error(st.location(),
                            "weight for track file must be in [-2147483647..2147483647] inclusive. Ignoring...");
                    return INVALID;
                }
                if (v < -2147483647L || v > 2147483647L) {
                    ctx.error(st.argLocation(0), "number '%s' outside integer range", w);
                    ctx.error(st.location(),
                            "weight for track file must be in [-2147483647..2147483647] inclusive. Ignoring...");
                    return INVALID;
                }
                boolean reverse = false;
                if (st.arg(1) != null) {
                    if (!st.arg(1).equals("reverse")) {
                        ctx.error(st.argLocation(1), "unknown track file weight option %s - ignoring", st.arg(1));
                        return INVALID;
                    }
                    reverse = true;
                }
                return new TrackFileWeight((int) v, reverse);
            }

            @Override
            public List<String> render(Object value) {
                TrackFileWeight t = (TrackFileWeight) value;
                return t.reverse() ? List.of(Integer.toString(t.weight()), "reverse")
                        : List.of(Integer.toString(t.weight()));
            }
        };
    }

    /** BFD_CHECK name: exactly one name, once per real server. */
    static ValueType bfdName() {
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                String rs = LvsState.of(ctx).rsOwner;
                if (st.args().size() != 1) {
                    ctx.error(st.location(), "(%s) BFD_CHECK - No or too many names specified - skipping checker", rs);
                    return INVALID;
                }
                if (!LvsState.of(ctx).rsBfds.add(st.arg(0))) {
                    ctx.error(st.location(), "(%s) BFD_CHECK - RS already monitoring %s", rs, st.arg(0));
                    return INVALID;
                }
                return st.arg(0);
            }

            @Override
            public List<String> render(Object value) {
                return List.of((String) value);
            }
        };
    }
}
