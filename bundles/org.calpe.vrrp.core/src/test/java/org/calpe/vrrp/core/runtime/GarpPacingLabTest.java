package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.calpe.net.api.Announcer;
import org.calpe.net.api.MacAddress;
import org.calpe.net.api.NetNamespace;
import org.calpe.net.linux.LinuxAddressManager;
import org.calpe.net.linux.LinuxAnnouncer;
import org.calpe.net.linux.LinuxLinkMonitor;
import org.calpe.net.linux.LinuxRawIpTransport;
import org.calpe.vrrp.api.VrrpState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lab test (root): {@code vrrp_garp_interval} in org.calpe.Global paces a MASTER's gratuitous ARPs on the real
 * announcer as keepalived 2.2.7 does (the capture replayed in AnnouncementSchedulerTest: interval 0.1, repeat 3,
 * three VIPs: the first VIP at once and again after 100 ms, then the second and the third, 100 ms apart).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GarpPacingLabTest {
    private RuntimeLab lab;
    private VrrpRuntime runtime;

    @AfterEach
    void tearDown() {
        try {
            if (runtime != null) {
                runtime.close();
            }
        } finally {
            if (lab != null) {
                lab.close();
            }
        }
    }

    @Test
    void garpIntervalSpacesTheBurst() throws Exception {
        lab = RuntimeLab.create();
        List<long[]> sent = Collections.synchronizedList(new ArrayList<>());
        LinuxAnnouncer real = new LinuxAnnouncer();
        Announcer recording = new Announcer() {
            @Override
            public void gratuitousArp(NetNamespace ns, int ifindex, MacAddress source, Inet4Address address)
                    throws IOException {
                sent.add(new long[] {System.nanoTime(), address.getAddress()[3] & 0xff});
                real.gratuitousArp(ns, ifindex, source, address);
            }

            @Override
            public void unsolicitedNeighbourAdvert(NetNamespace ns, int ifindex, MacAddress source,
                    Inet6Address address, boolean router) throws IOException {
                real.unsolicitedNeighbourAdvert(ns, ifindex, source, address, router);
            }
        };
        RuntimeServices services = new RuntimeServices(lab.nsA(), new LinuxRawIpTransport(),
                new LinuxAddressManager(), recording, new LinuxLinkMonitor(), r -> new CompletableFuture<>(),
                t -> null, (topic, p) -> { }, new org.calpe.net.linux.LinuxRouteManager(),
                new org.calpe.net.linux.LinuxNamedPipes(), new org.calpe.net.linux.LinuxLinkManager());
        runtime = new VrrpRuntime(services, r -> {
            Thread t = new Thread(r, "vrrp-garp-lab");
            t.setDaemon(true);
            return t;
        });
        Map<String, Object> global = new HashMap<>();
        global.put("vrrp_garp_interval", 0.1);
        global.put("vrrp_garp_master_repeat", 3);
        global.put("vrrp_garp_master_delay", 0);
        runtime.updateGlobal(global).get(5, TimeUnit.SECONDS);
        Map<String, Object> vi = Engine.instance("VI_1", "va", 51, 150, 3, 0.1, "198.18.2.100/24");
        vi.put("virtual_ipaddress", new String[] {"198.18.2.100/24", "198.18.2.101/24", "198.18.2.102/24"});
        runtime.update("org.calpe.vrrp.Instance~VI_1", vi).get(5, TimeUnit.SECONDS);

        assertTrue(Engine.await(() -> state() == VrrpState.MASTER, 10_000), "never became MASTER");
        assertTrue(Engine.await(() -> sent.size() >= 4, 3000), "only " + sent.size() + " gratuitous ARPs");
        Thread.sleep(500);
        List<long[]> got;
        synchronized (sent) {
            got = List.copyOf(sent);
        }
        assertEquals(List.of(100L, 100L, 101L, 102L), got.stream().map(x -> x[1]).toList(),
                "keepalived's order under pacing");
        for (int i = 1; i < got.size(); i++) {
            long ms = (got.get(i)[0] - got.get(i - 1)[0]) / 1_000_000;
            assertTrue(ms >= 99 && ms <= 130, "gratuitous ARP " + i + " came " + ms + " ms after the previous one");
        }
    }

    private VrrpState state() {
        return runtime.instances().stream().filter(i -> i.name().equals("VI_1")).findFirst()
                .map(i -> i.state()).orElse(VrrpState.INIT);
    }
}
