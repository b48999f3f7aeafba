package org.calpe.net.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.calpe.net.api.InterfaceAddress;
import org.calpe.net.api.IpFamily;
import org.calpe.net.api.IpPrefix;
import org.calpe.net.api.Nexthop;
import org.calpe.net.api.Route;
import org.calpe.net.api.RouteMetric;
import org.calpe.net.api.Rule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Lab test (root): every route and rule keyword through rtnetlink in a namespace ({@link NetnsLab}'s A, whose
 * {@code va} has 198.18.1.1/24 and 2001:db8:1::1/64). Each entry is added (twice: the second add reports false),
 * must then appear in {@code ip route show table all} / {@code ip rule show} exactly as the expected line, which
 * is what iproute2 printed for the same entry installed by keepalived 2.2.7 (captured on this lab, with its
 * addresses substituted), is removed (twice: the second remove reports false) and must be gone.
 */
class RouteLabTest {

    private static NetnsLab lab;
    private static LinuxRouteManager manager;
    private static int va;

    @BeforeAll
    static void setUp() throws IOException {
        lab = NetnsLab.create();
        manager = new LinuxRouteManager(new Posix());
        va = lab.ifindex(lab.a, "va");
    }

    @AfterAll
    static void tearDown() {
        if (manager != null) {
            manager.deactivate();
        }
        if (lab != null) {
            lab.close();
        }
    }

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (IOException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    private static IpPrefix net(String s) {
        String[] p = s.split("/");
        return new IpPrefix(ip(p[0]), Integer.parseInt(p[1]));
    }

    private static Route.Builder v4(String dest) {
        return Route.builder(IpFamily.INET).destination(dest == null ? null : net(dest));
    }

    private static Route.Builder v6(String dest) {
        return Route.builder(IpFamily.INET6).destination(net(dest));
    }

    /** The output of an {@code ip} listing, one entry per line (multipath nexthop lines joined), blanks collapsed. */
    private static List<String> show(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", lab.a));
        cmd.addAll(List.of(args));
        String out = NetnsLab.run(cmd.toArray(String[]::new)).replace("\n\t", " ");
        List<String> lines = new ArrayList<>();
        for (String l : out.split("\n")) {
            String t = l.replace('\t', ' ').replaceAll("\\s+", " ").trim();
            if (!t.isEmpty()) {
                lines.add(t);
            }
        }
        return lines;
    }

    private static boolean shown(List<String> lines, Pattern expected) {
        return lines.stream().anyMatch(l -> expected.matcher(l).matches());
    }

    private record RouteCase(String name, Route route, Pattern expected) {
    }

    private static RouteCase route(Route.Builder b, String expected) {
        return new RouteCase(expected, b.build(), Pattern.compile(Pattern.quote(expected)));
    }

    private static List<RouteCase> routeCases() {
        InetAddress gw = ip("198.18.1.254");
        InetAddress gw6 = ip("2001:db8:1::fe");
        List<RouteCase> c = new ArrayList<>();
        c.add(route(v4("198.18.60.0/24").gateway(gw).ifindex(va), "198.18.60.0/24 via 198.18.1.254 dev va proto keepalived"));
        c.add(route(v4("198.18.61.0/24").gateway(gw).ifindex(va).preferredSource(ip("198.18.1.1")),
                "198.18.61.0/24 via 198.18.1.254 dev va proto keepalived src 198.18.1.1"));
        c.add(route(v4("198.18.62.0/24").ifindex(va), "198.18.62.0/24 dev va proto keepalived"));
        c.add(route(v4("198.18.63.0/24").type(Route.TYPE_BLACKHOLE), "blackhole 198.18.63.0/24 proto keepalived"));
        c.add(route(v4("198.18.64.0/24").type(Route.TYPE_UNREACHABLE), "unreachable 198.18.64.0/24 proto keepalived"));
        c.add(route(v4("198.18.65.0/24").type(Route.TYPE_PROHIBIT), "prohibit 198.18.65.0/24 proto keepalived"));
        c.add(route(v4("198.18.66.0/24").type(Route.TYPE_THROW).table(100),
                "throw 198.18.66.0/24 table 100 proto keepalived"));
        c.add(route(v4("198.18.67.1/32").type(Route.TYPE_LOCAL).ifindex(va).table(Route.TABLE_LOCAL)
                .scope(InterfaceAddress.SCOPE_HOST), "local 198.18.67.1 dev va table local proto keepalived scope host"));
        c.add(route(v4("198.18.68.255/32").type(Route.TYPE_BROADCAST).ifindex(va).table(Route.TABLE_LOCAL)
                .scope(InterfaceAddress.SCOPE_LINK),
                "broadcast 198.18.68.255 dev va table local proto keepalived scope link"));
        c.add(route(v4("198.18.69.0/32").type(Route.TYPE_ANYCAST).ifindex(va).table(Route.TABLE_LOCAL)
                .scope(InterfaceAddress.SCOPE_LINK), "anycast 198.18.69.0 dev va table local proto keepalived scope link"));
        c.add(route(v4("224.1.1.0/24").type(Route.TYPE_MULTICAST).ifindex(va).table(100),
                "multicast 224.1.1.0/24 dev va table 100 proto keepalived"));
        c.add(route(v4("198.18.70.0/24").gateway(gw).ifindex(va).table(100).metric(5),
                "198.18.70.0/24 via 198.18.1.254 dev va table 100 proto keepalived metric 5"));
        c.add(route(v4("198.18.71.0/24").gateway(gw).ifindex(va).flags(Route.FLAG_ONLINK)
                .metric(RouteMetric.of(RouteMetric.MTU, 1400, false)).metric(RouteMetric.of(RouteMetric.ADVMSS, 1360, false)),
                "198.18.71.0/24 via 198.18.1.254 dev va proto keepalived onlink mtu 1400 advmss 1360"));
        c.add(route(v4("198.18.72.0/24").gateway(gw).ifindex(va).metric(RouteMetric.of(RouteMetric.MTU, 1300, true))
                .metric(RouteMetric.of(RouteMetric.HOPLIMIT, 10, false)).metric(RouteMetric.of(RouteMetric.INITCWND, 5, false))
                .metric(RouteMetric.of(RouteMetric.INITRWND, 6, false)).metric(RouteMetric.of(RouteMetric.WINDOW, 1000, false))
                .metric(RouteMetric.of(RouteMetric.RTT, 1600, false)).metric(RouteMetric.of(RouteMetric.RTTVAR, 800, false))
                .metric(RouteMetric.of(RouteMetric.REORDERING, 3, false)).metric(RouteMetric.of(RouteMetric.CWND, 7, false))
                .metric(RouteMetric.of(RouteMetric.SSTHRESH, 8, false)).metric(RouteMetric.of(RouteMetric.RTO_MIN, 200, false))
                .metric(RouteMetric.of(RouteMetric.FEATURES, RouteMetric.FEATURE_ECN, false))
                .metric(RouteMetric.of(RouteMetric.QUICKACK, 1, false))
                .metric(RouteMetric.of(RouteMetric.FASTOPEN_NO_COOKIE, 1, false))
                .metric(RouteMetric.congestionControl("cubic", false)),
                "198.18.72.0/24 via 198.18.1.254 dev va proto keepalived mtu lock 1300 window 1000 rtt 200ms rttvar 200ms"
                        + " ssthresh 8 cwnd 7 reordering 3 hoplimit 10 initcwnd 5 features ecn rto_min 200ms initrwnd 6"
                        + " quickack 1 congctl cubic fastopen_no_cookie 1"));
        c.add(route(v4("198.18.73.0/24").ifindex(va).scope(InterfaceAddress.SCOPE_LINK).tos(0x10),
                "198.18.73.0/24 tos 0x10 dev va proto keepalived scope link"));
        c.add(route(v4(null).gateway(gw).ifindex(va).table(101), "default via 198.18.1.254 dev va table 101 proto keepalived"));
        c.add(route(v4("198.18.74.0/24").nexthop(Nexthop.of(gw, va, 1)).nexthop(Nexthop.of(ip("198.18.1.253"), va, 2)),
                "198.18.74.0/24 proto keepalived nexthop via 198.18.1.254 dev va weight 1 nexthop via 198.18.1.253 dev va"
                        + " weight 2"));
        c.add(route(v4("198.18.75.0/24").gateway(gw).ifindex(va).realms(5),
                "198.18.75.0/24 via 198.18.1.254 dev va proto keepalived realm 5"));
        c.add(route(v4("198.18.76.0/24").ifindex(va).metric(7), "198.18.76.0/24 dev va proto keepalived metric 7"));
        c.add(route(v4("198.18.78.0/24").ifindex(va).protocol(Route.PROTOCOL_BOOT), "198.18.78.0/24 dev va"));
        c.add(route(v4("198.18.79.0/24").ifindex(va).scope(InterfaceAddress.SCOPE_HOST),
                "198.18.79.0/24 dev va proto keepalived scope host"));
        c.add(route(v4("198.18.80.0/24").ifindex(va).table(Route.TABLE_DEFAULT),
                "198.18.80.0/24 dev va table default proto keepalived"));
        c.add(route(v4("198.18.81.0/24").ifindex(va).table(1000), "198.18.81.0/24 dev va table 1000 proto keepalived"));
        c.add(route(v4("198.18.82.0/24").gateway(gw6).ifindex(va),
                "198.18.82.0/24 via inet6 2001:db8:1::fe dev va proto keepalived"));
        c.add(route(v4("198.18.83.0/24").nexthop(Nexthop.of(gw6, va, 1)).nexthop(Nexthop.of(ip("2001:db8:1::fd"), va, 4)),
                "198.18.83.0/24 proto keepalived nexthop via inet6 2001:db8:1::fe dev va weight 1 nexthop via inet6"
                        + " 2001:db8:1::fd dev va weight 4"));
        c.add(route(v6("2001:db8:60::/64").gateway(gw6).ifindex(va).metric(10),
                "2001:db8:60::/64 via 2001:db8:1::fe dev va proto keepalived metric 10 pref medium"));
        c.add(route(v6("2001:db8:61::/64").ifindex(va).pref(1), "2001:db8:61::/64 dev va proto keepalived metric 1024 pref high"));
        c.add(new RouteCase("expires", v6("2001:db8:62::/64").gateway(gw6).ifindex(va).expires(100).build(),
                Pattern.compile(Pattern.quote("2001:db8:62::/64 via 2001:db8:1::fe dev va proto keepalived metric 1024 expires ")
                        + "\\d+sec pref medium")));
        c.add(route(v6("2001:db8:63::/64").type(Route.TYPE_BLACKHOLE),
                "blackhole 2001:db8:63::/64 dev lo proto keepalived metric 1024 pref medium"));
        c.add(route(v6("2001:db8:64::/64").nexthop(Nexthop.of(gw6, va, 3)).nexthop(Nexthop.of(ip("2001:db8:1::fd"), va, 1)),
                "2001:db8:64::/64 proto keepalived metric 1024 pref medium nexthop via 2001:db8:1::fe dev va weight 3"
                        + " nexthop via 2001:db8:1::fd dev va weight 1"));
        c.add(route(v6("2001:db8:65::/64").source(net("2001:db8:1::/64")).gateway(gw6).ifindex(va),
                "2001:db8:65::/64 from 2001:db8:1::/64 via 2001:db8:1::fe dev va proto keepalived metric 1024 pref medium"));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyRouteKeywordAddsShowsAndRemoves() {
        return routeCases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            String[] list = c.route().family() == IpFamily.INET ? new String[] {"route", "show", "table", "all"}
                    : new String[] {"-6", "route", "show", "table", "all"};
            try {
                assertTrue(manager.addRoute(lab.nsA(), c.route()), "added");
                assertFalse(manager.addRoute(lab.nsA(), c.route()), "adding what exists reports false");
                List<String> lines = show(list);
                assertTrue(shown(lines, c.expected()), () -> "expected " + c.expected() + " in " + lines);
                assertTrue(manager.removeRoute(lab.nsA(), c.route()), "removed");
                assertFalse(shown(show(list), c.expected()), "gone");
                assertFalse(manager.removeRoute(lab.nsA(), c.route()), "removing what is gone reports false");
            } finally {
                manager.removeRoute(lab.nsA(), c.route());
            }
        }));
    }

    private record RuleCase(String name, Rule rule, Pattern expected) {
    }

    private static RuleCase rule(Rule.Builder b, String expected) {
        return new RuleCase(expected, b.build(), Pattern.compile(Pattern.quote(expected)));
    }

    private static Rule.Builder r4() {
        return Rule.builder(IpFamily.INET);
    }

    private static List<RuleCase> ruleCases() {
        IpPrefix all = net("0.0.0.0/0");
        List<RuleCase> c = new ArrayList<>();
        c.add(rule(r4().from(net("198.18.1.0/24")).table(100).priority(100), "100: from 198.18.1.0/24 lookup 100 proto keepalived"));
        c.add(rule(r4().to(net("198.18.90.0/24")).table(100).priority(101), "101: from all to 198.18.90.0/24 lookup 100 proto keepalived"));
        c.add(rule(r4().from(all).fwmark(0x10, 0xff).table(102).priority(200), "200: from all fwmark 0x10/0xff lookup 102 proto keepalived"));
        c.add(rule(r4().from(all).fwmark(7, -1).table(102).priority(201), "201: from all fwmark 0x7 lookup 102 proto keepalived"));
        c.add(rule(r4().from(net("198.18.1.0/24")).iif("va").oif("lo").tos(0x10).table(103).priority(300),
                "300: from 198.18.1.0/24 tos 0x10 iif va oif lo lookup 103 proto keepalived"));
        c.add(rule(Rule.builder(IpFamily.INET6).to(net("2001:db8:90::/64")).table(104).priority(400),
                "400: from all to 2001:db8:90::/64 lookup 104 proto keepalived"));
        c.add(rule(r4().from(net("198.18.1.0/24")).suppressPrefixLength(0).table(106).priority(600),
                "600: from 198.18.1.0/24 lookup 106 suppress_prefixlength 0 proto keepalived"));
        c.add(rule(r4().invert(true).from(net("198.18.52.0/24")).table(107).priority(700),
                "700: not from 198.18.52.0/24 lookup 107 proto keepalived"));
        c.add(rule(r4().from(all).gotoTarget(32766).priority(800), "800: from all goto 32766 proto keepalived"));
        c.add(rule(r4().from(all).uidRange(new Rule.Range(1000, 2000)).table(108).priority(900),
                "900: from all uidrange 1000-2000 lookup 108 proto keepalived"));
        c.add(rule(r4().from(all).ipProto(17).sport(new Rule.Range(100, 200)).dport(new Rule.Range(53, 53)).table(109)
                .priority(1000), "1000: from all ipproto udp sport 100-200 dport 53 lookup 109 proto keepalived"));
        c.add(rule(r4().from(all).action(Rule.ACTION_BLACKHOLE).priority(1100), "1100: from all blackhole proto keepalived"));
        c.add(rule(r4().from(all).action(Rule.ACTION_UNREACHABLE).priority(1101), "1101: from all unreachable proto keepalived"));
        c.add(rule(r4().from(all).action(Rule.ACTION_PROHIBIT).priority(1102), "1102: from all prohibit proto keepalived"));
        c.add(rule(r4().from(all).action(Rule.ACTION_NOP).priority(1103), "1103: from all nop proto keepalived"));
        c.add(rule(r4().from(all).l3mdev().priority(1104), "1104: from all lookup [l3mdev-table] proto keepalived"));
        c.add(rule(r4().from(all).table(Route.TABLE_MAIN).priority(1105), "1105: from all lookup main proto keepalived"));
        c.add(rule(r4().from(all).realms(3 << 16 | 4).table(111).priority(1107), "1107: from all lookup 111 realms 3/4 proto keepalived"));
        c.add(rule(r4().from(all).suppressIfgroup(1).table(113).priority(1109),
                "1109: from all lookup 113 suppress_ifgroup 1 proto keepalived"));
        c.add(rule(r4().from(all).table(5000).priority(1110), "1110: from all lookup 5000 proto keepalived"));
        c.add(rule(Rule.builder(IpFamily.INET6).table(116).priority(1111), "1111: from all lookup 116 proto keepalived"));
        c.add(rule(r4().from(all).ipProto(6).table(117).priority(1112), "1112: from all ipproto tcp lookup 117 proto keepalived"));
        c.add(rule(r4().from(all).table(118).protocol(Route.PROTOCOL_STATIC).priority(1114), "1114: from all lookup 118 proto static"));
        c.add(new RuleCase("kernel-chosen preference", r4().from(net("198.18.53.0/24")).table(115).build(),
                Pattern.compile("\\d+: " + Pattern.quote("from 198.18.53.0/24 lookup 115 proto keepalived"))));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyRuleKeywordAddsShowsAndRemoves() {
        return ruleCases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            String[] list = c.rule().family() == IpFamily.INET ? new String[] {"rule", "show"}
                    : new String[] {"-6", "rule", "show"};
            try {
                assertTrue(manager.addRule(lab.nsA(), c.rule()), "added");
                if (c.rule().priority() >= 0) {
                    // without a preference the kernel gives each add a new one: not a duplicate (hence keepalived's
                    // automatic preferences)
                    assertFalse(manager.addRule(lab.nsA(), c.rule()), "adding what exists reports false");
                }
                List<String> lines = show(list);
                assertTrue(shown(lines, c.expected()), () -> "expected " + c.expected() + " in " + lines);
                assertEquals(1, lines.stream().filter(l -> c.expected().matcher(l).matches()).count(), "once");
                assertTrue(manager.removeRule(lab.nsA(), c.rule()), "removed");
                assertFalse(shown(show(list), c.expected()), "gone");
                assertFalse(manager.removeRule(lab.nsA(), c.rule()), "removing what is gone reports false");
            } finally {
                manager.removeRule(lab.nsA(), c.rule());
            }
        }));
    }

    @Test
    void routeRemovalMatchesTheGatewayAndKeepsOtherRoutes() throws Exception {
        Route a = v4("198.18.90.0/24").gateway(ip("198.18.1.254")).ifindex(va).build();
        Route b = a.toBuilder().gateway(ip("198.18.1.253")).build();
        try {
            assertTrue(manager.addRoute(lab.nsA(), a));
            assertTrue(manager.addRoute(lab.nsA(), b), "differs only in its gateway: added beside (prepend)");
            assertTrue(manager.removeRoute(lab.nsA(), a));
            List<String> lines = show("route", "show", "table", "all");
            assertTrue(lines.contains("198.18.90.0/24 via 198.18.1.253 dev va proto keepalived"), lines::toString);
            assertFalse(lines.contains("198.18.90.0/24 via 198.18.1.254 dev va proto keepalived"), lines::toString);
            Route foreign = b.toBuilder().protocol(Route.PROTOCOL_STATIC).build();
            assertFalse(manager.removeRoute(lab.nsA(), foreign), "another protocol's route is not ours to remove");
        } finally {
            manager.removeRoute(lab.nsA(), a);
            manager.removeRoute(lab.nsA(), b);
        }
    }

    @Test
    void kernelRefusalsCarryTheRouteAndTheReason() throws IOException {
        Route bad = v4("198.18.91.0/24").gateway(ip("198.18.200.1")).ifindex(va).build();
        IOException e = assertThrows(IOException.class, () -> manager.addRoute(lab.nsA(), bad));
        assertTrue(e.getMessage().contains("198.18.91.0/24 via 198.18.200.1"), e.getMessage());
        Route noDevice = v4("198.18.92.0/24").ifindex(9999).build();
        assertThrows(IOException.class, () -> manager.addRoute(lab.nsA(), noDevice));
        assertFalse(show("route", "show", "table", "all").stream().anyMatch(l -> l.contains("198.18.9")), "nothing");
    }
}
