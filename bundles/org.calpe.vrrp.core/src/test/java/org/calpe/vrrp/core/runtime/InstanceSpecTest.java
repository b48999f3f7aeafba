package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import org.calpe.net.api.InterfaceAddress;
import org.calpe.vrrp.api.VrrpAuthType;
import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.core.codec.VrrpVersion;
import org.junit.jupiter.api.Test;

/** Config Admin properties (as config.keepalived writes them) to the runtime's instance spec. */
class InstanceSpecTest {

    private static Map<String, Object> base() {
        Map<String, Object> p = Engine.instance("VI_1", "eth0", 51, 150, 2, 1, "198.18.0.100/24 dev eth1 label eth1:1");
        p.put("authentication", new String[] {"auth_type PASS auth_pass secret1"});
        p.put("unicast_peer", new String[] {"198.18.0.2", "198.18.0.3 min_ttl 10 max_ttl 20"});
        p.put("unicast_src_ip", "198.18.0.1");
        p.put("nopreempt", Boolean.TRUE);
        p.put("notify_master", "/usr/local/bin/master.sh arg");
        p.put("notify_deleted", Boolean.TRUE);
        return p;
    }

    @Test
    void anIpv6VipMakesAnIpv6VrrpV3Instance() throws Exception {
        Map<String, Object> p = Engine.instance("VI_6", "eth0", 61, 100, 2, 1, "2001:db8::100/64");
        InstanceSpec s = InstanceSpec.parse(p, Map.of());
        assertEquals(org.calpe.vrrp.core.codec.IpFamily.IPV6, s.family());
        assertEquals(VrrpVersion.V3, s.version(), "IPv6 is VRRPv3 only");
        assertEquals(InetAddress.getByName("2001:db8::100"), s.vips().get(0).address());
        assertEquals(64, s.vips().get(0).prefixLength());
        assertEquals(org.calpe.vrrp.core.codec.IpFamily.IPV4, InstanceSpec.parse(base(), Map.of()).family());

        p.put("virtual_ipaddress", new String[] {"2001:db8::100/64", "198.18.0.100/24"});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InstanceSpec.parse(p,
                Map.of()));
        assertTrue(e.getMessage().contains("(VI_6)") && e.getMessage().contains("198.18.0.100/24"), e.getMessage());
    }

    @Test
    void readsTheKeywordsConfigKeepalivedWrites() throws Exception {
        InstanceSpec s = InstanceSpec.parse(base(), Map.of());
        assertEquals("VI_1", s.name());
        assertEquals("eth0", s.interfaceName());
        assertEquals(51, s.vrid());
        assertEquals(VrrpVersion.V2, s.version());
        assertEquals(1_000_000L, s.advertIntervalMicros());
        assertEquals(150, s.priority());
        assertEquals(VrrpState.BACKUP, s.initialState());
        assertTrue(s.nopreempt());
        assertEquals(VrrpAuthType.PASS, s.authType());
        assertEquals("secret1", s.authPass());
        assertEquals(InetAddress.getByName("198.18.0.1"), s.sourceAddress());
        assertEquals(2, s.unicastPeers().size());
        assertEquals(10, s.unicastPeers().get(1).minTtl());
        assertEquals(20, s.unicastPeers().get(1).maxTtl());
        VirtualIp vip = s.vips().get(0);
        assertEquals(InetAddress.getByName("198.18.0.100"), vip.address());
        assertEquals(24, vip.prefixLength());
        assertEquals("eth1", vip.device());
        assertEquals("eth1:1", vip.label());
        assertEquals(List.of("/usr/local/bin/master.sh", "arg"), s.notifyScripts().master().get().command().argv());
        assertTrue(s.notifyScripts().notifyDeleted());
        assertTrue(s.notifyScripts().deleted().isEmpty());
    }

    @Test
    void versionAndIntervalFromGlobalDefsAndTheInstance() {
        Map<String, Object> p = base();
        p.remove("version");
        p.put("advert_int", 0.25);
        InstanceSpec s = InstanceSpec.parse(p, Map.of("vrrp_version", 3));
        assertEquals(VrrpVersion.V3, s.version());
        assertEquals(250_000L, s.advertIntervalMicros());
        assertEquals(VrrpAuthType.NONE, s.authType(), "VRRPv3 has no authentication");
        assertEquals(3_000_000_000L, InstanceSpec.parse(withGarp(p), Map.of()).garp().masterDelayNanos());
    }

    private static Map<String, Object> withGarp(Map<String, Object> p) {
        p.put("garp_master_delay", 3);
        return p;
    }

    @Test
    void equalPropertiesGiveEqualSpecsSoAReloadLeavesTheInstanceAlone() {
        Map<String, Object> a = base();
        Map<String, Object> b = base();
        b.put("calpe.source", "keepalived.conf:42"); // informational properties do not matter
        b.put("calpe.hash", "other");
        assertEquals(InstanceSpec.parse(a, Map.of()), InstanceSpec.parse(b, Map.of()));
        b.put("priority", 100);
        assertNotEquals(InstanceSpec.parse(a, Map.of()), InstanceSpec.parse(b, Map.of()));
        assertNotEquals(InstanceSpec.parse(a, Map.of()), InstanceSpec.parse(a, Map.of("vrrp_garp_master_repeat", 2)),
                "a global that the instance inherits changes it");
    }

    @Test
    void virtualAddressLines() throws Exception {
        VirtualIp v = VirtualIp.parse("198.18.0.7");
        assertEquals(32, v.prefixLength());
        assertNull(v.device());
        InterfaceAddress a = VirtualIp.parse("198.18.0.8/24 brd 198.18.0.255 scope link").on(3);
        assertEquals(3, a.ifindex());
        assertEquals(InetAddress.getByName("198.18.0.255"), a.broadcast());
        assertEquals(InterfaceAddress.SCOPE_LINK, a.scope());
        assertThrows(IllegalArgumentException.class, () -> VirtualIp.parse("example.com/24"));
    }

    @Test
    void missingOrInvalidKeywordsAreRefused() {
        Map<String, Object> p = base();
        p.remove("virtual_router_id");
        assertThrows(IllegalArgumentException.class, () -> InstanceSpec.parse(p, Map.of()));
        Map<String, Object> q = base();
        q.remove("interface");
        assertThrows(IllegalArgumentException.class, () -> InstanceSpec.parse(q, Map.of()));
    }
}
