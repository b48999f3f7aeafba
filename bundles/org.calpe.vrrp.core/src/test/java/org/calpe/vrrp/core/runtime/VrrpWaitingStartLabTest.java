package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.calpe.exec.api.ScriptRequest;
import org.calpe.vrrp.api.VrrpState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lab test (root): an instance whose interface does not exist yet, or has no usable address yet, waits in FAULT
 * (notify FAULT, as keepalived 2.2.7 with {@code dynamic_interfaces}) and starts as soon as the interface and its
 * address appear; a waiting instance is notified STOP when the runtime stops. The interfaces are veth pairs
 * created inside the lab's namespace A (see {@link RuntimeLab}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VrrpWaitingStartLabTest {
    private static final String PID = "org.calpe.vrrp.Instance~VI_W";
    private RuntimeLab lab;
    private Engine a;

    @BeforeEach
    void setUp() throws Exception {
        lab = RuntimeLab.create();
        a = new Engine(lab.nsA(), "a");
    }

    @AfterEach
    void tearDown() {
        lab.closeAfter(a);
    }

    private static Map<String, Object> instance(String dev, String vip) {
        Map<String, Object> p = Engine.instance("VI_W", dev, 77, 100, 3, 0.1, vip);
        p.put("notify", "/bin/true");
        return p;
    }

    private List<String> notified() {
        synchronized (a.scripts) {
            return a.scripts.stream().map(ScriptRequest::command).map(c -> String.join(" ", c.argv())).toList();
        }
    }

    @Test
    void missingInterfaceWaitsInFaultThenStartsWhenItAndItsAddressAppear() throws Exception {
        a.runtime.update(PID, instance("wd0", "198.18.3.100/32")).get(5, TimeUnit.SECONDS);
        assertEquals(VrrpState.FAULT, a.state("VI_W"));
        assertTrue(Engine.await(() -> notified().contains("/bin/true INSTANCE VI_W FAULT 100"), 2000),
                "notify FAULT: " + notified());

        RuntimeLab.run("ip", "-n", lab.a, "link", "add", "wd0", "type", "veth", "peer", "name", "wd1");
        RuntimeLab.run("ip", "-n", lab.a, "link", "set", "wd1", "up");
        RuntimeLab.run("ip", "-n", lab.a, "link", "set", "wd0", "up");
        Thread.sleep(300);
        assertEquals(VrrpState.FAULT, a.state("VI_W"), "no IPv4 address yet");

        long t0 = System.nanoTime();
        RuntimeLab.run("ip", "-n", lab.a, "addr", "add", "198.18.3.1/24", "dev", "wd0");
        assertTrue(Engine.await(() -> a.entered("VI_W", VrrpState.BACKUP, t0) > 0, 2000), "BACKUP once addressed");
        assertTrue(Engine.await(() -> a.state("VI_W") == VrrpState.MASTER, 3000), "then MASTER (alone)");
        assertTrue(lab.hasAddress(lab.a, "wd0", "198.18.3.100"));
        List<String> n = notified();
        assertEquals(List.of("/bin/true INSTANCE VI_W FAULT 100", "/bin/true INSTANCE VI_W BACKUP 100",
                "/bin/true INSTANCE VI_W MASTER 100"), n.subList(0, 3), "notify sequence: " + n);
    }

    @Test
    void ipv6InstanceWaitsWhileTheLinkLocalAddressIsTentative() throws Exception {
        RuntimeLab.run("ip", "-n", lab.a, "link", "add", "wd2", "type", "veth", "peer", "name", "wd3");
        RuntimeLab.run("ip", "netns", "exec", lab.a, "sysctl", "-q", "-w", "net.ipv6.conf.wd2.accept_dad=1",
                "net.ipv6.conf.wd2.dad_transmits=2");
        RuntimeLab.run("ip", "-n", lab.a, "link", "set", "wd3", "up");
        RuntimeLab.run("ip", "-n", lab.a, "link", "set", "wd2", "up");
        a.runtime.update(PID, instance("wd2", "2001:db8:3::100/64")).get(5, TimeUnit.SECONDS);
        boolean tentative = RuntimeLab.run("ip", "-n", lab.a, "-6", "addr", "show", "dev", "wd2").contains("tentative");
        assertTrue(tentative, "the lab's link-local address is still tentative (DAD takes about 2 s)");
        assertEquals(VrrpState.FAULT, a.state("VI_W"));
        assertTrue(Engine.await(() -> a.state("VI_W") == VrrpState.MASTER, 8000), "MASTER after DAD");
        assertTrue(lab.hasAddress6(lab.a, "wd2", "2001:db8:3::100"));
    }

    @Test
    void deletedAndRecreatedInterfaceRestartsTheInstanceOnTheNewLink() throws Exception {
        makeVeth("wd4", "wd5", "198.18.3.4/24");
        a.runtime.update(PID, instance("wd4", "198.18.3.104/32")).get(5, TimeUnit.SECONDS);
        assertTrue(Engine.await(() -> a.state("VI_W") == VrrpState.MASTER, 3000), "MASTER on the first link");

        RuntimeLab.run("ip", "-n", lab.a, "link", "del", "wd4");
        assertTrue(Engine.await(() -> a.state("VI_W") == VrrpState.FAULT, 2000), "FAULT once the link is gone");
        Thread.sleep(300);
        assertEquals(VrrpState.FAULT, a.state("VI_W"));

        makeVeth("wd4", "wd5", "198.18.3.4/24"); // a new link: a new index
        assertTrue(Engine.await(() -> a.state("VI_W") == VrrpState.MASTER, 3000), "MASTER again on the new link");
        assertTrue(lab.hasAddress(lab.a, "wd4", "198.18.3.104"));
        List<String> n = notified();
        assertEquals(List.of("/bin/true INSTANCE VI_W BACKUP 100", "/bin/true INSTANCE VI_W MASTER 100",
                "/bin/true INSTANCE VI_W FAULT 100", "/bin/true INSTANCE VI_W BACKUP 100",
                "/bin/true INSTANCE VI_W MASTER 100"), n, "notify sequence");
    }

    private void makeVeth(String dev, String peer, String address) throws Exception {
        RuntimeLab.run("ip", "-n", lab.a, "link", "add", dev, "type", "veth", "peer", "name", peer);
        RuntimeLab.run("ip", "-n", lab.a, "addr", "add", address, "dev", dev);
        RuntimeLab.run("ip", "-n", lab.a, "link", "set", peer, "up");
        RuntimeLab.run("ip", "-n", lab.a, "link", "set", dev, "up");
    }

    @Test
    void waitingInstanceIsNotifiedStopWhenTheRuntimeStops() throws Exception {
        a.runtime.update(PID, instance("wd9", "198.18.3.101/32")).get(5, TimeUnit.SECONDS);
        assertEquals(VrrpState.FAULT, a.state("VI_W"));
        a.runtime.close();
        assertTrue(notified().contains("/bin/true INSTANCE VI_W STOP 100"), "notify STOP: " + notified());
    }

    @Test
    void deletedWhileWaitingIsForgotten() throws Exception {
        a.runtime.update(PID, instance("wd8", "198.18.3.102/32")).get(5, TimeUnit.SECONDS);
        assertEquals(1, a.runtime.instances().size());
        a.runtime.delete(PID).get(5, TimeUnit.SECONDS);
        assertEquals(0, a.runtime.instances().size());
        RuntimeLab.run("ip", "-n", lab.a, "link", "add", "wd8", "type", "veth", "peer", "name", "wd7");
        RuntimeLab.run("ip", "-n", lab.a, "addr", "add", "198.18.3.8/24", "dev", "wd8");
        RuntimeLab.run("ip", "-n", lab.a, "link", "set", "wd7", "up");
        RuntimeLab.run("ip", "-n", lab.a, "link", "set", "wd8", "up");
        Thread.sleep(500);
        assertEquals(0, a.runtime.instances().size(), "nothing starts for a deleted configuration");
    }
}
