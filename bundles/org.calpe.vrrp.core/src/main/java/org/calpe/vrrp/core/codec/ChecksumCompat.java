package org.calpe.vrrp.core.codec;

/**
 * keepalived's VRRPv3 unicast checksum compatibility ({@code old_unicast_checksum [never]} in a
 * vrrp_instance). Before 2.0.x keepalived computed the checksum of unicast VRRPv3 adverts over a
 * pseudo-header holding the multicast group 224.0.0.18 instead of the peer's address.
 */
public enum ChecksumCompat {
    /** Default: the real destination; switches to {@link #AUTO} on the first unicast advert that only checks
     *  with the group address. */
    NONE(false),
    /** {@code old_unicast_checksum never}: always the real destination, no automatic switch. */
    NEVER(false),
    /** {@code old_unicast_checksum}: always the group address. */
    CONFIG(true),
    /** Switched to the old style after receiving such an advert: the group address. */
    AUTO(true);

    private final boolean groupInPseudoHeader;

    ChecksumCompat(boolean groupInPseudoHeader) {
        this.groupInPseudoHeader = groupInPseudoHeader;
    }

    /** True if the IPv4 pseudo-header holds 224.0.0.18 instead of the destination. */
    public boolean groupInPseudoHeader() {
        return groupInPseudoHeader;
    }
}
