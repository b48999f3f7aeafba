package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.calpe.net.api.LinkDetails;
import org.calpe.net.api.LinkInfo;
import org.calpe.net.api.MacAddress;
import org.calpe.net.api.Macvlan;
import org.calpe.vrrp.core.codec.IpFamily;
import org.junit.jupiter.api.Test;

/** {@code use_vmac} settings and the create/adopt/replace decision, against keepalived 2.2.7's behaviour. */
class VmacPlanTest {

    private static final int ETH0 = 3;
    private static final MacAddress V4 = MacAddress.parse("00:00:5e:00:01:33");

    private final Map<String, LinkDetails> links = new HashMap<>();

    private static VmacSettings settings(Map<String, Object> instance, Map<String, Object> global) {
        return VmacSettings.parse(new Props(instance), new Props(global));
    }

    private void link(String name, int index, String kind, int mode, int base, String mac) {
        links.put(name, new LinkDetails(new LinkInfo(index, name, MacAddress.parse(mac), 0x1043, 1500, base), kind,
                mode));
    }

    private VmacPlan plan(VmacSettings s, IpFamily family) throws IOException {
        return VmacPlan.decide("VI_1", s, 51, family, ETH0, name -> Optional.ofNullable(links.get(name)));
    }

    @Test
    void noUseVmacNoSettings() {
        assertNull(settings(Map.of("virtual_router_id", 51), Map.of()));
    }

    @Test
    void keywordAloneGivesRfcMacAndGeneratedName() throws IOException {
        VmacSettings s = settings(Map.of("use_vmac", Boolean.TRUE), Map.of());
        assertEquals(new VmacSettings(null, null, false, false, "vrrp"), s);
        assertEquals(V4, s.mac(51, IpFamily.IPV4));
        assertEquals(MacAddress.parse("00:00:5e:00:02:34"), s.mac(52, IpFamily.IPV6), "IPv6: 00:00:5e:00:02:VRID");
        VmacPlan p = plan(s, IpFamily.IPV4);
        assertEquals(VmacPlan.Action.CREATE, p.action());
        assertEquals("vrrp.51", p.name());
        assertEquals(V4, p.mac());
        assertTrue(p.messages().isEmpty());
    }

    @Test
    void nameMacXmitBaseAndPrefix() {
        VmacSettings s = settings(Map.of("use_vmac", new String[] {"vmac1", "02:11:22:33:44:55"},
                "vmac_xmit_base", Boolean.TRUE), Map.of("vmac_prefix", "vr"));
        assertEquals("vmac1", s.name());
        assertTrue(s.xmitBase());
        assertEquals(MacAddress.parse("02:11:22:33:44:55"), s.mac(51, IpFamily.IPV4));
        assertEquals("vr.51", s.generatedName(51, 0));
        assertEquals("vr2.51", s.generatedName(51, 2));
        VmacSettings five = settings(Map.of("use_vmac", "02:11:22:33:44"), Map.of());
        assertNull(five.name());
        assertEquals(MacAddress.parse("02:11:22:33:44:33"), five.mac(51, IpFamily.IPV4), "5 octets: VRID appended");
        assertFalse(settings(Map.of("use_vmac", "vmac1"), Map.of()).xmitBase());
    }

    @Test
    void aMatchingPrivateMacvlanIsAdopted() throws IOException {
        link("vrrp.51", 7, "macvlan", Macvlan.MODE_PRIVATE, ETH0, "00:00:5e:00:01:33");
        VmacPlan p = plan(settings(Map.of("use_vmac", Boolean.TRUE), Map.of()), IpFamily.IPV4);
        assertEquals(VmacPlan.Action.ADOPT, p.action());
        assertEquals(7, p.existing());
    }

    @Test
    void aGeneratedNameTakenByAnotherInterfaceMovesOn() throws IOException {
        // keepalived 2.2.7 with a foreign macvlan vrrp.51 (other MAC): it created vrrp1.51
        link("vrrp.51", 7, "macvlan", Macvlan.MODE_PRIVATE, ETH0, "00:00:5e:00:01:99");
        link("vrrp1.51", 8, "veth", 0, 0, "02:00:00:00:00:01");
        VmacPlan p = plan(settings(Map.of("use_vmac", Boolean.TRUE), Map.of()), IpFamily.IPV4);
        assertEquals(VmacPlan.Action.CREATE, p.action());
        assertEquals("vrrp2.51", p.name());
    }

    @Test
    void aConfiguredNameHeldByAnotherMacvlanIsReplaced() throws IOException {
        link("vmac1", 9, "macvlan", Macvlan.MODE_BRIDGE, ETH0, "00:00:5e:00:01:33");
        VmacPlan p = plan(settings(Map.of("use_vmac", "vmac1"), Map.of()), IpFamily.IPV4);
        assertEquals(VmacPlan.Action.REPLACE, p.action());
        assertEquals(9, p.existing());
        assertEquals(List.of("vmac: Removing old VMAC interface vmac1 due to conflicting interface or MAC for "
                + "vrrp_instance VI_1!!!"), p.messages());
    }

    @Test
    void aConfiguredNameHeldByARealInterfaceIsIgnored() throws IOException {
        link("eth1", 4, "veth", 0, 0, "02:00:00:00:00:04");
        VmacPlan p = plan(settings(Map.of("use_vmac", "eth1"), Map.of()), IpFamily.IPV4);
        assertEquals(VmacPlan.Action.CREATE, p.action());
        assertEquals("vrrp.51", p.name());
        assertEquals(List.of("(VI_1) interface eth1 already exists and is not a private macvlan; ignoring vmac "
                + "if_name"), p.messages());
    }

    @Test
    void aVmacOnAnotherBaseIsNotOurs() throws IOException {
        link("vrrp.51", 7, "macvlan", Macvlan.MODE_PRIVATE, 5, "00:00:5e:00:01:33");
        VmacPlan p = plan(settings(Map.of("use_vmac", Boolean.TRUE), Map.of()), IpFamily.IPV4);
        assertEquals("vrrp1.51", p.name());
        assertEquals(VmacPlan.Action.CREATE, p.action());
    }

    @Test
    void noFreeNameIsAnError() {
        for (int i = 0; i < VmacSettings.NAME_ATTEMPTS; i++) {
            String n = i == 0 ? "vrrp.51" : "vrrp" + i + ".51";
            link(n, 10 + i, "veth", 0, 0, "02:00:00:00:00:01");
        }
        IOException e = assertThrows(IOException.class,
                () -> plan(settings(Map.of("use_vmac", Boolean.TRUE), Map.of()), IpFamily.IPV4));
        assertTrue(e.getMessage().contains("no free VMAC interface name"), e.getMessage());
    }

    @Test
    void ipv6LinkLocalFromTheBaseMac() throws IOException {
        assertEquals("fe80:0:0:0:0:c6ff:fe12:901", VmacLink.eui64LinkLocal(MacAddress.parse("02:00:c6:12:09:01"))
                .getHostAddress(), "what the kernel gave eth0 in keepalived's lab");
    }
}
