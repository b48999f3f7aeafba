package org.calpe.vrrp.core.runtime;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

import org.calpe.net.api.InterfaceAddress;
import org.calpe.net.api.IpFamily;
import org.calpe.net.api.IpPrefix;
import org.calpe.net.api.Nexthop;
import org.calpe.net.api.Route;
import org.calpe.net.api.RouteMetric;
import org.calpe.net.api.Rule;

/**
 * Turns the canonical Config Admin lines of {@code virtual_routes} / {@code static_routes} and
 * {@code virtual_rules} / {@code static_rules} into {@link Route} and {@link Rule} values, with keepalived 2.2.7's
 * defaults: table main, scope global, protocol keepalived (18; another protocol is kept only with
 * {@code no_track}, as keepalived resets it on tracked entries). Where keepalived's own defaults make the kernel
 * refuse the route ({@code local}, {@code nat}, {@code broadcast}, {@code anycast} without a scope), iproute2's
 * defaults apply instead: table local and scope host (local, nat) or link (broadcast, anycast).
 *
 * <p>A line is read whole before anything is built: a word that is not supported, a bad value or an unknown
 * interface gives a {@link Parsed} with a problem and no value, so the caller logs and skips the entry and never
 * applies half of it. Not supported: {@code encap}, {@code as [to]}, {@code nat} addresses, {@code or},
 * {@code vrf}, {@code pervasive}, {@code append}, names from {@code rt_dsfield}/{@code rt_realms}/{@code group}
 * files (numbers only), {@code tunnel-id}/{@code tun_id}. Ignored (tracking, not kernel state): {@code no_track}
 * apart from the protocol, {@code track_group}.
 */
final class RouteLines {

    /**
     * The result of reading one line.
     *
     * @param value   the value, or null if the line cannot be applied
     * @param problem why the line is skipped (unsupported word, bad value, unknown interface), or null
     * @param line    the line read
     */
    record Parsed<T>(T value, String problem, String line) {
        boolean ok() {
            return value != null;
        }

        static <T> Parsed<T> of(T value, String line) {
            return new Parsed<>(value, null, line);
        }

        static <T> Parsed<T> failed(String problem, String line) {
            return new Parsed<>(null, problem, line);
        }
    }

    /** A word or value the line cannot be applied with. */
    private static final class LineException extends Exception {
        private static final long serialVersionUID = 1L;

        LineException(String message) {
            super(message, null, false, false);
        }
    }

    private static final Map<String, Integer> ROUTE_TYPES = Map.of("unicast", Route.TYPE_UNICAST, "local",
            Route.TYPE_LOCAL, "broadcast", Route.TYPE_BROADCAST, "anycast", Route.TYPE_ANYCAST, "multicast",
            Route.TYPE_MULTICAST, "blackhole", Route.TYPE_BLACKHOLE, "unreachable", Route.TYPE_UNREACHABLE,
            "prohibit", Route.TYPE_PROHIBIT, "throw", Route.TYPE_THROW);
    private static final Map<String, Integer> METRICS = Map.ofEntries(Map.entry("mtu", RouteMetric.MTU),
            Map.entry("window", RouteMetric.WINDOW), Map.entry("rtt", RouteMetric.RTT),
            Map.entry("rttvar", RouteMetric.RTTVAR), Map.entry("ssthresh", RouteMetric.SSTHRESH),
            Map.entry("cwnd", RouteMetric.CWND), Map.entry("advmss", RouteMetric.ADVMSS),
            Map.entry("reordering", RouteMetric.REORDERING), Map.entry("hoplimit", RouteMetric.HOPLIMIT),
            Map.entry("initcwnd", RouteMetric.INITCWND), Map.entry("features", RouteMetric.FEATURES),
            Map.entry("rto_min", RouteMetric.RTO_MIN), Map.entry("initrwnd", RouteMetric.INITRWND),
            Map.entry("quickack", RouteMetric.QUICKACK), Map.entry("congctl", RouteMetric.CC_ALGO),
            Map.entry("fastopen_no_cookie", RouteMetric.FASTOPEN_NO_COOKIE));
    private static final Map<String, Integer> SCOPES = Map.of("global", InterfaceAddress.SCOPE_UNIVERSE, "universe",
            InterfaceAddress.SCOPE_UNIVERSE, "site", InterfaceAddress.SCOPE_SITE, "link", InterfaceAddress.SCOPE_LINK,
            "host", InterfaceAddress.SCOPE_HOST, "nowhere", InterfaceAddress.SCOPE_NOWHERE);
    /** {@code /etc/iproute2/rt_protos} as shipped. */
    private static final Map<String, Integer> PROTOCOLS = Map.ofEntries(Map.entry("unspec", 0),
            Map.entry("redirect", 1), Map.entry("kernel", 2), Map.entry("boot", 3), Map.entry("static", 4),
            Map.entry("gated", 8), Map.entry("ra", 9), Map.entry("mrt", 10), Map.entry("zebra", 11),
            Map.entry("bird", 12), Map.entry("dnrouted", 13), Map.entry("xorp", 14), Map.entry("ntk", 15),
            Map.entry("dhcp", 16), Map.entry("keepalived", 18), Map.entry("babel", 42), Map.entry("openr", 99),
            Map.entry("bgp", 186), Map.entry("isis", 187), Map.entry("ospf", 188), Map.entry("rip", 189),
            Map.entry("eigrp", 192));
    private static final Map<String, Long> TABLES = Map.of("default", Route.TABLE_DEFAULT, "main", Route.TABLE_MAIN,
            "local", Route.TABLE_LOCAL);
    /** {@code /etc/protocols} names keepalived's {@code ipproto} resolves, for the protocols rules are used with. */
    private static final Map<String, Integer> IP_PROTOCOLS = Map.ofEntries(Map.entry("icmp", 1),
            Map.entry("igmp", 2), Map.entry("tcp", 6), Map.entry("udp", 17), Map.entry("dccp", 33),
            Map.entry("ipv6", 41), Map.entry("gre", 47), Map.entry("esp", 50), Map.entry("ah", 51),
            Map.entry("ipv6-icmp", 58), Map.entry("ospf", 89), Map.entry("vrrp", 112), Map.entry("sctp", 132),
            Map.entry("udplite", 136));
    private static final Set<String> ROUTE_UNSUPPORTED = Set.of("encap", "as", "nat", "or", "vrf", "pervasive",
            "append", "ecn");
    private static final Set<String> RULE_ACTIONS = Set.of("blackhole", "unreachable", "prohibit", "nop");
    /** keepalived's bounds for rtt, rttvar and rto_min in milliseconds (TCP_RTO_MIN, TCP_RTO_MAX). */
    private static final long RTT_MIN_MS = 200;
    private static final long RTT_MAX_MS = 120_000;

    private RouteLines() {
    }

    /**
     * Reads one route line.
     *
     * @param line    the canonical words, e.g. {@code 198.18.10.0/24 via 198.18.0.254 dev eth0 table 100}
     * @param ifindex resolves an interface name to its index; 0 or less when there is no such interface
     */
    static Parsed<Route> route(String line, ToIntFunction<String> ifindex) {
        try {
            return Parsed.of(new RouteReader(words(line), ifindex).read(), line);
        } catch (LineException | IllegalArgumentException e) {
            return Parsed.failed(e.getMessage(), line);
        }
    }

    /** Reads one rule line, e.g. {@code from 198.18.0.0/24 table 100 preference 100}. */
    static Parsed<Rule> rule(String line) {
        try {
            return Parsed.of(readRule(words(line)), line);
        } catch (LineException | IllegalArgumentException e) {
            return Parsed.failed(e.getMessage(), line);
        }
    }

    private static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        for (String w : line.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w.length() >= 2 && w.startsWith("\"") && w.endsWith("\"") ? w.substring(1, w.length() - 1)
                        : w);
            }
        }
        return out;
    }

    /** One route line's state while its words are read. */
    private static final class RouteReader {
        private final List<String> w;
        private final ToIntFunction<String> ifindex;
        private int i;
        private IpFamily family;
        private Integer type;
        private boolean haveDest;
        private IpPrefix dest;
        private IpPrefix from;
        private InetAddress via;
        private int dev;
        private InetAddress src;
        private Long table;
        private long metric = -1;
        private Integer scope;
        private int protocol = Route.PROTOCOL_KEEPALIVED;
        private boolean noTrack;
        private int tos;
        private int flags;
        private int realms;
        private final List<RouteMetric> metrics = new ArrayList<>();
        private final List<Nexthop> nexthops = new ArrayList<>();
        private int pref = -1;
        private long expires = -1;
        private int ttlPropagate = -1;

        RouteReader(List<String> words, ToIntFunction<String> ifindex) {
            this.w = words;
            this.ifindex = ifindex;
        }

        Route read() throws LineException {
            if (w.isEmpty()) {
                throw new LineException("empty route");
            }
            while (i < w.size()) {
                String k = w.get(i++);
                if (k.equals("nexthop")) {
                    readNexthops();
                    break;
                }
                word(k);
            }
            if (!haveDest) {
                throw new LineException("route has no destination");
            }
            IpFamily f = family == null ? IpFamily.INET : family;
            int t = type == null ? Route.TYPE_UNICAST : type;
            Route.Builder b = Route.builder(f).type(t).destination(dest).source(from).gateway(via).ifindex(dev)
                    .preferredSource(src).metric(metric).tos(tos).flags(flags).realms(realms).pref(pref)
                    .expires(expires).ttlPropagate(ttlPropagate).protocol(noTrack ? protocol : Route.PROTOCOL_KEEPALIVED);
            boolean hostType = t == Route.TYPE_LOCAL;
            boolean linkType = t == Route.TYPE_BROADCAST || t == Route.TYPE_ANYCAST;
            b.table(table != null ? table : hostType || linkType ? Route.TABLE_LOCAL : Route.TABLE_MAIN);
            b.scope(scope != null ? scope : hostType ? InterfaceAddress.SCOPE_HOST
                    : linkType ? InterfaceAddress.SCOPE_LINK : InterfaceAddress.SCOPE_UNIVERSE);
            metrics.forEach(b::metric);
            nexthops.forEach(b::nexthop);
            return b.build();
        }

        private String value(String k) throws LineException {
            if (i >= w.size()) {
                throw new LineException("missing value for " + k);
            }
            return w.get(i++);
        }

        private void word(String k) throws LineException {
            if (!haveDest && ROUTE_TYPES.containsKey(k)) {
                type = ROUTE_TYPES.get(k);
                return;
            }
            if (ROUTE_UNSUPPORTED.contains(k)) {
                throw new LineException("route keyword '" + k + "' is not supported");
            }
            if (METRICS.containsKey(k)) {
                metrics.add(metric(k, METRICS.get(k)));
                return;
            }
            switch (k) {
                case "inet" -> family(IpFamily.INET);
                case "inet6" -> family(IpFamily.INET6);
                case "to" -> {
                    // the destination follows
                }
                case "via", "gw" -> via = gateway(k);
                case "src" -> {
                    src = address(value(k));
                    family(IpFamily.of(src));
                }
                case "from" -> {
                    from = prefix(value(k));
                    if (from.family() != IpFamily.INET6) {
                        throw new LineException("route from address only supported with IPv6");
                    }
                    family(IpFamily.INET6);
                }
                case "dev", "oif" -> dev = device(value(k));
                case "table" -> table = table(value(k));
                case "metric", "priority", "preference" -> metric = unsigned(k, value(k), 0xFFFF_FFFFL);
                case "scope" -> scope = named(k, value(k), SCOPES, 255);
                case "protocol", "proto" -> protocol = named(k, value(k), PROTOCOLS, 255);
                case "tos", "dsfield" -> {
                    tos = (int) unsigned(k, value(k), 255);
                    family(IpFamily.INET);
                }
                case "onlink" -> flags |= Route.FLAG_ONLINK;
                case "realms" -> {
                    realms = realms(value(k));
                    family(IpFamily.INET);
                }
                case "pref" -> {
                    pref = switch (value(k)) {
                        case "low" -> 3;
                        case "medium" -> 0;
                        case "high" -> 1;
                        default -> (int) unsigned(k, w.get(i - 1), 255);
                    };
                    family(IpFamily.INET6);
                }
                case "expires" -> {
                    expires = unsigned(k, value(k), 0xFFFF_FFFFL);
                    family(IpFamily.INET6);
                }
                case "ttl-propagate" -> ttlPropagate = switch (value(k)) {
                    case "enabled" -> 1;
                    case "disabled" -> 0;
                    default -> throw new LineException("ttl-propagate value " + w.get(i - 1) + " not recognised");
                };
                case "no_track" -> noTrack = true;
                case "track_group" -> value(k);
                default -> destination(k);
            }
        }

        private void destination(String k) throws LineException {
            if (haveDest) {
                throw new LineException("route keyword '" + k + "' is not supported");
            }
            haveDest = true;
            if (k.equals("default")) {
                dest = null;
                return;
            }
            dest = prefix(k);
            family(dest.family());
        }

        private void readNexthops() throws LineException {
            while (true) {
                InetAddress gw = null;
                int nhDev = 0;
                int weight = 1;
                int nhFlags = 0;
                int nhRealms = 0;
                boolean end = true;
                while (i < w.size()) {
                    String k = w.get(i++);
                    if (k.equals("nexthop")) {
                        end = false;
                        break;
                    }
                    switch (k) {
                        case "via", "gw" -> gw = gateway(k);
                        case "dev", "oif" -> nhDev = device(value(k));
                        case "weight" -> {
                            weight = (int) unsigned(k, value(k), 256);
                            if (weight == 0) {
                                throw new LineException("Invalid weight 0 specified for route");
                            }
                        }
                        case "onlink" -> nhFlags |= Route.FLAG_ONLINK;
                        case "realms" -> nhRealms = realms(value(k));
                        case "no_track" -> noTrack = true;
                        case "track_group" -> value(k);
                        default -> throw new LineException("route nexthop keyword '" + k + "' is not supported");
                    }
                }
                nexthops.add(new Nexthop(gw, nhDev, weight, nhFlags, nhRealms));
                if (end) {
                    return;
                }
            }
        }

        /** {@code via [inet|inet6] ADDR}: an address of the other family than the route's goes as RTA_VIA. */
        private InetAddress gateway(String k) throws LineException {
            String v = value(k);
            boolean explicit = v.equals("inet") || v.equals("inet6");
            if (explicit) {
                v = value(k);
            }
            InetAddress a = address(v);
            if (!explicit) {
                family(IpFamily.of(a));
            }
            return a;
        }

        private int device(String name) throws LineException {
            int index = ifindex.applyAsInt(name);
            if (index <= 0) {
                throw new LineException("interface " + name + " does not exist");
            }
            return index;
        }

        private RouteMetric metric(String k, int kind) throws LineException {
            String v = value(k);
            boolean locked = false;
            if (v.equals("lock")) {
                locked = true;
                v = value(k);
            }
            return switch (kind) {
                case RouteMetric.CC_ALGO -> RouteMetric.congestionControl(v, locked);
                case RouteMetric.FEATURES -> {
                    if (!v.equals("ecn")) {
                        throw new LineException("feature " + v + " not supported");
                    }
                    yield RouteMetric.of(kind, RouteMetric.FEATURE_ECN, locked);
                }
                case RouteMetric.RTT -> RouteMetric.of(kind, rttUnits(k, v, 8), locked);
                case RouteMetric.RTTVAR -> RouteMetric.of(kind, rttUnits(k, v, 4), locked);
                case RouteMetric.RTO_MIN -> RouteMetric.of(kind, rttUnits(k, v, 1), locked);
                case RouteMetric.QUICKACK, RouteMetric.FASTOPEN_NO_COOKIE -> RouteMetric.of(kind, unsigned(k, v, 1),
                        locked);
                case RouteMetric.HOPLIMIT -> RouteMetric.of(kind, unsigned(k, v, 255), locked);
                default -> RouteMetric.of(kind, unsigned(k, v, 0xFFFF_FFFFL), locked);
            };
        }

        private void family(IpFamily f) throws LineException {
            if (family != null && family != f) {
                throw new LineException("Cannot mix IPv4 and IPv6 addresses for route");
            }
            family = f;
        }
    }

    private static Rule readRule(List<String> w) throws LineException {
        if (w.isEmpty()) {
            throw new LineException("empty rule");
        }
        IpFamily family = null;
        String fromText = null;
        String toText = null;
        Long table = null;
        long gotoTarget = -1;
        int action = 0;
        boolean l3mdev = false;
        long priority = -1;
        boolean invert = false;
        int tos = 0;
        long fwmark = -1;
        long fwmask = -1;
        String iif = null;
        String oif = null;
        int realms = 0;
        int suppressPrefix = -1;
        long suppressGroup = -1;
        Rule.Range uid = null;
        int protocol = Route.PROTOCOL_KEEPALIVED;
        boolean noTrack = false;
        int ipProto = -1;
        Rule.Range sport = null;
        Rule.Range dport = null;
        int n = 0;
        while (n < w.size()) {
            String k = w.get(n++);
            String v = n < w.size() ? w.get(n) : null;
            if (RULE_ACTIONS.contains(k)) {
                action = switch (k) {
                    case "blackhole" -> Rule.ACTION_BLACKHOLE;
                    case "unreachable" -> Rule.ACTION_UNREACHABLE;
                    case "prohibit" -> Rule.ACTION_PROHIBIT;
                    default -> Rule.ACTION_NOP;
                };
                continue;
            }
            boolean valued = switch (k) {
                case "inet", "inet6", "not", "l3mdev", "no_track" -> false;
                default -> true;
            };
            if (valued && v == null) {
                throw new LineException("missing value for rule " + k);
            }
            if (valued) {
                n++;
            }
            switch (k) {
                case "inet" -> family = ruleFamily(family, IpFamily.INET);
                case "inet6" -> family = ruleFamily(family, IpFamily.INET6);
                case "from" -> {
                    fromText = v;
                    if (!v.equals("all")) {
                        family = ruleFamily(family, prefix(v).family());
                    }
                }
                case "to" -> {
                    toText = v;
                    if (!v.equals("all")) {
                        family = ruleFamily(family, prefix(v).family());
                    }
                }
                case "table", "lookup" -> {
                    table = table(v);
                    action = Rule.ACTION_TO_TABLE;
                }
                case "goto" -> {
                    gotoTarget = unsigned(k, v, 0xFFFF_FFFFL);
                    action = Rule.ACTION_GOTO;
                }
                case "l3mdev" -> l3mdev = true;
                case "preference", "priority", "order" -> priority = unsigned(k, v, 0xFFFF_FFFFL);
                case "not" -> invert = true;
                case "tos", "dsfield" -> tos = (int) unsigned(k, v, 255);
                case "fwmark" -> {
                    int slash = v.indexOf('/');
                    fwmark = unsigned(k, slash < 0 ? v : v.substring(0, slash), 0xFFFF_FFFFL);
                    if (slash >= 0) {
                        fwmask = unsigned(k, v.substring(slash + 1), 0xFFFF_FFFFL);
                    }
                }
                case "iif", "dev" -> iif = interfaceName(v);
                case "oif" -> oif = interfaceName(v);
                case "realms" -> {
                    realms = realms(v);
                    family = ruleFamily(family, IpFamily.INET);
                }
                case "suppress_prefixlength", "sup_pl" -> suppressPrefix = (int) unsigned(k, v, Integer.MAX_VALUE);
                case "suppress_ifgroup", "sup_group" -> suppressGroup = v.equals("default") ? 0
                        : unsigned(k, v, 0xFFFF_FFFFL);
                case "uidrange" -> uid = range(k, v, 0xFFFF_FFFFL, false);
                case "protocol" -> protocol = (int) unsigned(k, v, 255);
                case "no_track" -> noTrack = true;
                case "track_group" -> {
                    // tracking only
                }
                case "ipproto" -> ipProto = IP_PROTOCOLS.containsKey(v) ? IP_PROTOCOLS.get(v)
                        : (int) unsigned(k, v, 255);
                case "sport" -> sport = range(k, v, 0xFFFF, true);
                case "dport" -> dport = range(k, v, 0xFFFF, true);
                default -> throw new LineException("rule keyword '" + k + "' is not supported");
            }
        }
        if (l3mdev) {
            if (action != 0) {
                throw new LineException("Cannot specify l3mdev with other action");
            }
            action = Rule.ACTION_TO_TABLE;
        }
        if (action == 0) {
            throw new LineException("No action specified for rule");
        }
        IpFamily f = family == null ? IpFamily.INET : family;
        Rule.Builder b = Rule.builder(f).priority(priority).invert(invert).from(rulePrefix(fromText, f))
                .to(rulePrefix(toText, f)).tos(tos).iif(iif).oif(oif).realms(realms)
                .suppressPrefixLength(suppressPrefix).suppressIfgroup(suppressGroup).uidRange(uid)
                .protocol(noTrack ? protocol : Route.PROTOCOL_KEEPALIVED).ipProto(ipProto).sport(sport).dport(dport);
        if (fwmark >= 0) {
            b.fwmark(fwmark, fwmask);
        }
        if (l3mdev) {
            b.l3mdev();
        } else if (action == Rule.ACTION_TO_TABLE) {
            b.table(table);
        } else if (action == Rule.ACTION_GOTO) {
            b.gotoTarget(gotoTarget);
        } else {
            b.action(action);
        }
        return b.build();
    }

    private static IpFamily ruleFamily(IpFamily current, IpFamily f) throws LineException {
        if (current != null && current != f) {
            throw new LineException("rule specification has mixed IPv4 and IPv6");
        }
        return f;
    }

    /** {@code all} is sent as the all-zero prefix of the rule's family, as keepalived does. */
    private static IpPrefix rulePrefix(String text, IpFamily f) throws LineException {
        if (text == null) {
            return null;
        }
        if (text.equals("all")) {
            return new IpPrefix(address(f == IpFamily.INET ? "0.0.0.0" : "::"), 0);
        }
        return prefix(text);
    }

    private static String interfaceName(String v) throws LineException {
        if (v.isEmpty() || v.length() > 15 || v.contains("/")) {
            throw new LineException("invalid interface name " + v);
        }
        return v;
    }

    private static Rule.Range range(String k, String v, long max, boolean single) throws LineException {
        int dash = v.indexOf('-');
        if (dash < 0 && single) {
            long p = unsigned(k, v, max);
            return new Rule.Range(p, p);
        }
        if (dash <= 0) {
            throw new LineException("invalid " + k + " range " + v);
        }
        long a = unsigned(k, v.substring(0, dash), max);
        long b = unsigned(k, v.substring(dash + 1), max);
        if (b < a) {
            throw new LineException("invalid " + k + " range " + v);
        }
        return new Rule.Range(a, b);
    }

    private static long table(String v) throws LineException {
        long t = TABLES.containsKey(v) ? TABLES.get(v) : unsigned("table", v, 0xFFFF_FFFFL);
        if (t == 0) {
            throw new LineException("Table 0 is not valid");
        }
        return t;
    }

    /** {@code realms [FROM/]TO}: the source realm in the high 16 bits. */
    private static int realms(String v) throws LineException {
        int slash = v.indexOf('/');
        if (slash < 0) {
            return (int) unsigned("realms", v, 0xFFFF);
        }
        long from = unsigned("realms", v.substring(0, slash), 0xFFFF);
        long to = unsigned("realms", v.substring(slash + 1), 0xFFFF);
        return (int) (from << 16 | to);
    }

    /**
     * {@code rtt}, {@code rttvar}, {@code rto_min} as keepalived 2.2.7 reads them: a bare number is in the kernel's
     * unit (1/8 ms, 1/4 ms, ms: {@code perMs}), {@code Nms} and {@code Ns}/{@code Nsec}/{@code Nsecs} are converted;
     * less than 200 ms is raised to 200 ms, more than 120 s is refused (TCP_RTO_MIN, TCP_RTO_MAX).
     */
    private static long rttUnits(String k, String v, long perMs) throws LineException {
        String s = v.toLowerCase();
        long units;
        if (s.endsWith("ms")) {
            units = unsigned(k, s.substring(0, s.length() - 2), 0xFFFF_FFFFL) * perMs;
        } else if (s.endsWith("s")) {
            String n = s.endsWith("secs") ? s.substring(0, s.length() - 4)
                    : s.endsWith("sec") ? s.substring(0, s.length() - 3) : s.substring(0, s.length() - 1);
            units = unsigned(k, n, 0xFFFF_FFFFL) * 1000 * perMs;
        } else {
            units = unsigned(k, s, 0xFFFF_FFFFL);
        }
        if (units > RTT_MAX_MS * perMs) {
            throw new LineException("Invalid " + k + " " + v + " for route");
        }
        return Math.max(units, RTT_MIN_MS * perMs);
    }

    private static int named(String k, String v, Map<String, Integer> names, long max) throws LineException {
        Integer n = names.get(v);
        return n != null ? n : (int) unsigned(k, v, max);
    }

    /** A decimal or {@code 0x} hexadecimal number in {@code [0, max]}. */
    private static long unsigned(String k, String v, long max) throws LineException {
        try {
            long n = v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16)
                    : Long.parseLong(v);
            if (n >= 0 && n <= max && !v.startsWith("+") && !v.startsWith("-")) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LineException("invalid " + k + " value " + v);
    }

    private static IpPrefix prefix(String s) throws LineException {
        int slash = s.indexOf('/');
        InetAddress a = address(slash < 0 ? s : s.substring(0, slash));
        int max = a instanceof Inet4Address ? 32 : 128;
        int len = slash < 0 ? max : (int) unsigned("prefix length", s.substring(slash + 1), max);
        return new IpPrefix(a, len);
    }

    private static InetAddress address(String s) throws LineException {
        if (!s.matches("[0-9a-fA-F.:]+") || !(s.contains(".") || s.contains(":"))) {
            throw new LineException("not an IP address: " + s);
        }
        try {
            return InetAddress.getByName(s); // a literal only: the check above keeps host names (DNS) out
        } catch (UnknownHostException e) {
            throw new LineException("not an IP address: " + s);
        }
    }
}
