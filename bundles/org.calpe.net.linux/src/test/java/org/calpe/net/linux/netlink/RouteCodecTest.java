package org.calpe.net.linux.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.HexFormat;

import org.calpe.net.api.IpFamily;
import org.calpe.net.api.IpPrefix;
import org.calpe.net.api.Nexthop;
import org.calpe.net.api.Route;
import org.calpe.net.api.RouteMetric;
import org.calpe.net.api.Rule;
import org.junit.jupiter.api.Test;

/**
 * Golden messages: what keepalived 2.2.7 sent for the same virtual_routes / virtual_rules entries, captured with
 * {@code strace -e trace=sendmsg -e write=all} in a namespace where ka0 has ifindex 3 and ka1 ifindex 2 (see
 * {@code src/test/resources/keepalived-route-rule-golden.conf}). Only the sequence number is ours.
 */
class RouteCodecTest {

    private static final int KA0 = 3;
    private static final int KA1 = 2;

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static IpPrefix prefix(String s) throws Exception {
        String[] p = s.split("/");
        return new IpPrefix(ip(p[0]), Integer.parseInt(p[1]));
    }

    private static int seq(String littleEndianHex) {
        return Integer.reverseBytes((int) Long.parseLong(littleEndianHex, 16));
    }

    /** {@code 198.18.60.0/24 via 198.18.50.254 dev ka0 table 1000 metric 5 src 198.18.50.1}. */
    @Test
    void routeWithBigTablePrefsrcGatewayOifMetric() throws Exception {
        Route r = Route.builder(IpFamily.INET).destination(prefix("198.18.60.0/24")).gateway(ip("198.18.50.254"))
                .ifindex(KA0).table(1000).metric(5).preferredSource(ip("198.18.50.1")).build();
        assertEquals("4c00000018000504a1a9026b0000000002180000001200010000000008000f00e803000008000100c6123c00080007"
                + "00c612320108000500c61232fe08000400030000000800060005000000",
                hex(RouteCodec.newRoute(r, seq("a1a9026b"))));
        assertEquals("4c00000019000500ada9026b00000000021800000012ff000000000008000f00e803000008000100c6123c00080007"
                + "00c612320108000500c61232fe08000400030000000800060005000000",
                hex(RouteCodec.deleteRoute(r, seq("ada9026b"))));
    }

    /**
     * {@code 198.18.72.0/24 via 198.18.50.254 dev ka0 onlink mtu lock 1300 advmss 1360 congctl cubic}; keepalived
     * leaves the three pad bytes after "cubic" uninitialised (7f0000 in the capture), we send zeros.
     */
    @Test
    void routeWithOnlinkAndMetricsInKeepalivedsOrder() throws Exception {
        Route r = Route.builder(IpFamily.INET).destination(prefix("198.18.72.0/24")).gateway(ip("198.18.50.254"))
                .ifindex(KA0).flags(Route.FLAG_ONLINK).metric(RouteMetric.of(RouteMetric.MTU, 1300, true))
                .metric(RouteMetric.of(RouteMetric.ADVMSS, 1360, false))
                .metric(RouteMetric.congestionControl("cubic", false)).build();
        String tail = "0800010004000000";
        assertEquals("5c00000018000504a2a9026b0000000002180000fe1200010400000008000100c612480008000500c61232fe08000"
                + "40003000000280008000900100063756269630000000800020014050000080008005005" + "0000" + tail,
                hex(RouteCodec.newRoute(r, seq("a2a9026b"))));
        assertEquals("5c00000019000500aea9026b0000000002180000fe12ff000400000008000100c612480008000500c61232fe08000"
                + "40003000000280008000900100063756269630000000800020014050000080008005005" + "0000" + tail,
                hex(RouteCodec.deleteRoute(r, seq("aea9026b"))));
    }

    /** {@code 198.18.74.0/24 nexthop via 198.18.50.254 dev ka0 weight 1 nexthop via 198.18.51.254 dev ka1 weight 2}. */
    @Test
    void multipathRoute() throws Exception {
        Route r = Route.builder(IpFamily.INET).destination(prefix("198.18.74.0/24"))
                .nexthop(Nexthop.of(ip("198.18.50.254"), KA0, 1)).nexthop(Nexthop.of(ip("198.18.51.254"), KA1, 2))
                .build();
        assertEquals("4800000018000504a3a9026b0000000002180000fe1200010000000008000100c6124a002400090010000000030000"
                + "0008000500c61232fe100000010200000008000500c61233fe", hex(RouteCodec.newRoute(r, seq("a3a9026b"))));
        assertEquals("4800000019000500afa9026b0000000002180000fe12ff000000000008000100c6124a002400090010000000030000"
                + "0008000500c61232fe100000010200000008000500c61233fe", hex(RouteCodec.deleteRoute(r, seq("afa9026b"))));
    }

    /** {@code 2001:db8:60::/64 via 2001:db8:50::fe dev ka0 metric 10 pref high}. */
    @Test
    void ipv6RouteWithPref() throws Exception {
        Route r = Route.builder(IpFamily.INET6).destination(prefix("2001:db8:60::/64")).gateway(ip("2001:db8:50::fe"))
                .ifindex(KA0).metric(10).pref(1).build();
        assertEquals("5c00000018000504a4a9026b000000000a400000fe120001000000001400010020010db8006000000000000000000000"
                + "1400050020010db80050000000000000000000fe0800040003000000080006000a0000000500140001000000",
                hex(RouteCodec.newRoute(r, seq("a4a9026b"))));
    }

    /** {@code from 198.18.50.0/24 to 198.18.90.0/24 table 100 preference 100 fwmark 0x10/0xff iif ka0 oif ka1 tos 0x10 not}. */
    @Test
    void ruleWithAddressesMarkInterfacesTosAndNot() throws Exception {
        Rule r = Rule.builder(IpFamily.INET).from(prefix("198.18.50.0/24")).to(prefix("198.18.90.0/24")).table(100)
                .priority(100).fwmark(0x10, 0xff).iif("ka0").oif("ka1").tos(0x10).invert(true).build();
        String body = "02181810640000010200000008000200c612320008000100c6125a00080006006400000008000a00100000000800100"
                + "0ff000000080003006b613000080011006b6131000500150012000000";
        assertEquals("5c00000020000506a5a9026b00000000" + body, hex(RouteCodec.newRule(r, seq("a5a9026b"))));
        assertEquals("5c00000021000500a9a9026b00000000" + body, hex(RouteCodec.deleteRule(r, seq("a9a9026b"))));
    }

    /** {@code from all table 109 ipproto udp sport 100-200 dport 53-53 uidrange 1000-2000 preference 1000}. */
    @Test
    void ruleWithPortsUidsAndIpProto() throws Exception {
        Rule r = Rule.builder(IpFamily.INET).from(new IpPrefix(ip("0.0.0.0"), 0)).table(109).ipProto(17)
                .sport(new Rule.Range(100, 200)).dport(new Rule.Range(53, 53)).uidRange(new Rule.Range(1000, 2000))
                .priority(1000).build();
        assertEquals("5800000020000506a6a9026b00000000020000006d00000100000000080002000000000008000600e80300000c00140"
                + "0e8030000d007000005001500120000000500160011000000080017006400c8000800180035003500",
                hex(RouteCodec.newRule(r, seq("a6a9026b"))));
    }

    /** {@code to 2001:db8:90::/64 goto 32766 preference 400}. */
    @Test
    void ipv6GotoRule() throws Exception {
        Rule r = Rule.builder(IpFamily.INET6).to(prefix("2001:db8:90::/64")).gotoTarget(32766).priority(400).build();
        assertEquals("4800000020000506a7a9026b000000000a40000000000002000000001400010020010db800900000000000000000000"
                + "00800060090010000050015001200000008000400fe7f0000", hex(RouteCodec.newRule(r, seq("a7a9026b"))));
    }

    /** {@code from all l3mdev preference 1104}. */
    @Test
    void l3mdevRule() throws Exception {
        Rule r = Rule.builder(IpFamily.INET).from(new IpPrefix(ip("0.0.0.0"), 0)).l3mdev().priority(1104).build();
        assertEquals("3c00000020000506a8a9026b0000000002000000000000010000000008000200000000000800060050040000050013"
                + "00010000000500150012000000", hex(RouteCodec.newRule(r, seq("a8a9026b"))));
    }
}
