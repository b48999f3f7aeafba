package org.calpe.config.keepalived.schema.vrrp;

import org.calpe.config.api.model.RouteEntry;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.calpe.config.api.Location;
import org.calpe.config.api.model.Item;
import org.calpe.config.keepalived.schema.ItemType;
import org.calpe.config.keepalived.schema.ParseContext;
import org.calpe.config.keepalived.schema.Statement;

/** Reads route entries as keepalived 2.2.7's parse_route (the subset of checks that affect the verdict). */
final class RouteItems {
    private static final Set<String> TYPES = Set.of("unicast", "blackhole", "unreachable", "prohibit", "throw",
            "local", "broadcast", "anycast", "multicast", "nat");
    /** Keywords taking one value (the metrics may be preceded by "lock"). */
    private static final Set<String> VALUED = Set.of("src", "metric", "priority", "preference", "tos", "dsfield",
            "mtu", "hoplimit", "advmss", "rtt", "rttvar", "reordering", "window", "cwnd", "initcwnd", "initrwnd",
            "ssthresh", "realms", "rto_min", "features", "congctl", "pref", "expires", "fastopen_no_cookie",
            "ttl-propagate", "vrf", "as", "quickack", "encap");
    private static final Set<String> FLAGS = Set.of("onlink", "no_track", "append", "inet6", "inet", "ecn",
            "pervasive");
    static final Set<String> TABLES = Set.of("local", "main", "default", "unspec");
    /** Metrics that take {@code lock} before their value, as keepalived 2.2.7 accepts them. */
    private static final Set<String> LOCKABLE = Set.of("mtu", "advmss", "rtt", "rttvar", "reordering", "cwnd",
            "ssthresh", "rto_min", "congctl");
    /** Numeric metrics keepalived checks, with the wording of its "Invalid ..." line ({@code %s} = value). */
    private static final java.util.Map<String, String> NUMBER_CHECKED = java.util.Map.of(
            "metric", "Invalid metric %s specified for route",
            "priority", "Invalid metric %s specified for route",
            "preference", "Invalid metric %s specified for route",
            "hoplimit", "Invalid hoplimit %s specified for route",
            "window", "Invalid window value %s specified for route",
            "initcwnd", "Invalid initcwnd value %s specified for route",
            "initrwnd", "Invalid initrwnd value %s specified for route",
            "quickack", "Invalid quickack value %s specified for route",
            "fastopen_no_cookie", "Invalid fastopen_no_cookie value %s specified for route");

    private RouteItems() {
    }

    static ItemType of(boolean isStatic) {
        return (st, ctx) -> parse(isStatic, st, ctx);
    }

    private static Item parse(boolean isStatic, Statement st, ParseContext ctx) {
        List<String> w = new ArrayList<>();
        st.words().forEach(x -> w.add(x.text()));
        Location loc = st.location();
        List<String> out = new ArrayList<>();
        int family = 0;
        String dev = null;
        boolean tracked = true;
        boolean haveDest = false;
        boolean ok = true;
        boolean inNexthop = false;
        for (int i = 0; i < w.size(); i++) {
            String k = w.get(i);
            String v = i + 1 < w.size() ? w.get(i + 1) : null;
            if (TYPES.contains(k) && !haveDest) {
                out.add(k);
                continue;
            }
            switch (k) {
                case "to" -> {
                    out.add(k);
                }
                case "via", "gw", "or" -> {
                    if (k.equals("gw")) {
                        ctx.error(loc, "\"gw\" for routes is deprecated. Please use \"via\"");
                    }
                    i++;
                    String explicitFamily = null;
                    if (k.equals("via") && ("inet".equals(v) || "inet6".equals(v))) {
                        explicitFamily = v;
                        i++;
                        v = i < w.size() ? w.get(i) : null;
                    }
                    InetAddress a = v == null ? null : Inet.parse(v);
                    if (a == null) {
                        ctx.error(loc, "VRRP parsed invalid IP %s. skipping IP...", String.valueOf(v));
                        ctx.error(loc, "invalid route via address %s", String.valueOf(v));
                        ok = false;
                        continue;
                    }
                    family = mix(family, Inet.family(a), loc, ctx);
                    if (family < 0) {
                        ok = false;
                    }
                    out.add(k.equals("gw") ? "via" : k);
                    if (explicitFamily != null) {
                        out.add(explicitFamily);
                    }
                    out.add(v);
                }
                case "from" -> {
                    i++;
                    Inet.Prefix p = v == null ? null : Inet.parsePrefix(v);
                    if (p == null) {
                        ctx.error(loc, "VRRP parsed invalid IP %s. skipping IP...", String.valueOf(v));
                        ctx.error(loc, "invalid route from address %s", String.valueOf(v));
                        ok = false;
                        continue;
                    }
                    if (p.family() != 6 || family == 4) {
                        ctx.error(loc, "route from address only supported with IPv6 (%s)", v);
                        ok = false;
                        continue;
                    }
                    family = mix(family, 6, loc, ctx);
                    out.add(k);
                    out.add(v);
                }
                case "dev", "oif" -> {
                    i++;
                    if (v == null) {
                        ctx.error(loc, "route dev missing");
                        ok = false;
                        continue;
                    }
                    if (!ctx.interfaceExists(v)) {
                        ctx.warning(loc, "WARNING - interface %s for VROUTE nexthop doesn't exist", v);
                        ctx.warning(loc, "Non-existent interface specified in configuration");
                    }
                    if (!inNexthop && dev == null) {
                        dev = v;
                    }
                    out.add("dev");
                    out.add(v);
                }
                case "table" -> {
                    i++;
                    if (v == null || (VrrpValues.unsigned(v) == null && !TABLES.contains(v))) {
                        ctx.error(loc, "Routing table %s not found for route", String.valueOf(v));
                        ok = false;
                        continue;
                    }
                    out.add(k);
                    out.add(v);
                }
                case "scope" -> {
                    i++;
                    out.add(k);
                    out.add(String.valueOf(v));
                }
                case "protocol", "proto" -> {
                    i++;
                    out.add("protocol");
                    out.add(String.valueOf(v));
                    if (v != null && !v.equals("keepalived") && !v.equals("18") && !w.contains("no_track")) {
                        ctx.error(loc, "Route cannot be tracked if protocol is not RTPROT_KEEPALIVED(18), "
                                + "resetting protocol");
                    }
                }
                case "track_group" -> {
                    i++;
                    if (!isStatic) {
                        ctx.error(loc, "track_group %s is not valid for a virtual route", String.valueOf(v));
                        continue;
                    }
                    VrrpRefs.trackGroupUse(ctx, String.valueOf(v), loc);
                    out.add(k);
                    out.add(String.valueOf(v));
                }
                case "nexthop" -> {
                    inNexthop = true;
                    out.add(k);
                }
                case "weight" -> {
                    i++;
                    out.add(k);
                    out.add(String.valueOf(v));
                }
                case "lock" -> out.add(k);
                default -> {
                    if (FLAGS.contains(k)) {
                        if (k.equals("no_track")) {
                            tracked = false;
                        }
                        if (k.equals("inet6")) {
                            family = mix(family, 6, loc, ctx);
                        }
                        out.add(k);
                    } else if (VALUED.contains(k)) {
                        i++;
                        if (v == null) {
                            ctx.error(loc, "Missing value for route %s", k);
                            ok = false;
                            continue;
                        }
                        if (v.equals("lock") && LOCKABLE.contains(k)) {
                            if (i + 1 >= w.size()) {
                                ctx.report(org.calpe.config.api.Severity.ABORT, loc, String.format(
                                        "*** Configuration line starting `%s` is missing a parameter after "
                                                + "keyword `lock` at word position %d", st.text(), i + 2));
                                return null;
                            }
                            out.add(k);
                            out.add("lock");
                            i++;
                            v = w.get(i);
                        } else {
                            out.add(k);
                        }
                        String invalid = NUMBER_CHECKED.get(k);
                        if (invalid != null && VrrpValues.unsigned(v) == null) {
                            out.remove(out.size() - 1);
                            ctx.error(loc, "invalid number '%s'", v);
                            ctx.error(loc, invalid, v);
                            continue;
                        }
                        if (k.equals("src")) {
                            InetAddress a = Inet.parse(v);
                            if (a == null) {
                                ctx.error(loc, "VRRP parsed invalid IP %s. skipping IP...", v);
                                ok = false;
                                continue;
                            }
                            family = mix(family, Inet.family(a), loc, ctx);
                        }
                        out.add(v);
                    } else if (!haveDest) {
                        Inet.Prefix p = k.equals("default") ? null : Inet.parsePrefix(k);
                        if (p == null && !k.equals("default")) {
                            ctx.error(loc, "VRRP parsed invalid IP %s. skipping IP...", k);
                            ctx.error(loc, "unknown route keyword %s", k);
                            ok = false;
                            continue;
                        }
                        if (p != null) {
                            family = mix(family, p.family(), loc, ctx);
                        }
                        haveDest = true;
                        out.add(k);
                    } else {
                        ctx.error(loc, "VRRP parsed invalid IP %s. skipping IP...", k);
                        ctx.error(loc, "unknown route keyword %s", k);
                        ok = false;
                    }
                }
            }
        }
        if (!ok || family < 0) {
            return null;
        }
        if (tracked && dev == null) {
            ctx.warning(loc, "Warning - cannot track route %s with no interface specified, not tracking",
                    firstDest(w));
            tracked = false;
        }
        RouteEntry e = new RouteEntry(out, family == 0 ? 4 : family, dev, tracked);
        return new Item(out, e, loc);
    }

    private static String firstDest(List<String> w) {
        for (String s : w) {
            if (Inet.parsePrefix(s) != null) {
                return s;
            }
        }
        return w.get(0);
    }

    private static int mix(int family, int f, Location loc, ParseContext ctx) {
        if (family < 0) {
            return family;
        }
        if (family != 0 && family != f) {
            ctx.error(loc, "Cannot mix IPv4 and IPv6 addresses for route");
            return -1;
        }
        return f;
    }
}
