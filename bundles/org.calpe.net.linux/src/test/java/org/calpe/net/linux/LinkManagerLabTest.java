package org.calpe.net.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.calpe.net.api.LinkDetails;
import org.calpe.net.api.LinkInfo;
import org.calpe.net.api.MacAddress;
import org.calpe.net.api.Macvlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lab test (root): a keepalived-style VMAC (private macvlan with the VRRP MAC) is created on {@link NetnsLab}'s
 * {@code va}, found, brought up, given addrgenmode none, its kernel parameters set, and removed; {@code ip -d link}
 * must show what it shows for keepalived 2.2.7's {@code vrrp.51} (mode private, addrgenmode none).
 */
class LinkManagerLabTest {

    private static NetnsLab lab;
    private static LinuxLinkManager manager;
    private static int va;

    @BeforeAll
    static void setUp() throws IOException {
        lab = NetnsLab.create();
        manager = new LinuxLinkManager(new Posix());
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

    @Test
    void createsFindsConfiguresAndRemovesAVmac() throws IOException {
        MacAddress vmac = MacAddress.parse("00:00:5e:00:01:33");
        LinkInfo created = manager.addMacvlan(lab.nsA(), Macvlan.privateMode("vrrp.51", va, vmac));
        assertEquals("vrrp.51", created.name());
        assertEquals(vmac, created.mac());
        assertEquals(va, created.linkIndex());
        assertFalse(created.isUp(), "created down");

        LinkDetails found = manager.find(lab.nsA(), "vrrp.51").orElseThrow();
        assertTrue(found.isPrivateMacvlan(va, vmac));
        assertEquals(created.index(), found.link().index());
        assertFalse(manager.find(lab.nsA(), "vb0").isPresent(), "no such link");
        assertEquals("veth", manager.find(lab.nsA(), "va").orElseThrow().kind());

        IOException taken = assertThrows(IOException.class, () -> manager.addMacvlan(lab.nsA(),
                Macvlan.privateMode("vrrp.51", va, vmac)));
        assertTrue(taken.getMessage().contains("vrrp.51"), taken.getMessage());

        manager.disableIpv6AddressGeneration(lab.nsA(), created.index());
        manager.setUp(lab.nsA(), created.index(), true);
        String shown = NetnsLab.run("ip", "-n", lab.a, "-d", "link", "show", "vrrp.51");
        assertTrue(shown.contains("vrrp.51@va: <BROADCAST,MULTICAST,UP,LOWER_UP>"), shown);
        assertTrue(shown.contains("link/ether 00:00:5e:00:01:33"), shown);
        assertTrue(shown.contains("macvlan mode private"), shown);
        assertTrue(shown.contains("addrgenmode none"), shown);

        assertEquals("0", manager.sysctl(lab.nsA(), "net/ipv4/conf/vrrp.51/accept_local"));
        manager.setSysctl(lab.nsA(), "net/ipv4/conf/vrrp.51/accept_local", "1");
        assertEquals("1", manager.sysctl(lab.nsA(), "net/ipv4/conf/vrrp.51/accept_local"));
        assertEquals("1\n", NetnsLab.run("ip", "netns", "exec", lab.a, "cat",
                "/proc/sys/net/ipv4/conf/vrrp.51/accept_local"), "written in the lab namespace");
        assertThrows(IllegalArgumentException.class, () -> manager.sysctl(lab.nsA(), "../etc/passwd"));

        assertTrue(manager.remove(lab.nsA(), created.index()));
        assertFalse(manager.find(lab.nsA(), "vrrp.51").isPresent());
        assertFalse(manager.remove(lab.nsA(), created.index()), "already gone");
    }
}
