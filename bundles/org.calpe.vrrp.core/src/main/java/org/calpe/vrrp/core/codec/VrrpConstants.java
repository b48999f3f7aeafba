package org.calpe.vrrp.core.codec;

/**
 * Numbers of the VRRP wire format (RFC 3768 §5, RFC 5798 §5) and of the way keepalived builds its adverts.
 */
public final class VrrpConstants {
    private VrrpConstants() {
    }

    /** IP protocol number of VRRP (RFC 5798 §5.1.1.3). */
    public static final int IPPROTO_VRRP = 112;
    /** IP protocol number of the IPsec Authentication Header (RFC 2402). */
    public static final int IPPROTO_AH = 51;
    /** The TTL / hop limit every VRRP advert is sent with and must arrive with (RFC 5798 §5.1.1.3). */
    public static final int TTL = 255;
    /** The IPv4 TOS keepalived sends with: internetwork control (0xc0). */
    public static final int IPV4_TOS = 0xc0;
    /** The IPv6 traffic class keepalived's adverts arrive with (0xc0, as for IPv4). */
    public static final int IPV6_TRAFFIC_CLASS = 0xc0;
    /** IPv4 multicast group of VRRP, 224.0.0.18. */
    public static final byte[] IPV4_GROUP = {(byte) 224, 0, 0, 18};
    /** IPv6 multicast group of VRRP, ff02::12. */
    public static final byte[] IPV6_GROUP = {(byte) 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12};

    /** Length of an IPv4 header without options. */
    public static final int IPV4_HEADER_LENGTH = 20;
    /** Length of the fixed IPv6 header. */
    public static final int IPV6_HEADER_LENGTH = 40;
    /** Length of the fixed VRRP header (version/type to checksum). */
    public static final int VRRP_HEADER_LENGTH = 8;
    /** Length of the VRRPv2 authentication data (keepalived's VRRP_AUTH_LEN). */
    public static final int AUTH_DATA_LENGTH = 8;
    /** Length of keepalived's Authentication Header: 12 fixed bytes and a 96-bit ICV. */
    public static final int AH_HEADER_LENGTH = 24;
    /** Length of the truncated HMAC-MD5 ICV (HMAC-MD5-96, RFC 2403). */
    public static final int AH_ICV_LENGTH = 12;
    /** AH payload length field for a 96-bit ICV: (24 / 4) - 2 (RFC 2402 §2.2). */
    public static final int AH_PAYLOAD_LENGTH = 4;
    /** Largest VRRPv3 Max Adver Int: 12 bits of centiseconds (RFC 5798 §5.2.7). */
    public static final int V3_MAX_ADVERT_INTERVAL = 0x0fff;
    /** Largest address count: an 8-bit field. */
    public static final int MAX_ADDRESSES = 255;
}
