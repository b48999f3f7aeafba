package org.calpe.vrrp.api.dto;

/**
 * The counters of one instance, named after keepalived's JSON dump ({@code vrrp_stats}) and RFC 6527's
 * VRRPv3-MIB statistics. Every received advert that is dropped is counted in exactly one of the error counters
 * or in {@link #otherDrops()}.
 *
 * @param advertRcvd adverts that passed the receive checks ({@code advert_rcvd})
 * @param advertSent adverts sent ({@code advert_sent})
 * @param becomeMaster transitions to MASTER ({@code become_master})
 * @param releaseMaster transitions out of MASTER ({@code release_master})
 * @param packetLenErr wrong VRRP or IP length ({@code packet_len_err})
 * @param ipTtlErr TTL / hop limit not 255, or outside a unicast peer's range ({@code ip_ttl_err})
 * @param versErr wrong VRRP version ({@code vers_err})
 * @param invalidTypeRcvd type other than ADVERTISEMENT ({@code invalid_type_rcvd})
 * @param chkErr bad checksum ({@code chk_err})
 * @param addrListErr address count or list mismatch, or unicast/multicast mismatch ({@code addr_list_err})
 * @param invalidAuthtype unknown auth type ({@code invalid_authtype})
 * @param authtypeMismatch auth type not the configured one ({@code authtype_mismatch})
 * @param authFailure wrong password or AH ICV, SPI or sequence number ({@code auth_failure})
 * @param otherDrops drops keepalived does not count (advert_int mismatch, AH for another protocol, unicast
 *        source not a peer)
 * @param priZeroRcvd adverts with priority 0 received ({@code pri_zero_rcvd})
 * @param priZeroSent adverts with priority 0 sent ({@code pri_zero_sent})
 */
public record InstanceStats(long advertRcvd, long advertSent, long becomeMaster, long releaseMaster,
        long packetLenErr, long ipTtlErr, long versErr, long invalidTypeRcvd, long chkErr, long addrListErr,
        long invalidAuthtype, long authtypeMismatch, long authFailure, long otherDrops, long priZeroRcvd,
        long priZeroSent) {

    /** All counters at zero. */
    public static final InstanceStats ZERO = new InstanceStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
