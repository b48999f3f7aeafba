package org.calpe.vrrp.core.garp;

/** What goes on the wire for one address. */
public enum AnnouncementKind {
    /** Gratuitous ARP request (IPv4), keepalived's {@code send_gratuitous_arp_immediate}. */
    GARP,
    /** Unsolicited neighbour advertisement (IPv6), keepalived's {@code ndisc_send_unsolicited_na_immediate}. */
    UNSOLICITED_NA
}
