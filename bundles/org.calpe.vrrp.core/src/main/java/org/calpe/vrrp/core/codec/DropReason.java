package org.calpe.vrrp.core.codec;

import java.util.Optional;

/**
 * Why a received datagram was dropped, in the order keepalived 2.2 checks (its {@code vrrp_dispatcher_read}
 * first, then {@code vrrp_check_packet}); the first failing check decides. Each reason names the keepalived
 * statistics counter it increments (its JSON dump's {@code vrrp_stats} names), if keepalived counts it at all;
 * Calpe counts every reason (see {@link DropCounters}).
 * <p>
 * RFC 3768 §7.1 and RFC 5798 §7.1 give the MUST checks (TTL, version, length, checksum, VRID, auth, advert
 * interval for v2); keepalived adds the AH, unicast and address-list checks.
 */
public enum DropReason {
    /** The datagram did not fit the receive buffer (recvmsg MSG_TRUNC). Socket level, not counted. */
    TRUNCATED(null),
    /** Shorter than the IP header (+ AH) + the fixed VRRP header ("IPv4 VRRP packet too short"). */
    TOO_SHORT(null),
    /** No instance with the VRID on this interface ("Unknown VRID(%d) received on interface(%s)"). */
    UNKNOWN_VRID(null),
    /** The instance is in INIT or FAULT state and ignores adverts. */
    NOT_READY(null),
    /** IPv4: an AH header on an instance without AH, or none on one with AH ("No AH header but auth type is AH"). */
    AH_PRESENCE_MISMATCH("authtype_mismatch"),
    /** Length differs from what the header's version and address count imply ("vrrp packet too short/long"). */
    PACKET_LENGTH("packet_len_err"),
    /** TTL / hop limit not 255 on a multicast instance ("invalid TTL/HL"). RFC 5798 §7.1 MUST. */
    IP_TTL("ip_ttl_err"),
    /** Version not the instance's ("wrong version"). RFC 5798 §7.1 MUST. */
    VERSION("vers_err"),
    /** VRRPv2 auth type not 0, 1 or 2 ("Invalid auth type"). */
    INVALID_AUTH_TYPE("invalid_authtype"),
    /** VRRPv2 auth type not the instance's ("received a %d auth, expecting %d!"). */
    AUTH_TYPE_MISMATCH("authtype_mismatch"),
    /** PASS: wrong password ("received an invalid passwd!"); AH: wrong ICV, SPI or a replayed sequence. */
    AUTH_FAILURE("auth_failure"),
    /** AH protecting another protocol than VRRP: not for us, dropped silently by keepalived. */
    AH_NEXT_HEADER(null),
    /** VRRPv2 Adver Int differs from advert_int ("advertisement interval mismatch"); not counted by keepalived. */
    ADVERT_INTERVAL(null),
    /** Type not ADVERTISEMENT ("Invalid packet type"). */
    INVALID_TYPE("invalid_type_rcvd"),
    /** Address count not the number of virtual_ipaddress ("received an unexpected ip number count"). */
    ADDRESS_COUNT("addr_list_err"),
    /** IPv4 total length differs from the received length ("ip_tot_len mismatch against received length"). */
    IP_LENGTH("packet_len_err"),
    /** Bad VRRP checksum ("Invalid VRRPv2 checksum" / "Invalid VRRPv3 checksum"). RFC 5798 §7.1 MUST. */
    CHECKSUM("chk_err"),
    /** Multicast advert on a unicast instance or the other way round ("Expected multicast packet ..."). */
    CAST_MISMATCH("addr_list_err"),
    /** A virtual_ipaddress is missing from the advert ("ip address associated with VRID ... not present"). */
    ADDRESS_LIST("addr_list_err"),
    /** Unicast advert from an address that is not a unicast_peer ("not a unicast peer"); not counted by keepalived. */
    UNICAST_SOURCE(null),
    /** Unicast advert with a TTL outside the peer's min_ttl–max_ttl ("TTL/HL %d not in range"). */
    UNICAST_TTL("ip_ttl_err");

    private final String keepalivedCounter;

    DropReason(String keepalivedCounter) {
        this.keepalivedCounter = keepalivedCounter;
    }

    /** keepalived's statistics counter for this reason, if keepalived counts it. */
    public Optional<String> keepalivedCounter() {
        return Optional.ofNullable(keepalivedCounter);
    }
}
