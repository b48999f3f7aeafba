package org.calpe.config.keepalived.schema.vrrp;

import org.calpe.config.api.model.IpAddressEntry;
import org.calpe.config.api.model.RouteEntry;
import static org.calpe.config.keepalived.schema.vrrp.VrrpParsing.has;
import static org.calpe.config.keepalived.schema.vrrp.VrrpParsing.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.calpe.config.api.ParseResult;
import org.calpe.config.api.Severity;
import org.calpe.config.api.model.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VrrpAddressTest {
    @TempDir
    Path tmp;

    private static String withVips(String... vips) {
        return "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n virtual_ipaddress {\n  "
                + String.join("\n  ", vips) + "\n }\n}\n";
    }

    private List<IpAddressEntry> vips(ParseResult r) {
        Block b = r.config().orElseThrow().vrrpInstances().get(0).block("virtual_ipaddress").orElseThrow();
        return b.items().map(i -> (IpAddressEntry) i.value()).toList();
    }

    @Test
    void vipOptionsAreTyped() {
        ParseResult r = parse(tmp, withVips("198.18.0.11/24 brd + dev eth1 scope link label eth1:x no_track",
                "198.18.0.12"));
        assertEquals(0, r.exitCode(), () -> VrrpParsing.messages(r).toString());
        IpAddressEntry e = vips(r).get(0);
        assertEquals("198.18.0.11", e.address());
        assertEquals(24, e.prefix());
        assertEquals("eth1", e.option("dev"));
        assertEquals("link", e.option("scope"));
        assertTrue(e.flag("no_track"));
        assertEquals(32, vips(r).get(1).prefix());
    }

    @Test
    void badVipsAreDroppedWithKeepalivedsMessages() {
        assertTrue(has(parse(tmp, withVips("198.18.0.300/24")), Severity.ERROR, "VRRP parsed invalid IP"));
        assertTrue(has(parse(tmp, withVips("198.18.0.10/24 scope planet")), Severity.ERROR, "Invalid scope 'planet'"));
        assertTrue(has(parse(tmp, withVips("198.18.0.10/24 colour red")), Severity.ERROR,
                "Unknown configuration entry 'colour'"));
        assertTrue(has(parse(tmp, withVips("198.18.0.10/24 dev eth9")), Severity.WARNING,
                "interface eth9 for ip address"));
        assertTrue(has(parse(tmp, withVips("fe80::1/64", "2001:db8::1/64 brd 2001:db8::ff")), Severity.ERROR,
                "broadcast"));
        ParseResult mixed = parse(tmp, withVips("198.18.0.10/24", "2001:db8::1/64"));
        assertTrue(has(mixed, Severity.ERROR, "address family must match VRRP instance"));
    }

    @Test
    void prefixTooLongIsClamped() {
        ParseResult r = parse(tmp, withVips("198.18.0.10/33"));
        assertTrue(has(r, Severity.ERROR, "Invalid address prefix len 33"));
        assertEquals(32, vips(r).get(0).prefix());
    }

    @Test
    void routesNeedDevWhenTracked() {
        String routes = "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n virtual_ipaddress {\n"
                + "  198.18.0.10/24\n }\n virtual_routes {\n  %s\n }\n}\n";
        assertEquals(0, parse(tmp, routes.formatted("198.18.10.0/24 via 198.18.0.254 dev eth0")).exitCode());
        assertEquals(0, parse(tmp, routes.formatted("blackhole 198.18.10.0/24 no_track")).exitCode());
        assertTrue(has(parse(tmp, routes.formatted("198.18.10.0/24 via 198.18.0.254")), Severity.WARNING,
                "cannot track route"));
        ParseResult gw = parse(tmp, routes.formatted("198.18.10.0/24 gw 198.18.0.254 dev eth0"));
        assertTrue(has(gw, Severity.ERROR, "\"gw\" for routes is deprecated"));
        RouteEntry e = (RouteEntry) gw.config().orElseThrow().vrrpInstances().get(0).block("virtual_routes")
                .orElseThrow().items().findFirst().orElseThrow().value();
        assertTrue(e.words().contains("via"));
        assertFalse(e.words().contains("gw"));
        assertTrue(has(parse(tmp, routes.formatted("198.18.10.0/24 via 2001:db8::1 dev eth0")), Severity.ERROR,
                "Cannot mix IPv4 and IPv6"));
    }

    private static RouteEntry firstRoute(ParseResult r) {
        return (RouteEntry) r.config().orElseThrow().vrrpInstances().get(0).block("virtual_routes")
                .orElseThrow().items().findFirst().orElseThrow().value();
    }

    /** The answers of keepalived 2.2.7's {@code -t} for the same lines (checked in a namespace with eth0). */
    @Test
    void routeLocksSourcePrefixesAndGatewayFamiliesAsKeepalived() {
        String routes = "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n virtual_ipaddress {\n"
                + "  198.18.0.10/24\n }\n virtual_routes {\n  %s\n }\n}\n";
        ParseResult mtu = parse(tmp, routes.formatted("198.18.5.0/24 dev eth0 mtu lock 1400 advmss lock 1000"));
        assertEquals(0, mtu.exitCode(), () -> VrrpParsing.messages(mtu).toString());
        assertEquals(List.of("198.18.5.0/24", "dev", "eth0", "mtu", "lock", "1400", "advmss", "lock", "1000"),
                firstRoute(mtu).words());
        assertEquals(0, parse(tmp, routes.formatted("198.18.5.0/24 dev eth0 congctl lock cubic")).exitCode());
        ParseResult window = parse(tmp, routes.formatted("198.18.5.0/24 dev eth0 window lock 5"));
        assertTrue(has(window, Severity.ERROR, "invalid number 'lock'"));
        assertTrue(has(window, Severity.ERROR, "Invalid window value lock specified for route"));
        assertTrue(has(parse(tmp, routes.formatted("198.18.5.0/24 dev eth0 hoplimit lock 5")), Severity.ERROR,
                "Invalid hoplimit lock specified for route"));
        assertEquals(2, parse(tmp, routes.formatted("198.18.6.0/24 dev eth0 mtu lock")).exitCode());

        ParseResult from = parse(tmp, routes.formatted("2001:db8:5::/64 from 2001:db8:6::/64 dev eth0"));
        assertEquals(0, from.exitCode(), () -> VrrpParsing.messages(from).toString());
        assertEquals(List.of("2001:db8:5::/64", "from", "2001:db8:6::/64", "dev", "eth0"), firstRoute(from).words());
        assertEquals(6, firstRoute(from).family());
        assertTrue(has(parse(tmp, routes.formatted("198.18.8.0/24 from 198.18.0.0/24 dev eth0")), Severity.ERROR,
                "route from address only supported with IPv6 (198.18.0.0/24)"));
        assertTrue(has(parse(tmp, routes.formatted("2001:db8:7::/64 from 198.18.0.0/24 dev eth0")), Severity.ERROR,
                "route from address only supported with IPv6 (198.18.0.0/24)"));
        assertTrue(has(parse(tmp, routes.formatted("2001:db8:7::/64 from bogus dev eth0")), Severity.ERROR,
                "invalid route from address bogus"));

        ParseResult via6 = parse(tmp, routes.formatted("2001:db8:8::/64 via inet6 2001:db8::1 dev eth0"));
        assertEquals(0, via6.exitCode(), () -> VrrpParsing.messages(via6).toString());
        assertEquals(List.of("2001:db8:8::/64", "via", "inet6", "2001:db8::1", "dev", "eth0"),
                firstRoute(via6).words());
        assertEquals(0, parse(tmp, routes.formatted("198.18.9.0/24 via inet 198.18.0.2 dev eth0")).exitCode());
        assertTrue(has(parse(tmp, routes.formatted("198.18.10.0/24 via inet6 fe80::1 dev eth0")), Severity.ERROR,
                "Cannot mix IPv4 and IPv6 addresses for route"));
    }

    @Test
    void rulesNeedAnActionAndGetAPreference() {
        String rules = "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n virtual_ipaddress {\n"
                + "  198.18.0.10/24\n }\n virtual_rules {\n  %s\n }\n}\n";
        assertEquals(0, parse(tmp, rules.formatted("from 198.18.0.0/24 table 100 preference 10")).exitCode());
        ParseResult auto = parse(tmp, rules.formatted("from 198.18.0.0/24 table 100\n  from 198.18.1.0/24 table 101"));
        assertTrue(has(auto, Severity.WARNING, "setting to 16384"));
        assertTrue(has(auto, Severity.WARNING, "setting to 16383"));
        // the preference keepalived chose is part of the rule's line, so the runtime installs the same rule
        List<List<String>> words = auto.config().orElseThrow().vrrpInstances().get(0).block("virtual_rules")
                .orElseThrow().items().map(i -> i.words()).toList();
        assertEquals(List.of("from", "198.18.0.0/24", "table", "100", "preference", "16384"), words.get(0));
        assertEquals(List.of("from", "198.18.1.0/24", "table", "101", "preference", "16383"), words.get(1));
        assertTrue(has(parse(tmp, rules.formatted("from 198.18.0.0/24 preference 10")), Severity.ERROR,
                "No action specified for rule"));
        assertTrue(has(parse(tmp, rules.formatted("from all table 1 dport 53 preference 10")), Severity.ERROR,
                "invalid dport range 53"));
    }

    @Test
    void staticTrackGroupMustBeDeclaredFirst() {
        String inst = withVips("198.18.0.10/24");
        assertTrue(has(parse(tmp, "static_ipaddress {\n 198.18.5.1/24 dev eth1 track_group TG\n}\n" + inst),
                Severity.ERROR, "track_group TG not found"));
        assertEquals(0, parse(tmp, "track_group TG {\n group {\n  VI_1\n }\n}\nstatic_ipaddress {\n"
                + " 198.18.5.1/24 dev eth1 track_group TG\n}\n" + inst).exitCode());
    }
}
