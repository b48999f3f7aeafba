package org.calpe.net.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class RouteValuesTest {

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void routeDefaultsAreKeepalivedsAndValuesAreChecked() throws Exception {
        Route r = Route.builder(IpFamily.INET).destination(new IpPrefix(ip("198.18.0.0"), 24)).ifindex(2).build();
        assertEquals(Route.TABLE_MAIN, r.table());
        assertEquals(Route.PROTOCOL_KEEPALIVED, r.protocol());
        assertEquals(InterfaceAddress.SCOPE_UNIVERSE, r.scope());
        assertEquals(Route.TYPE_UNICAST, r.type());
        assertEquals(-1, r.metric());
        assertEquals(r, r.toBuilder().build());
        assertEquals(List.of(RouteMetric.of(RouteMetric.MTU, 1300, false)), r.toBuilder()
                .metric(RouteMetric.of(RouteMetric.MTU, 1400, true)).metric(RouteMetric.of(RouteMetric.MTU, 1300, false))
                .build().metrics(), "one value per metric kind");
        assertThrows(IllegalArgumentException.class, () -> Route.builder(IpFamily.INET6)
                .destination(new IpPrefix(ip("198.18.0.0"), 24)).build());
        assertThrows(IllegalArgumentException.class, () -> r.toBuilder().table(0).build());
        assertThrows(IllegalArgumentException.class, () -> r.toBuilder().type(11).build());
        assertThrows(IllegalArgumentException.class, () -> r.toBuilder().source(new IpPrefix(ip("198.18.1.0"), 24))
                .build(), "from is IPv6 only");
        assertThrows(IllegalArgumentException.class, () -> r.toBuilder().preferredSource(ip("2001:db8::1")).build());
        assertThrows(IllegalArgumentException.class, () -> new IpPrefix(ip("198.18.0.0"), 33));
        assertThrows(IllegalArgumentException.class, () -> Nexthop.of(ip("198.18.0.1"), 2, 0));
        assertThrows(IllegalArgumentException.class, () -> Nexthop.of(null, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> RouteMetric.of(RouteMetric.CC_ALGO, 0, false));
        assertThrows(IllegalArgumentException.class, () -> RouteMetric.of(1, 0, false), "RTAX_LOCK is not a metric");
        assertEquals("198.18.0.0/24", r.destination().toString());
    }

    @Test
    void ruleActionsAndRanges() throws Exception {
        Rule r = Rule.builder(IpFamily.INET).table(100).priority(5).build();
        assertEquals(Rule.ACTION_TO_TABLE, r.action());
        assertEquals(Route.PROTOCOL_KEEPALIVED, r.protocol());
        assertEquals(-1, r.gotoTarget());
        Rule l3 = Rule.builder(IpFamily.INET).l3mdev().build();
        assertEquals(0, l3.table());
        assertEquals(Rule.ACTION_GOTO, Rule.builder(IpFamily.INET).gotoTarget(32766).build().action());
        assertThrows(IllegalArgumentException.class, () -> Rule.builder(IpFamily.INET).build(), "no action");
        assertThrows(IllegalArgumentException.class, () -> Rule.builder(IpFamily.INET).table(0).build());
        assertThrows(IllegalArgumentException.class, () -> Rule.builder(IpFamily.INET6)
                .from(new IpPrefix(ip("198.18.0.0"), 24)).table(5).build());
        assertThrows(IllegalArgumentException.class, () -> Rule.builder(IpFamily.INET).table(5)
                .sport(new Rule.Range(1, 70000)).build());
        assertThrows(IllegalArgumentException.class, () -> new Rule.Range(5, 4));
        assertThrows(IllegalArgumentException.class, () -> Rule.builder(IpFamily.INET).table(5).fwmark(-1, 0xff)
                .build(), "a mask needs a mark");
        assertEquals("1000-2000", new Rule.Range(1000, 2000).toString());
    }
}
