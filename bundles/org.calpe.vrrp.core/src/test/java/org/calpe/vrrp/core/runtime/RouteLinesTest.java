package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import org.calpe.net.api.InterfaceAddress;
import org.calpe.net.api.IpFamily;
import org.calpe.net.api.IpPrefix;
import org.calpe.net.api.Nexthop;
import org.calpe.net.api.Route;
import org.calpe.net.api.RouteMetric;
import org.calpe.net.api.Rule;
import org.junit.jupiter.api.Test;

class RouteLinesTest {

    private static final Map<String, Integer> LINKS = Map.of("eth0", 2, "eth1", 3, "lo", 1);
    private static final ToIntFunction<String> IFINDEX = n -> LINKS.getOrDefault(n, 0);

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static IpPrefix prefix(String s) throws Exception {
        String[] p = s.split("/");
        return new IpPrefix(ip(p[0]), Integer.parseInt(p[1]));
    }

    private static Route route(String line) {
        RouteLines.Parsed<Route> p = RouteLines.route(line, IFINDEX);
        assertTrue(p.ok(), () -> line + ": " + p.problem());
        assertNull(p.problem());
        return p.value();
    }

    private static Rule rule(String line) {
        RouteLines.Parsed<Rule> p = RouteLines.rule(line);
        assertTrue(p.ok(), () -> line + ": " + p.problem());
        return p.value();
    }

    private static String routeProblem(String line) {
        RouteLines.Parsed<Route> p = RouteLines.route(line, IFINDEX);
        assertFalse(p.ok(), line);
        assertNull(p.value());
        assertEquals(line, p.line());
        return p.problem();
    }

    private static String ruleProblem(String line) {
        RouteLines.Parsed<Rule> p = RouteLines.rule(line);
        assertFalse(p.ok(), line);
        return p.problem();
    }

    @Test
    void unicastRouteWithKeepalivedDefaults() throws Exception {
        Route r = route("src 198.18.0.10 to 198.18.10.0/24 via 198.18.0.254 dev eth0");
        assertEquals(Route.builder(IpFamily.INET).destination(prefix("198.18.10.0/24")).gateway(ip("198.18.0.254"))
                .ifindex(2).preferredSource(ip("198.18.0.10")).build(), r);
        assertEquals(Route.TABLE_MAIN, r.table());
        assertEquals(Route.PROTOCOL_KEEPALIVED, r.protocol());
        assertEquals(InterfaceAddress.SCOPE_UNIVERSE, r.scope(), "keepalived: global, not link as ip route");
        assertEquals(-1, r.metric());
        assertEquals(Route.TYPE_UNICAST, r.type());
    }

    @Test
    void tablesMetricsAndHostRoutes() throws Exception {
        Route r = route("198.18.13.0/24 via 198.18.0.254 dev eth0 table 100 metric 5");
        assertEquals(100, r.table());
        assertEquals(5, r.metric());
        assertEquals(Route.TABLE_LOCAL, route("198.18.13.0/24 dev eth0 table local").table());
        assertEquals(Route.TABLE_DEFAULT, route("198.18.13.0/24 dev eth0 table default").table());
        assertEquals(4000000000L, route("198.18.13.0/24 dev eth0 table 4000000000").table());
        assertEquals(7, route("198.18.13.0/24 dev eth0 priority 7").metric());
        assertEquals(8, route("198.18.13.0/24 dev eth0 preference 8").metric());
        assertEquals(new IpPrefix(ip("198.18.13.1"), 32), route("198.18.13.1 dev eth0").destination());
        assertEquals(new IpPrefix(ip("2001:db8::1"), 128), route("2001:db8::1 dev eth0").destination());
    }

    @Test
    void defaultRoutes() throws Exception {
        Route r = route("default via 198.18.0.1 dev eth0 table 100");
        assertNull(r.destination());
        assertEquals(IpFamily.INET, r.family());
        Route v6 = route("default via 2001:db8::1 dev eth0");
        assertNull(v6.destination());
        assertEquals(IpFamily.INET6, v6.family());
        assertEquals(prefix("0.0.0.0/0"), route("0.0.0.0/0 via 198.18.0.1 dev eth0 table 100").destination());
    }

    @Test
    void routeTypes() throws Exception {
        assertEquals(Route.TYPE_BLACKHOLE, route("blackhole 198.18.14.0/24 no_track").type());
        assertEquals(Route.TYPE_UNREACHABLE, route("unreachable 198.18.15.0/24 dev eth0").type());
        assertEquals(Route.TYPE_PROHIBIT, route("prohibit 198.18.16.0/24 no_track").type());
        Route t = route("throw 198.18.17.0/24 table 100 no_track");
        assertEquals(Route.TYPE_THROW, t.type());
        assertEquals(100, t.table());
        assertEquals(Route.TYPE_MULTICAST, route("multicast 224.1.1.0/24 dev eth0 table 100").type());
        assertEquals(Route.TYPE_UNICAST, route("unicast 198.18.17.0/24 dev eth0").type());
    }

    @Test
    void localBroadcastAndAnycastTakeIproute2sTableAndScope() throws Exception {
        Route local = route("local 198.18.67.1 dev eth0");
        assertEquals(Route.TYPE_LOCAL, local.type());
        assertEquals(Route.TABLE_LOCAL, local.table());
        assertEquals(InterfaceAddress.SCOPE_HOST, local.scope());
        Route brd = route("broadcast 198.18.68.255 dev eth0");
        assertEquals(Route.TABLE_LOCAL, brd.table());
        assertEquals(InterfaceAddress.SCOPE_LINK, brd.scope());
        Route any = route("anycast 198.18.69.0 dev eth0 table 100 scope host");
        assertEquals(100, any.table());
        assertEquals(InterfaceAddress.SCOPE_HOST, any.scope());
    }

    @Test
    void protocolIsKeepalivedUnlessNotTracked() {
        assertEquals(Route.PROTOCOL_KEEPALIVED, route("198.18.0.0/24 dev eth0 protocol boot").protocol());
        assertEquals(Route.PROTOCOL_BOOT, route("198.18.0.0/24 dev eth0 protocol boot no_track").protocol());
        assertEquals(42, route("198.18.0.0/24 dev eth0 no_track protocol babel").protocol());
        assertEquals(99, route("198.18.0.0/24 dev eth0 protocol 99 no_track").protocol());
        assertEquals(InterfaceAddress.SCOPE_LINK, route("198.18.0.0/24 dev eth0 scope link").scope());
        assertEquals(InterfaceAddress.SCOPE_HOST, route("198.18.0.0/24 dev eth0 scope host").scope());
        assertEquals(200, route("198.18.0.0/24 dev eth0 scope 200").scope());
    }

    @Test
    void tosOnlinkRealmsAndTrackGroup() throws Exception {
        Route r = route("198.18.18.0/24 via 198.18.0.254 dev eth0 onlink tos 0x10 realms 3/5 track_group G1");
        assertEquals(Route.FLAG_ONLINK, r.flags());
        assertEquals(0x10, r.tos());
        assertEquals(3 << 16 | 5, r.realms());
        assertEquals(5, route("198.18.18.0/24 dev eth0 realms 5").realms());
        assertEquals(16, route("198.18.18.0/24 dev eth0 dsfield 16").tos());
    }

    @Test
    void metricsWithLockAndKeepalivedsUnits() throws Exception {
        Route r = route("198.18.72.0/24 via 198.18.0.254 dev eth0 mtu lock 1300 advmss 1360 hoplimit 10 initcwnd 5"
                + " initrwnd 6 window 1000 rtt 300 rttvar 50 reordering 3 cwnd 7 ssthresh 8 rto_min 1s features ecn"
                + " quickack 1 fastopen_no_cookie 1 congctl lock cubic");
        assertEquals(List.of(RouteMetric.of(RouteMetric.MTU, 1300, true), RouteMetric.of(RouteMetric.ADVMSS, 1360, false),
                RouteMetric.of(RouteMetric.HOPLIMIT, 10, false), RouteMetric.of(RouteMetric.INITCWND, 5, false),
                RouteMetric.of(RouteMetric.INITRWND, 6, false), RouteMetric.of(RouteMetric.WINDOW, 1000, false),
                RouteMetric.of(RouteMetric.RTT, 200 * 8, false), RouteMetric.of(RouteMetric.RTTVAR, 200 * 4, false),
                RouteMetric.of(RouteMetric.REORDERING, 3, false), RouteMetric.of(RouteMetric.CWND, 7, false),
                RouteMetric.of(RouteMetric.SSTHRESH, 8, false), RouteMetric.of(RouteMetric.RTO_MIN, 1000, false),
                RouteMetric.of(RouteMetric.FEATURES, RouteMetric.FEATURE_ECN, false),
                RouteMetric.of(RouteMetric.QUICKACK, 1, false), RouteMetric.of(RouteMetric.FASTOPEN_NO_COOKIE, 1, false),
                RouteMetric.congestionControl("cubic", true)), r.metrics());
        // values keepalived 2.2.7 installed: rtt 4000 -> 500ms, rttvar 4000 -> 1s, rto_min 500 -> 500ms,
        // rtt 400ms rttvar 3s rto_min 2s as written; rtt 1000000 (125 s) refused
        assertEquals(List.of(RouteMetric.of(RouteMetric.RTT, 4000, false), RouteMetric.of(RouteMetric.RTTVAR, 4000, false),
                RouteMetric.of(RouteMetric.RTO_MIN, 500, false)),
                route("198.18.72.0/24 dev eth0 rtt 4000 rttvar 4000 rto_min 500").metrics());
        assertEquals(List.of(RouteMetric.of(RouteMetric.RTT, 400 * 8, false), RouteMetric.of(RouteMetric.RTTVAR,
                3000 * 4, false), RouteMetric.of(RouteMetric.RTO_MIN, 2000, true)),
                route("198.18.72.0/24 dev eth0 rtt 400ms rttvar 3s rto_min lock 2secs").metrics());
        assertTrue(routeProblem("198.18.72.0/24 dev eth0 rtt lock 1000000").contains("Invalid rtt 1000000"));
    }

    @Test
    void multipathNexthops() throws Exception {
        Route r = route("198.18.19.0/24 table 101 no_track nexthop via 198.18.0.1 dev eth0 weight 1 nexthop via "
                + "198.18.1.1 dev eth1 weight 2 onlink");
        assertEquals(List.of(Nexthop.of(ip("198.18.0.1"), 2, 1), new Nexthop(ip("198.18.1.1"), 3, 2,
                Route.FLAG_ONLINK, 0)), r.nexthops());
        assertTrue(r.isMultipath());
        assertEquals(0, r.ifindex());
        assertEquals(List.of(Nexthop.of(ip("2001:db8::1"), 2, 1), Nexthop.of(ip("2001:db8::2"), 0, 256)),
                route("2001:db8:64::/64 nexthop via 2001:db8::1 dev eth0 nexthop via 2001:db8::2 weight 256")
                        .nexthops());
    }

    @Test
    void ipv6Attributes() throws Exception {
        Route r = route("2001:db8:10::/64 via 2001:db8::1 dev eth0 metric 10 pref high expires 100");
        assertEquals(IpFamily.INET6, r.family());
        assertEquals(1, r.pref());
        assertEquals(100, r.expires());
        assertEquals(3, route("2001:db8:10::/64 dev eth0 pref low").pref());
        assertEquals(0, route("2001:db8:10::/64 dev eth0 pref medium").pref());
        assertEquals(prefix("2001:db8:1::/64"), route("2001:db8:10::/64 from 2001:db8:1::/64 dev eth0").source());
        Route via6 = route("198.18.82.0/24 via inet6 2001:db8::fe dev eth0");
        assertEquals(IpFamily.INET, via6.family());
        assertEquals(ip("2001:db8::fe"), via6.gateway());
        assertEquals(1, route("198.18.82.0/24 dev eth0 ttl-propagate enabled").ttlPropagate());
    }

    @Test
    void routeProblemsLeaveNothingToApply() {
        assertTrue(routeProblem("198.18.12.0/24 dev eth9 no_track").contains("interface eth9 does not exist"));
        assertTrue(routeProblem("198.18.12.0/24 encap ip id 5 dst 198.18.0.1 dev eth0").contains("'encap'"));
        assertTrue(routeProblem("198.18.12.0/24 via 198.18.0.1 or 198.18.0.2").contains("'or'"));
        assertTrue(routeProblem("198.18.12.0/24 via 2001:db8::1").contains("mix"));
        assertTrue(routeProblem("198.18.12.0/24 dev eth0 table unspec").contains("invalid table"));
        assertTrue(routeProblem("198.18.12.0/24 dev eth0 metric -1").contains("invalid metric"));
        assertTrue(routeProblem("198.18.12.0/24 dev eth0 features sack").contains("feature sack"));
        assertTrue(routeProblem("198.18.12.0/24 dev eth0 nexthop via 198.18.0.1 weight 0").contains("weight 0"));
        assertTrue(routeProblem("198.18.12.0/24 dev eth0 mtu").contains("missing value for mtu"));
        assertTrue(routeProblem("dev eth0").contains("no destination"));
        assertTrue(routeProblem("198.18.12.0/24 tos 0x10 expires 5").contains("mix"));
        assertTrue(routeProblem("198.18.12.0/24 dev eth0 realm 5").contains("'realm'"));
        assertTrue(routeProblem("www.example.com dev eth0").contains("not an IP address"));
    }

    @Test
    void rulesWithAddressesMarksAndInterfaces() throws Exception {
        Rule r = rule("not from 198.18.50.0/24 to 198.18.90.0/24 table 100 preference 100 fwmark 0x10/0xff iif ka0"
                + " oif ka1 tos 0x10");
        assertEquals(Rule.builder(IpFamily.INET).from(prefix("198.18.50.0/24")).to(prefix("198.18.90.0/24"))
                .table(100).priority(100).fwmark(0x10, 0xff).iif("ka0").oif("ka1").tos(0x10).invert(true).build(), r);
        Rule mark = rule("from all fwmark 7 table 102 preference 201");
        assertEquals(7, mark.fwmark());
        assertEquals(-1, mark.fwmask());
        assertEquals(prefix("0.0.0.0/0"), mark.from(), "'all' is sent as 0.0.0.0/0, as keepalived does");
        assertEquals("eth0", rule("from all iif eth0 table 5 priority 1").iif());
        assertEquals(Route.TABLE_MAIN, rule("from all table main preference 1105").table());
        assertEquals(5000, rule("to 198.18.0.0/24 lookup 5000 order 3").table());
    }

    @Test
    void ruleActionsAndFamilies() throws Exception {
        assertEquals(Rule.ACTION_BLACKHOLE, rule("from all blackhole preference 1100").action());
        assertEquals(Rule.ACTION_UNREACHABLE, rule("from all unreachable preference 1101").action());
        assertEquals(Rule.ACTION_PROHIBIT, rule("from all prohibit preference 1102").action());
        assertEquals(Rule.ACTION_NOP, rule("from all nop preference 1103").action());
        Rule l3 = rule("from all l3mdev preference 1104");
        assertTrue(l3.l3mdev());
        assertEquals(Rule.ACTION_TO_TABLE, l3.action());
        Rule go = rule("to 2001:db8:90::/64 goto 32766 preference 400");
        assertEquals(IpFamily.INET6, go.family());
        assertEquals(32766, go.gotoTarget());
        assertEquals(IpFamily.INET6, rule("inet6 table 116 preference 1111").family());
        assertEquals(-1, rule("from 198.18.53.0/24 table 115").priority(), "no preference: the kernel chooses");
    }

    @Test
    void ruleSelectors() throws Exception {
        Rule r = rule("from all table 109 ipproto udp sport 100-200 dport 53 uidrange 1000-2000 preference 1000"
                + " suppress_prefixlength 0 suppress_ifgroup 1 realms 3/4");
        assertEquals(17, r.ipProto());
        assertEquals(new Rule.Range(100, 200), r.sport());
        assertEquals(new Rule.Range(53, 53), r.dport());
        assertEquals(new Rule.Range(1000, 2000), r.uidRange());
        assertEquals(0, r.suppressPrefixLength());
        assertEquals(1, r.suppressIfgroup());
        assertEquals(3 << 16 | 4, r.realms());
        assertEquals(6, rule("from all table 117 ipproto 6 preference 1112").ipProto());
        assertEquals(Route.PROTOCOL_KEEPALIVED, rule("from all table 112 protocol 4 preference 1").protocol());
        assertEquals(4, rule("from all table 112 protocol 4 no_track preference 1").protocol());
    }

    @Test
    void ruleProblems() {
        assertTrue(ruleProblem("from 198.18.0.0/24 preference 5").contains("No action"));
        assertTrue(ruleProblem("from all tun_id 5 table 5").contains("'tun_id'"));
        assertTrue(ruleProblem("from 198.18.0.0/24 to 2001:db8::/64 table 5").contains("mixed"));
        assertTrue(ruleProblem("from all table 0").contains("Table 0"));
        assertTrue(ruleProblem("from all table 5 sport 200-100").contains("invalid sport range"));
        assertTrue(ruleProblem("from all l3mdev table 5").contains("l3mdev"));
        assertTrue(ruleProblem("from all table").contains("missing value"));
        assertTrue(ruleProblem("from all table 5 ipproto bogus").contains("invalid ipproto"));
    }
}
