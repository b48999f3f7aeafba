package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.calpe.net.api.InterfaceAddress;
import org.calpe.net.api.LinkInfo;
import org.junit.jupiter.api.Test;

class StartGateTest {
    private static final int UP = LinkInfo.FLAG_UP | LinkInfo.FLAG_RUNNING;

    private static InstanceSpec spec(String dev, String vip) {
        Map<String, Object> p = new HashMap<>();
        p.put("calpe.name", "VI_1");
        p.put("interface", "eth0");
        p.put("virtual_router_id", 51);
        p.put("priority", 100);
        p.put("advert_int", 1.0);
        p.put("state", "BACKUP");
        p.put("virtual_ipaddress", new String[] {vip + (dev == null ? "" : " dev " + dev)});
        return InstanceSpec.parse(p, Map.of());
    }

    private static Function<String, Optional<LinkInfo>> links(LinkInfo... all) {
        return name -> List.of(all).stream().filter(l -> l.name().equals(name)).findFirst();
    }

    private static LinkInfo link(int index, String name, int flags) {
        return new LinkInfo(index, name, null, flags, 1500, 0);
    }

    private static InterfaceAddress addr(int ifindex, String a, int prefix, int flags) throws Exception {
        return new InterfaceAddress(ifindex, InetAddress.getByName(a), prefix, null, null, 0, false, false, flags);
    }

    @Test
    void missingInterfaceWaitsWithKeepalivedsThreeLines() {
        StartGate.Verdict v = StartGate.check(spec(null, "198.18.9.1/32"), links(), List.of());
        assertFalse(v.ready());
        assertEquals(0, v.ifindex());
        assertEquals(List.of("(VI_1): entering FAULT state (interface eth0 down)",
                "(VI_1) entering FAULT state (no IPv4 address for interface)", "(VI_1) entering FAULT state"),
                v.faultLines());
        assertEquals("interface eth0 does not exist", v.reason());
    }

    @Test
    void interfaceUpWithoutIpv4AddressWaits() throws Exception {
        StartGate.Verdict v = StartGate.check(spec(null, "198.18.9.1/32"), links(link(4, "eth0", UP)),
                List.of(addr(4, "fe80::1", 64, 0), addr(5, "198.18.2.1", 24, 0)));
        assertFalse(v.ready());
        assertEquals(4, v.ifindex());
        assertEquals(List.of("(VI_1) entering FAULT state (no IPv4 address for interface)",
                "(VI_1) entering FAULT state"), v.faultLines());
    }

    @Test
    void secondaryAddressAloneIsNotEnough() throws Exception {
        assertFalse(StartGate.check(spec(null, "198.18.9.1/32"), links(link(4, "eth0", UP)),
                List.of(addr(4, "198.18.2.9", 24, InterfaceAddress.FLAG_SECONDARY))).ready());
    }

    @Test
    void primaryAddressStartsEvenWhenTheLinkIsDown() throws Exception {
        // a link that exists but is down: the instance starts, its own interface tracker puts it in FAULT
        assertTrue(StartGate.check(spec(null, "198.18.9.1/32"), links(link(4, "eth0", LinkInfo.FLAG_UP)),
                List.of(addr(4, "198.18.2.1", 24, 0))).ready());
    }

    @Test
    void ipv6NeedsALinkLocalAddressThatIsNoLongerTentative() throws Exception {
        InstanceSpec v6 = spec(null, "2001:db8:9::1/64");
        LinkInfo eth0 = link(4, "eth0", UP);
        StartGate.Verdict tentative = StartGate.check(v6, links(eth0),
                List.of(addr(4, "fe80::1", 64, InterfaceAddress.FLAG_TENTATIVE), addr(4, "198.18.2.1", 24, 0)));
        assertFalse(tentative.ready());
        assertEquals(List.of("(VI_1) entering FAULT state (no IPv6 address for interface)",
                "(VI_1) entering FAULT state"), tentative.faultLines());
        assertFalse(StartGate.check(v6, links(eth0),
                List.of(addr(4, "fe80::1", 64, InterfaceAddress.FLAG_DADFAILED))).ready());
        assertFalse(StartGate.check(v6, links(eth0), List.of(addr(4, "2001:db8::5", 64, 0))).ready());
        assertTrue(StartGate.check(v6, links(eth0), List.of(addr(4, "fe80::1", 64, 0))).ready());
    }

    @Test
    void configuredSourceAddressNeedsNoAddressOnTheInterface() {
        Map<String, Object> p = new HashMap<>();
        p.put("calpe.name", "VI_1");
        p.put("interface", "eth0");
        p.put("virtual_router_id", 51);
        p.put("priority", 100);
        p.put("mcast_src_ip", "198.18.2.7");
        p.put("virtual_ipaddress", new String[] {"198.18.9.1/32"});
        InstanceSpec s = InstanceSpec.parse(p, Map.of());
        assertTrue(StartGate.check(s, links(link(4, "eth0", UP)), List.of()).ready());
        assertFalse(StartGate.check(s, links(), List.of()).ready(), "the interface itself must exist");
    }

    @Test
    void virtualAddressOnAMissingInterfaceWaits() throws Exception {
        StartGate.Verdict v = StartGate.check(spec("eth9", "198.18.9.1/32"), links(link(4, "eth0", UP)),
                List.of(addr(4, "198.18.2.1", 24, 0)));
        assertFalse(v.ready());
        assertEquals("interface eth9 does not exist", v.reason());
        assertEquals(List.of("(VI_1): entering FAULT state (interface eth9 down)", "(VI_1) entering FAULT state"),
                v.faultLines(), "keepalived 2.2.7 with dynamic_interfaces says so for a missing VIP device");
        assertTrue(StartGate.check(spec("eth9", "198.18.9.1/32"), links(link(4, "eth0", UP), link(9, "eth9", UP)),
                List.of(addr(4, "198.18.2.1", 24, 0))).ready());
    }
}
