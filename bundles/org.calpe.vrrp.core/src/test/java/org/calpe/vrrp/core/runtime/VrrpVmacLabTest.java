package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.calpe.vrrp.api.VrrpState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lab test (root): {@code use_vmac} on a real runtime. The VMAC is created at start as keepalived 2.2.7 creates it
 * (vrrp.VRID, private macvlan, 00:00:5e:00:01:VRID, addrgenmode none), the VIP goes on it, the backup follows the
 * master's adverts sent from it; a hand-over to the next engine (a bundle update) keeps it, and the resumed
 * instance adopts it (same ifindex, VIP untouched); only a real stop removes it. IPv6: 00:00:5e:00:02:VRID with
 * the base interface's link-local address. The interop with keepalived is scripts/tools/vrrp-interop.sh vmac.
 */
class VrrpVmacLabTest {
    private static final String VIP = "198.18.2.100";
    private static final String PID = "org.calpe.vrrp.Instance~VI_1";
    private RuntimeLab lab;
    private Engine a;
    private Engine a2;
    private Engine b;

    @BeforeEach
    void setUp() throws Exception {
        lab = RuntimeLab.create();
        a = new Engine(lab.nsA(), "a");
        b = new Engine(lab.nsB(), "b");
    }

    @AfterEach
    void tearDown() {
        lab.closeAfter(a2, a, b);
    }

    private static Map<String, Object> vmac(Map<String, Object> p) {
        p.put("use_vmac", Boolean.TRUE);
        return p;
    }

    private String link(String dev) {
        try {
            return RuntimeLab.run("ip", "-n", lab.a, "-d", "link", "show", dev);
        } catch (IOException e) {
            return "";
        }
    }

    private static String ifindex(String shown) {
        return shown.substring(0, shown.indexOf(':'));
    }

    @Test
    void theVmacOutlivesAHandOverAndGoesAtStop() throws Exception {
        b.runtime.update(PID, Engine.instance("VI_1", "vb", 51, 100, 3, 0.1, VIP + "/24")).get(5, TimeUnit.SECONDS);
        a.runtime.update(PID, vmac(Engine.instance("VI_1", "va", 51, 150, 3, 0.1, VIP + "/24 dev va")))
                .get(5, TimeUnit.SECONDS);
        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.MASTER, 5000), "A never became MASTER");
        assertTrue(Engine.await(() -> b.state("VI_1") == VrrpState.BACKUP, 2000), "B is not BACKUP");
        String shown = link("vrrp.51");
        assertTrue(shown.contains("vrrp.51@va: <BROADCAST,MULTICAST,UP,LOWER_UP>"), shown);
        assertTrue(shown.contains("link/ether 00:00:5e:00:01:33 "), shown);
        assertTrue(shown.contains("macvlan mode private"), shown);
        assertTrue(shown.contains("addrgenmode none"), shown);
        assertTrue(lab.hasAddress(lab.a, "vrrp.51", VIP), "VIP not on the VMAC");
        assertFalse(lab.hasAddress(lab.a, "va", VIP), "VIP on the base interface ('dev va' means the VMAC)");
        assertEquals("1", sysctl("net/ipv4/conf/va/arp_ignore"));
        assertEquals("1", sysctl("net/ipv4/conf/va/arp_filter"));
        assertEquals("1", sysctl("net/ipv4/conf/vrrp.51/arp_ignore"));
        assertEquals("1", sysctl("net/ipv4/conf/vrrp.51/accept_local"));
        assertEquals("0", sysctl("net/ipv4/conf/vrrp.51/rp_filter"));
        assertEquals("1", sysctl("net/ipv6/conf/vrrp.51/disable_ipv6"));
        String index = ifindex(shown);
        Thread.sleep(300);
        assertEquals(VrrpState.BACKUP, b.state("VI_1"), "B does not follow adverts sent from the VMAC");

        AtomicReference<String> outcome = new AtomicReference<>();
        HandOverLink handOverLink = new HandOverLink() {
            @Override
            public boolean claim(long id) {
                return outcome.compareAndSet(null, "taken") || "taken".equals(outcome.get());
            }

            @Override
            public boolean taken(long id) {
                return "taken".equals(outcome.get());
            }

            @Override
            public boolean abandon(long id) {
                return outcome.compareAndSet(null, "abandoned") || "abandoned".equals(outcome.get());
            }
        };
        long t0 = System.nanoTime();
        HandOver h = a.runtime.handOver(2000, handOverLink);
        assertNotNull(h);
        assertEquals(VrrpState.MASTER, h.instances().get(PID).state());
        assertEquals(index, ifindex(link("vrrp.51")), "the hand-over removed the VMAC");
        assertTrue(lab.hasAddress(lab.a, "vrrp.51", VIP), "the hand-over released the VIP");

        a2 = new Engine(lab.nsA(), "a2");
        a2.runtime.offer(h, 5000, handOverLink).get(5, TimeUnit.SECONDS);
        a2.runtime.update(PID, vmac(Engine.instance("VI_1", "va", 51, 150, 3, 0.1, VIP + "/24 dev va")))
                .get(5, TimeUnit.SECONDS);
        assertEquals("taken", outcome.get());
        assertEquals(VrrpState.MASTER, a2.state("VI_1"));
        assertEquals(index, ifindex(link("vrrp.51")), "the resumed instance did not adopt the VMAC");
        assertFalse(link("vrrp1.51").contains("vrrp1.51"), "a second VMAC was created");
        assertTrue(lab.hasAddress(lab.a, "vrrp.51", VIP), "VIP not on the VMAC after the hand-over");
        Thread.sleep(500);
        assertEquals(-1, b.entered("VI_1", VrrpState.MASTER, t0), "B became MASTER during the hand-over");

        a.close();
        a2.close();
        a = null;
        a2 = null;
        assertEquals("", link("vrrp.51"), "the VMAC survived the stop");
        assertTrue(Engine.await(() -> b.state("VI_1") == VrrpState.MASTER, 2000), "B did not take over");
    }

    @Test
    void anIpv6VmacCarriesTheBaseLinkLocalAddress() throws Exception {
        assertTrue(Engine.await(() -> {
            try {
                return lab.hasLinkLocal(lab.a, "va");
            } catch (IOException e) {
                return false;
            }
        }, 5000), "no IPv6 link-local address on va");
        String vip6 = "2001:db8:2::100";
        a.runtime.update("org.calpe.vrrp.Instance~VI_6", vmac(Engine.instance("VI_6", "va", 52, 150, 3, 0.1,
                vip6 + "/64"))).get(5, TimeUnit.SECONDS);
        assertTrue(Engine.await(() -> a.state("VI_6") == VrrpState.MASTER, 5000), "A never became MASTER");
        String shown = link("vrrp.52");
        assertTrue(shown.contains("link/ether 00:00:5e:00:02:34 "), shown);
        assertTrue(lab.hasAddress6(lab.a, "vrrp.52", vip6), "VIP not on the VMAC");
        String baseLinkLocal = RuntimeLab.run("ip", "-n", lab.a, "-6", "-o", "addr", "show", "dev", "va", "scope",
                "link").replaceAll("(?s).*inet6 (fe80::[0-9a-f:]+)/64.*", "$1");
        String vmacAddresses = RuntimeLab.run("ip", "-n", lab.a, "-6", "addr", "show", "dev", "vrrp.52");
        assertTrue(vmacAddresses.contains("inet6 " + baseLinkLocal + "/64 scope link nodad deprecated"),
                baseLinkLocal + " / " + vmacAddresses);
        a.close();
        a = null;
        assertEquals("", link("vrrp.52"), "the VMAC survived the stop");
    }

    @Test
    void allRpFilterMovesOntoTheInterfacesSoTheVmacCanReceive() throws Exception {
        // keepalived 2.2.7 with all.rp_filter=1: default 0 -> 1, every interface but lo 0 -> 1, all 1 -> 0
        RuntimeLab.run("ip", "netns", "exec", lab.a, "sysctl", "-qw", "net.ipv4.conf.all.rp_filter=1",
                "net.ipv4.conf.default.rp_filter=0", "net.ipv4.conf.va.rp_filter=0", "net.ipv4.conf.lo.rp_filter=0");
        a.runtime.update(PID, vmac(Engine.instance("VI_1", "va", 51, 150, 3, 0.1, VIP + "/24")))
                .get(5, TimeUnit.SECONDS);
        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.MASTER, 5000), "A never became MASTER");
        assertEquals("0", sysctl("net/ipv4/conf/all/rp_filter"));
        assertEquals("1", sysctl("net/ipv4/conf/default/rp_filter"));
        assertEquals("1", sysctl("net/ipv4/conf/va/rp_filter"));
        assertEquals("0", sysctl("net/ipv4/conf/lo/rp_filter"));
        assertEquals("0", sysctl("net/ipv4/conf/vrrp.51/rp_filter"));
    }

    @Test
    void interfacesInTheWayAreReplacedOrAvoidedAsKeepalivedDoes() throws Exception {
        // a configured name held by a macvlan that is not ours: removed and created again
        RuntimeLab.run("ip", "-n", lab.a, "link", "add", "link", "va", "name", "vmac1", "address", "02:00:00:00:00:11",
                "type", "macvlan", "mode", "bridge");
        // a generated name held by another interface: keepalived 2.2.7 goes on to vrrp1.52
        RuntimeLab.run("ip", "-n", lab.a, "link", "add", "vrrp.52", "type", "veth", "peer", "name", "vrrp.52p");
        Map<String, Object> one = vmac(Engine.instance("VI_1", "va", 51, 150, 3, 0.1, VIP + "/24"));
        one.put("use_vmac", "vmac1");
        a.runtime.update(PID, one).get(5, TimeUnit.SECONDS);
        a.runtime.update("org.calpe.vrrp.Instance~VI_2", vmac(Engine.instance("VI_2", "va", 52, 150, 3, 0.1,
                "198.18.2.102/24"))).get(5, TimeUnit.SECONDS);
        assertTrue(Engine.await(() -> a.state("VI_1") == VrrpState.MASTER && a.state("VI_2") == VrrpState.MASTER,
                5000), "A never became MASTER");
        String vmac1 = link("vmac1");
        assertTrue(vmac1.contains("link/ether 00:00:5e:00:01:33 ") && vmac1.contains("macvlan mode private"), vmac1);
        assertTrue(lab.hasAddress(lab.a, "vmac1", VIP), "VIP not on vmac1");
        String other = link("vrrp1.52");
        assertTrue(other.contains("link/ether 00:00:5e:00:01:34 ") && other.contains("macvlan mode private"), other);
        assertTrue(link("vrrp.52").contains("veth"), "the veth in the way was touched");
        a.close();
        a = null;
        assertEquals("", link("vmac1"));
        assertEquals("", link("vrrp1.52"));
    }

    private String sysctl(String key) throws IOException {
        return RuntimeLab.run("ip", "netns", "exec", lab.a, "cat", "/proc/sys/" + key).trim();
    }
}
