package org.calpe.appliance.api;

/**
 * What the host lets this process do, found once at start.
 *
 * @param effectiveUid  the effective user id (0 = root), -1 if unknown
 * @param netRaw        CAP_NET_RAW is effective: raw IP and packet sockets (VRRP adverts, gratuitous ARP)
 * @param netAdmin      CAP_NET_ADMIN is effective: addresses, routes, IPVS
 * @param kernelIpvs    the kernel has IP_VS ({@code /proc/net/ip_vs} exists)
 */
public record HostCapabilities(long effectiveUid, boolean netRaw, boolean netAdmin, boolean kernelIpvs) {

    /** True when the effective uid is root. */
    public boolean root() {
        return effectiveUid == 0;
    }

    /** VRRP needs raw sockets for adverts and CAP_NET_ADMIN to add virtual addresses. */
    public boolean vrrpCanRun() {
        return netRaw && netAdmin;
    }

    /** Virtual servers can go into the kernel's IPVS table. */
    public boolean kernelIpvsCanRun() {
        return kernelIpvs && netAdmin;
    }
}
