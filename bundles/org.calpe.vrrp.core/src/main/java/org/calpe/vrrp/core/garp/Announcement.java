package org.calpe.vrrp.core.garp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * "Send one GARP/NA for {@code address} on {@code ifindex} now": one packet for
 * {@code org.calpe.net.api.Announcer}. The source MAC is that interface's (a VMAC interface has the VMAC); the
 * NA router flag is the interface's IPv6 forwarding setting at send time, as keepalived reads it.
 *
 * @param atNanos   the {@link EventClock} time the packet is due (the time it is emitted)
 * @param instance  the vrrp_instance name
 * @param ifindex   the interface the address is configured on (the VMAC for VIPs on a VMAC)
 * @param address   the virtual address
 */
public record Announcement(long atNanos, String instance, int ifindex, InetAddress address) {

    public Announcement {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(address, "address");
    }

    /** GARP for IPv4, unsolicited NA for IPv6. */
    public AnnouncementKind kind() {
        return address instanceof Inet4Address ? AnnouncementKind.GARP : AnnouncementKind.UNSOLICITED_NA;
    }
}
