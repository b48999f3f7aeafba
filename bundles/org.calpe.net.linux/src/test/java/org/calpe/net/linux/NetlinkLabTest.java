package org.calpe.net.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.calpe.net.api.InterfaceAddress;
import org.calpe.net.api.LinkInfo;
import org.calpe.net.api.MacAddress;
import org.calpe.net.api.NetlinkEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lab test (root): rtnetlink address management and events inside a namespace. */
class NetlinkLabTest {

    private static NetnsLab lab;
    private static LinuxAddressManager addresses;
    private static LinuxLinkMonitor links;

    @BeforeAll
    static void setUp() throws IOException {
        lab = NetnsLab.create();
        Posix posix = new Posix();
        addresses = new LinuxAddressManager(posix);
        links = new LinuxLinkMonitor(posix);
    }

    @AfterAll
    static void tearDown() {
        if (addresses != null) {
            addresses.deactivate();
        }
        if (links != null) {
            links.deactivate();
        }
        if (lab != null) {
            lab.close();
        }
    }

    private static <T> T await(BlockingQueue<NetlinkEvent> q, Class<T> type, Predicate<T> match)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < deadline) {
            NetlinkEvent e = q.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(e) && match.test(type.cast(e))) {
                return type.cast(e);
            }
        }
        return null;
    }

    @Test
    void linksResolveNameIndexAndMac() throws Exception {
        LinkInfo va = links.link(lab.nsA(), "va").orElseThrow();
        assertEquals(lab.ifindex(lab.a, "va"), va.index());
        assertEquals(MacAddress.parse(lab.mac(lab.a, "va")), va.mac());
        assertEquals(1500, va.mtu());
        assertEquals("va", links.link(lab.nsA(), va.index()).orElseThrow().name());
        assertTrue(links.link(lab.nsA(), "vb").isEmpty(), "vb lives in the other namespace");
        assertTrue(links.link(lab.nsB(), "vb").isPresent());
    }

    @Test
    void addListRemoveIpv4WithLabelAndEvents() throws Exception {
        int va = lab.ifindex(lab.a, "va");
        BlockingQueue<NetlinkEvent> events = new LinkedBlockingQueue<>();
        InetAddress vip = InetAddress.getByName("198.18.1.100");
        InterfaceAddress a = new InterfaceAddress(va, vip, 32, null, "va:vip", InterfaceAddress.SCOPE_UNIVERSE,
                false, false, 0);
        try (Closeable watch = links.watch(lab.nsA(), events::add)) {
            assertTrue(addresses.add(lab.nsA(), a));
            assertFalse(addresses.add(lab.nsA(), a), "adding what exists reports false");
            String shown = NetnsLab.run("ip", "-n", lab.a, "addr", "show", "dev", "va");
            assertTrue(shown.contains("inet 198.18.1.100/32 scope global va:vip"), shown);
            NetlinkEvent.AddressChanged added = await(events, NetlinkEvent.AddressChanged.class,
                    e -> e.address().address().equals(vip) && !e.removed());
            assertNotNull(added, "RTM_NEWADDR event");
            assertEquals("va:vip", added.address().label());
            InterfaceAddress listed = addresses.list(lab.nsA()).stream().filter(x -> x.address().equals(vip))
                    .findFirst().orElseThrow();
            assertEquals(va, listed.ifindex());
            assertEquals(32, listed.prefixLength());
            assertEquals("va:vip", listed.label());

            assertTrue(addresses.remove(lab.nsA(), a));
            assertFalse(addresses.remove(lab.nsA(), a), "removing what is gone reports false");
            assertFalse(NetnsLab.run("ip", "-n", lab.a, "addr", "show", "dev", "va").contains("198.18.1.100"));
            assertNotNull(await(events, NetlinkEvent.AddressChanged.class,
                    e -> e.address().address().equals(vip) && e.removed()), "RTM_DELADDR event");
        }
    }

    @Test
    void ipv6DeprecatedNoDadBroadcastAndScope() throws Exception {
        int va = lab.ifindex(lab.a, "va");
        InterfaceAddress v6 = new InterfaceAddress(va, InetAddress.getByName("2001:db8:1::100"), 64, null, null,
                InterfaceAddress.SCOPE_UNIVERSE, true, true, 0);
        InterfaceAddress v4 = new InterfaceAddress(va, InetAddress.getByName("198.18.2.1"), 24,
                InetAddress.getByName("198.18.2.255"), null, InterfaceAddress.SCOPE_LINK, false, false, 0);
        try {
            assertTrue(addresses.add(lab.nsA(), v6));
            assertTrue(addresses.add(lab.nsA(), v4));
            String shown = NetnsLab.run("ip", "-n", lab.a, "addr", "show", "dev", "va");
            assertTrue(shown.matches("(?s).*inet6 2001:db8:1::100/64 scope global nodad deprecated\\s+valid_lft "
                    + "forever preferred_lft 0sec.*"), shown);
            assertTrue(shown.contains("inet 198.18.2.1/24 brd 198.18.2.255 scope link va"), shown);
            InterfaceAddress listed = addresses.list(lab.nsA()).stream()
                    .filter(x -> x.address().equals(v6.address())).findFirst().orElseThrow();
            assertTrue(listed.deprecated());
            assertTrue(listed.noDad());
            assertFalse(listed.isTentative());
        } finally {
            addresses.remove(lab.nsA(), v6);
            addresses.remove(lab.nsA(), v4);
        }
    }

    @Test
    void linkDownAndUpArriveAsEvents() throws Exception {
        BlockingQueue<NetlinkEvent> events = new LinkedBlockingQueue<>();
        try (Closeable watch = links.watch(lab.nsB(), events::add)) {
            NetnsLab.run("ip", "-n", lab.b, "link", "set", "vb", "down");
            assertNotNull(await(events, NetlinkEvent.LinkChanged.class,
                    e -> e.link().name().equals("vb") && (e.link().flags() & LinkInfo.FLAG_UP) == 0), "link down");
            NetnsLab.run("ip", "-n", lab.b, "link", "set", "vb", "up");
            assertNotNull(await(events, NetlinkEvent.LinkChanged.class,
                    e -> e.link().name().equals("vb") && (e.link().flags() & LinkInfo.FLAG_UP) != 0), "link up");
        }
    }

    @Test
    void aLinksOnlyWatchSeesLinkChangesAndNoAddresses() throws Exception {
        int vb = lab.ifindex(lab.b, "vb");
        InterfaceAddress a = InterfaceAddress.of(vb, InetAddress.getByName("198.18.1.101"), 32);
        BlockingQueue<NetlinkEvent> events = new LinkedBlockingQueue<>();
        List<NetlinkEvent> all = new CopyOnWriteArrayList<>();
        try (Closeable watch = links.watchLinks(lab.nsB(), e -> {
            all.add(e);
            events.add(e);
        })) {
            assertTrue(addresses.add(lab.nsB(), a));
            NetnsLab.run("ip", "-n", lab.b, "link", "set", "vb", "down");
            NetnsLab.run("ip", "-n", lab.b, "link", "set", "vb", "up");
            // one socket delivers in the kernel's order: an address event would come before the link events
            assertNotNull(await(events, NetlinkEvent.LinkChanged.class,
                    e -> e.link().name().equals("vb") && (e.link().flags() & LinkInfo.FLAG_UP) != 0), "link up");
            assertTrue(all.stream().noneMatch(e -> e instanceof NetlinkEvent.AddressChanged), all.toString());
        } finally {
            addresses.remove(lab.nsB(), a);
        }
    }

    @Test
    void addingOnAMissingInterfaceFailsWithTheKernelsReason() {
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> addresses.add(
                lab.nsA(), InterfaceAddress.of(9999, InetAddress.getByName("198.18.3.1"), 32)));
        assertTrue(e.getMessage().contains("198.18.3.1/32 ifindex 9999"), e.getMessage());
    }

    @Test
    void theWarmUpIsRefusedByTheKernelAndChangesNothing() throws Exception {
        java.util.List<InterfaceAddress> before = addresses.list(lab.nsA());
        assertEquals(14, addresses.warmUp(lab.nsA(), 16), "every add refused with ENODEV");
        assertEquals(before, addresses.list(lab.nsA()), "no address added or removed");
    }

    @Test
    void aRehearsalChangesNothing() throws Exception {
        java.util.List<InterfaceAddress> before = addresses.list(lab.nsA());
        addresses.rehearse(lab.nsA()); // before prepare: nothing
        addresses.prepare(lab.nsA());
        for (int i = 0; i < 3; i++) {
            addresses.rehearse(lab.nsA());
        }
        assertEquals(before, addresses.list(lab.nsA()), "no address added or removed");
        InterfaceAddress a = InterfaceAddress.of(lab.ifindex(lab.a, "va"), InetAddress.getByName("198.18.3.7"), 32);
        try {
            assertTrue(addresses.add(lab.nsA(), a), "the next real request goes through");
        } finally {
            addresses.remove(lab.nsA(), a);
        }
    }
}
