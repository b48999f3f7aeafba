package org.calpe.config.keepalived.schema.lvs;

import org.calpe.config.api.model.Forwarding;
import org.calpe.config.api.model.ServerAddress;
import org.calpe.config.api.model.VirtualServerId;
import org.calpe.config.api.model.VsgEntry;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.calpe.config.api.model.Item;
import org.calpe.config.keepalived.schema.ItemType;
import org.calpe.config.keepalived.schema.ParseContext;
import org.calpe.config.keepalived.schema.Statement;
import org.calpe.config.keepalived.schema.ValueType;
import org.calpe.config.keepalived.schema.Values;

/**
 * Addresses of the LVS side: virtual server, real and sorry server arguments, virtual server group entries,
 * and forwarding methods, with keepalived's messages. Addresses are literals only (keepalived resolves no
 * names here).
 */
public final class LvsAddresses {
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern RANGE_END = Pattern.compile("[0-9A-Fa-f]+");

    private LvsAddresses() {
    }

    /** Whether the text is an IPv4 or IPv6 literal as inet_pton accepts it. */
    public static boolean isAddress(String s) {
        return isIpv4(s) || isIpv6(s);
    }

    public static boolean isIpv4(String s) {
        return s != null && IPV4.matcher(s).matches();
    }

    public static boolean isIpv6(String s) {
        if (s == null || s.indexOf(':') < 0 || !IPV6_CHARS.matcher(s).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(s) instanceof Inet6Address;
        } catch (UnknownHostException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A port word: 0..65535 where {@code zeroOk}, else 1..65535; -1 when invalid. */
    static int port(String w, boolean zeroOk) {
        long p = LvsValues.parseUnsigned(w);
        if (p < (zeroOk ? 0 : 1) || p > 65535) {
            return -1;
        }
        return (int) p;
    }

    /** {@code virtual_server ADDR [PORT] | fwmark N | group NAME}. */
    public static ValueType virtualServer() {
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                LvsState state = LvsState.of(ctx);
                state.startVirtualServer();
                String first = st.arg(0);
                if (first == null) {
                    ctx.missingParameter(st, 2);
                    return ValueType.INVALID;
                }
                if (first.equals("fwmark")) {
                    long mark = LvsValues.parseUnsigned(st.arg(1));
                    if (mark < 0 || mark > LvsValues.UINT_MAX) {
                        ctx.error(st.argLocation(1), "invalid number '%s'", nz(st.arg(1)));
                        ctx.error(st.location(), "virtual server fwmark '%s' must be in [0, 4294967295] - ignoring",
                                nz(st.arg(1)));
                        return ValueType.INVALID;
                    }
                    if (mark == 0) {
                        // keepalived 2.2.7 accepts it and then warns with garbage about the missing protocol/port
                        ctx.error(st.argLocation(1), "virtual server fwmark 0 is not usable - no protocol or port");
                    }
                    state.vsOwner = "FWM " + mark;
                    return VirtualServerId.fwmark(mark);
                }
                if (first.equals("group")) {
                    if (st.arg(1) == null) {
                        // keepalived 2.2.7 crashes on this line
                        ctx.error(st.location(), "virtual server group name missing");
                        return ValueType.INVALID;
                    }
                    state.currentVsGroup = st.arg(1);
                    state.vsOwner = "[" + st.arg(1) + "]";
                    return VirtualServerId.group(st.arg(1));
                }
                String portWord = st.arg(1);
                int port = portWord == null ? 0 : port(portWord, true);
                if (portWord != null && port < 0) {
                    ctx.error(st.argLocation(1), "number '%s' outside range [1, 65535]", portWord);
                }
                if (!isAddress(first) || port < 0) {
                    ctx.error(st.location(), "Invalid virtual server IP address/port %s/%s - skipping", first,
                            portWord == null ? "" : portWord);
                    return ValueType.INVALID;
                }
                state.vsIpv6 = isIpv6(first);
                state.vsOwner = "[" + first + "]:" + (portWord == null ? "0" : portWord);
                return VirtualServerId.of(new ServerAddress(first, portWord == null ? null : port));
            }

            @Override
            public List<String> render(Object value) {
                VirtualServerId id = (VirtualServerId) value;
                if (id.isFwmark()) {
                    return List.of("fwmark", id.fwmark().toString());
                }
                if (id.isGroup()) {
                    return List.of("group", id.group());
                }
                return renderAddress(id.address());
            }
        };
    }

    /** {@code real_server ADDR [PORT]}. */
    public static ValueType realServer() {
        return Values.required(new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                LvsState state = LvsState.of(ctx);
                state.startRealServer();
                ServerAddress a = serverAddress(st);
                state.rsOwner = a == null ? "" : a.toString();
                if (a == null) {
                    ctx.error(st.location(), "Invalid real server ip address/port %s/%s - skipping", nz(st.arg(0)),
                            nz(st.arg(1)));
                    return ValueType.INVALID;
                }
                return a;
            }

            @Override
            public List<String> render(Object value) {
                return renderAddress((ServerAddress) value);
            }
        });
    }

    /** {@code sorry_server ADDR [PORT]}; records that the virtual server has one (for the keywords after it). */
    public static ValueType sorryServer() {
        return Values.required(new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                ServerAddress a = serverAddress(st);
                if (a == null) {
                    ctx.error(st.location(), "Invalid sorry server ip address/port %s/%s - skipping", nz(st.arg(0)),
                            nz(st.arg(1)));
                    return ValueType.INVALID;
                }
                LvsState.of(ctx).sorryServerSeen = true;
                return a;
            }

            @Override
            public List<String> render(Object value) {
                return renderAddress((ServerAddress) value);
            }
        });
    }

    private static ServerAddress serverAddress(Statement st) {
        String a = st.arg(0);
        if (a == null || !isAddress(a)) {
            return null;
        }
        String p = st.arg(1);
        if (p == null) {
            return new ServerAddress(a, null);
        }
        int port = port(p, true);
        return port < 0 ? null : new ServerAddress(a, port);
    }

    static List<String> renderAddress(ServerAddress a) {
        return a.port() == null ? List.of(a.address()) : List.of(a.address(), a.port().toString());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** One line of a virtual_server_group. */
    public static ItemType vsgEntry() {
        return LvsAddresses::parseVsgEntry;
    }

    private static Item parseVsgEntry(Statement st, ParseContext ctx) {
        String group = LvsState.of(ctx).currentGroup;
        String w = st.name();
        if (w.equals("fwmark")) {
            String m = st.arg(0);
            long mark = LvsValues.parseUnsigned(m);
            if (mark < 0 || mark > LvsValues.UINT_MAX) {
                ctx.error(st.argLocation(0), "invalid number '%s'", nz(m));
                ctx.error(st.location(), "(%s): fwmark '%s' must be in [0, 4294967295] - ignoring", group, nz(m));
                return null;
            }
            String fam = st.arg(1);
            if (fam != null && !fam.equals("inet") && !fam.equals("inet6")) {
                ctx.error(st.argLocation(1), "(%s): fwmark '%s' family %s unknown - ignoring", group, m, fam);
                return null;
            }
            VsgEntry e = new VsgEntry(null, null, null, null, mark, fam);
            return new Item(fam == null ? List.of("fwmark", Long.toString(mark)) : List.of("fwmark", Long.toString(mark), fam), e,
                    st.location());
        }
        String portWord = st.arg(0);
        Integer port = null;
        if (portWord != null) {
            int p = port(portWord, true);
            if (p < 0) {
                ctx.error(st.argLocation(0), "number '%s' outside range [1, 65535]", portWord);
                ctx.error(st.location(), "Invalid virtual server group IP address %s /port/%s - skipping", w, portWord);
                return null;
            }
            port = p;
        }
        VsgEntry e = vsgAddress(st, ctx, w, port);
        if (e == null) {
            return null;
        }
        List<String> words = new ArrayList<>();
        words.add(w.toLowerCase(Locale.ROOT));
        if (port != null) {
            words.add(port.toString());
        }
        return new Item(words, e, st.location());
    }

    private static VsgEntry vsgAddress(Statement st, ParseContext ctx, String w, Integer port) {
        int slash = w.indexOf('/');
        if (slash >= 0) {
            String a = w.substring(0, slash);
            long len = LvsValues.parseUnsigned(w.substring(slash + 1));
            if (!isAddress(a)) {
                return badVsgAddress(st, ctx, w, port);
            }
            if (len < 0 || len > (isIpv6(a) ? 128 : 32)) {
                ctx.error(st.location(), "Invalid netmask - %s - skipping", w);
                return null;
            }
            return new VsgEntry(a, null, (int) len, port, null, null);
        }
        int dash = w.indexOf('-');
        if (dash < 0) {
            if (!isAddress(w)) {
                return badVsgAddress(st, ctx, w, port);
            }
            return new VsgEntry(w, null, null, port, null, null);
        }
        String a = w.substring(0, dash);
        String end = w.substring(dash + 1);
        if (!isAddress(a)) {
            return badVsgAddress(st, ctx, w, port);
        }
        boolean v6 = isIpv6(a);
        if (isAddress(end)) {
            if (v6 != isIpv6(end) || compare(a, end) >= 0) {
                ctx.error(st.location(), "Address range end is not greater than address range start - %s - skipping",
                        w);
                return null;
            }
            return new VsgEntry(a, end, null, port, null, null);
        }
        Matcher m = RANGE_END.matcher(end);
        if (!m.matches()) {
            return badVsgAddress(st, ctx, w, port);
        }
        long endVal;
        long startVal;
        if (v6) {
            endVal = Long.parseLong(end, 16);
            String last = a.substring(a.lastIndexOf(':') + 1);
            startVal = last.isEmpty() ? 0 : Long.parseLong(last, 16);
            if (endVal > 0xffff) {
                ctx.error(st.location(), "Virtual server group range '%s' end '%s' too large", w, end);
                return null;
            }
        } else {
            if (!end.chars().allMatch(Character::isDigit)) {
                return badVsgAddress(st, ctx, w, port);
            }
            endVal = Long.parseLong(end);
            startVal = Long.parseLong(a.substring(a.lastIndexOf('.') + 1));
            if (endVal > 255) {
                ctx.error(st.location(), "Virtual server group range '%s' end '%s' too large", w, end);
                return null;
            }
        }
        if (endVal <= startVal) {
            ctx.error(st.location(), "Address range end is not greater than address range start - %s - skipping", w);
            return null;
        }
        return new VsgEntry(a, end, null, port, null, null);
    }

    private static VsgEntry badVsgAddress(Statement st, ParseContext ctx, String w, Integer port) {
        ctx.error(st.location(), "Invalid virtual server group IP address %s /port/%s - skipping", w,
                port == null ? "" : port.toString());
        return null;
    }

    private static int compare(String a, String b) {
        try {
            byte[] x = InetAddress.getByName(a).getAddress();
            byte[] y = InetAddress.getByName(b).getAddress();
            for (int i = 0; i < x.length; i++) {
                int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        } catch (UnknownHostException e) {
            return 0;
        }
    }

    /**
     * {@code lvs_method NAT|DR|TUN [type ipip|gue|gre] [port N] [nocsum|csum|remcsum]}.
     *
     * A valid method with bad tunnel options keeps the method (keepalived sets it before reading the options).
     *
     * @param serverType "virtual", "real" or "sorry", as in keepalived's messages
     */
    public static ValueType forwarding(String serverType) {
        return Values.required(new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                String m = st.arg(0);
                if (m == null || !(m.equals("NAT") || m.equals("DR") || m.equals("TUN"))) {
                    ctx.error(st.location(), "PARSER : unknown [%s] routing method for %s server.", nz(m),
                            serverType);
                    return ValueType.INVALID;
                }
                String type = null;
                Integer port = null;
                String csum = null;
                for (int i = 1; i < st.args().size(); i++) {
                    String w = st.arg(i);
                    if (w.equals("type")) {
                        String t = st.arg(i + 1);
                        if (t == null) {
                            ctx.error(st.argLocation(i), "Missing tunnel type for %s server.", serverType);
                            return new Forwarding(m, null, null, null);
                        }
                        if (!t.equals("ipip") && !t.equals("gue") && !t.equals("gre")) {
                            ctx.error(st.argLocation(i + 1), "Unknown tunnel type %s for %s server.", t, serverType);
                            return new Forwarding(m, null, null, null);
                        }
                        type = t;
                        i++;
                    } else if (w.equals("port")) {
                        String p = st.arg(i + 1);
                        if (p == null) {
                            ctx.error(st.argLocation(i), "Missing port for %s server gue tunnel.", serverType);
                            return new Forwarding(m, null, null, null);
                        }
                        int v = port(p, false);
                        if (v < 0) {
                            ctx.error(st.argLocation(i + 1), "number '%s' outside range [1, 65535]", p);
                            ctx.error(st.argLocation(i + 1), "Invalid gue tunnel port %s for %s server.", p, serverType);
                            return new Forwarding(m, null, null, null);
                        }
                        port = v;
                        i++;
                    } else if (w.equals("nocsum") || w.equals("csum") || w.equals("remcsum")) {
                        csum = w;
                    } else {
                        ctx.error(st.argLocation(i), "Invalid tunnel option %s for %s server.", w, serverType);
                        return new Forwarding(m, null, null, null);
                    }
                }
                String effType = type == null ? "ipip" : type;
                if (effType.equals("gue") != (port != null)) {
                    ctx.error(st.location(), "gue tunnels require port, otherwise cannot have port.");
                    return new Forwarding(m, null, null, null);
                }
                if (effType.equals("ipip") && csum != null && !csum.equals("nocsum")) {
                    ctx.error(st.location(), "ipip tunnels do not support checksum option.");
                    return new Forwarding(m, null, null, null);
                }
                if (effType.equals("gre") && "remcsum".equals(csum)) {
                    ctx.error(st.location(), "gre tunnels do not support remote checksum option.");
                    return new Forwarding(m, null, null, null);
                }
                return new Forwarding(m, type, port, csum);
            }

            @Override
            public List<String> render(Object value) {
                Forwarding f = (Forwarding) value;
                List<String> out = new ArrayList<>();
                out.add(f.method());
                if (f.tunnelType() != null) {
                    out.add("type");
                    out.add(f.tunnelType());
                }
                if (f.tunnelPort() != null) {
                    out.add("port");
                    out.add(f.tunnelPort().toString());
                }
                if (f.checksum() != null) {
                    out.add(f.checksum());
                }
                return out;
            }
        });
    }
}
