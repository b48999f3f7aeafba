package org.calpe.net.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

import org.calpe.net.api.MacAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lab test (root): gratuitous ARP and unsolicited NA sent in namespace A are seen on the peer in B. */
class AnnouncerLabTest {

    private static NetnsLab lab;
    private static LinuxAnnouncer announcer;

    @BeforeAll
    static void setUp() throws IOException {
        lab = NetnsLab.create();
        announcer = new LinuxAnnouncer(new Posix());
    }

    @AfterAll
    static void tearDown() {
        if (announcer != null) {
            announcer.deactivate();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void gratuitousArpArrivesOnPeer() throws Exception {
        MacAddress mac = MacAddress.parse(lab.mac(lab.a, "va"));
        Inet4Address vip = (Inet4Address) InetAddress.getByName("198.18.1.100");
        try (PacketCapture cap = PacketCapture.open(lab.nsB(), "vb", Posix.ETH_P_ARP)) {
            announcer.gratuitousArp(lab.nsA(), lab.ifindex(lab.a, "va"), mac, vip);
            byte[] f = cap.next(3000);
            assertNotNull(f, "no ARP frame seen on vb");
            assertArrayEquals(AnnouncementFrames.gratuitousArp(mac, vip), f);
        }
        // the peer's kernel learnt nothing it should not: an ARP request for a foreign address is not answered,
        // but the frame must have come from va's MAC
    }

    @Test
    void unsolicitedNeighbourAdvertArrivesAndTheKernelAcceptsIt() throws Exception {
        MacAddress mac = MacAddress.parse(lab.mac(lab.a, "va"));
        Inet6Address vip = (Inet6Address) InetAddress.getByName("2001:db8:1::100");
        long before = icmp6Counter(lab.b, "Icmp6InNeighborAdvertisements");
        long csumBefore = icmp6Counter(lab.b, "Icmp6InCsumErrors");
        try (PacketCapture cap = PacketCapture.open(lab.nsB(), "vb", Posix.ETH_P_IPV6)) {
            announcer.unsolicitedNeighbourAdvert(lab.nsA(), lab.ifindex(lab.a, "va"), mac, vip, false);
            byte[] f = null;
            for (int i = 0; i < 20 && (f == null || (f[54] & 0xFF) != 136); i++) {
                f = cap.next(3000); // skip other IPv6 traffic (MLD reports, router solicitations)
            }
            assertNotNull(f);
            assertArrayEquals(AnnouncementFrames.unsolicitedNeighbourAdvert(mac, vip, false), f);
        }
        long deadline = System.currentTimeMillis() + 2000;
        while (icmp6Counter(lab.b, "Icmp6InNeighborAdvertisements") == before && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(before + 1, icmp6Counter(lab.b, "Icmp6InNeighborAdvertisements"),
                "the peer's kernel counted the NA (so its checksum is right)");
        assertEquals(csumBefore, icmp6Counter(lab.b, "Icmp6InCsumErrors"));
    }

    /** A rehearsal ({@link LinuxAnnouncer#rehearse}) puts nothing on the wire and leaves the socket as it was. */
    @Test
    void aRehearsalSendsNothingAndTheNextAnnouncementStillGoesOut() throws Exception {
        MacAddress mac = MacAddress.parse(lab.mac(lab.a, "va"));
        int ifindex = lab.ifindex(lab.a, "va");
        Inet4Address vip = (Inet4Address) InetAddress.getByName("198.18.1.101");
        announcer.prepare(lab.nsA(), ifindex);
        try (PacketCapture arp = PacketCapture.open(lab.nsB(), "vb", Posix.ETH_P_ARP);
                PacketCapture v6 = PacketCapture.open(lab.nsB(), "vb", Posix.ETH_P_IPV6)) {
            for (int i = 0; i < 3; i++) {
                announcer.rehearse(lab.nsA(), ifindex);
            }
            byte[] f = v6.next(300);
            for (int i = 0; i < 20 && f != null; i++) {
                assertTrue((f[54] & 0xFF) != 136, "a rehearsal sent a neighbour advert");
                f = v6.next(100); // other IPv6 traffic (MLD reports, router solicitations)
            }
            assertEquals(null, arp.next(300), "a rehearsal sent an ARP frame");
            announcer.gratuitousArp(lab.nsA(), ifindex, mac, vip);
            assertArrayEquals(AnnouncementFrames.gratuitousArp(mac, vip), arp.next(3000));
        }
    }

    @Test
    void sendingOnAMissingInterfaceFails() {
        IOException e = assertThrows(IOException.class, () -> announcer.gratuitousArp(lab.nsA(), 9999,
                MacAddress.parse("02:00:00:00:00:01"), (Inet4Address) InetAddress.getByName("198.18.1.100")));
        assertTrue(e.getMessage().contains("9999"), e.getMessage());
    }

    static long icmp6Counter(String ns, String name) throws IOException {
        for (String line : NetnsLab.run("ip", "netns", "exec", ns, "cat", "/proc/net/snmp6").split("\n")) {
            String[] kv = line.trim().split("\\s+");
            if (kv.length == 2 && kv[0].equals(name)) {
                return Long.parseLong(kv[1]);
            }
        }
        throw new IOException(name + " not in /proc/net/snmp6");
    }
}
