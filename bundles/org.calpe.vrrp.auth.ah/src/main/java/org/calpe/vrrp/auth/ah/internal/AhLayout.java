package org.calpe.vrrp.auth.ah.internal;

/**
 * Where things are in an IPv4 datagram carrying a VRRPv2 advert behind an Authentication Header (RFC 2402 §2,
 * with keepalived's 96-bit ICV): IP header, the 24-byte AH, the advert. Offsets are from the datagram's start.
 */
record AhLayout(int ah, int vrrp, int length) {

    static final int IPPROTO_AH = 51;
    static final int IPPROTO_VRRP = 112;
    /** The Authentication Header's size: 12 fixed bytes and a 12-byte ICV. */
    static final int AH_LENGTH = 24;
    /** Payload Length: the AH's length in 32-bit words minus 2 (RFC 2402 §2.2). */
    static final int AH_PAYLOAD_LENGTH = AH_LENGTH / 4 - 2;
    /** HMAC-MD5-96: the first 12 bytes of the digest. */
    static final int ICV_LENGTH = 12;

    static final int NEXT_HEADER = 0;
    static final int PAYLOAD_LENGTH = 1;
    static final int SPI = 4;
    static final int SEQUENCE = 8;
    static final int ICV = 12;

    /** IPv4 source address. */
    static final int IP_SOURCE = 12;

    private static final int IPV4_MIN_HEADER = 20;
    /** The fixed VRRP header: version/type, VRID, priority, count, auth type, interval, checksum. */
    private static final int VRRP_MIN = 8;

    /**
     * The layout of {@code datagram[0, length)}, or null if it is not an IPv4 datagram long enough for its IP
     * header, an AH and a VRRP header.
     */
    static AhLayout of(byte[] datagram, int length) {
        if (datagram == null || length < IPV4_MIN_HEADER || length > datagram.length
                || (datagram[0] & 0xf0) != 0x40) {
            return null;
        }
        int ihl = (datagram[0] & 0x0f) * 4;
        if (ihl < IPV4_MIN_HEADER || length < ihl + AH_LENGTH + VRRP_MIN) {
            return null;
        }
        return new AhLayout(ihl, ihl + AH_LENGTH, length);
    }

    static long getInt(byte[] d, int at) {
        return (d[at] & 0xffL) << 24 | (d[at + 1] & 0xffL) << 16 | (d[at + 2] & 0xffL) << 8 | (d[at + 3] & 0xffL);
    }

    static void putInt(byte[] d, int at, long v) {
        d[at] = (byte) (v >>> 24);
        d[at + 1] = (byte) (v >>> 16);
        d[at + 2] = (byte) (v >>> 8);
        d[at + 3] = (byte) v;
    }

    /**
     * Four address bytes as keepalived prints them with {@code %u}: the network-order word read by a
     * little-endian host (x86_64 and aarch64, where keepalived runs).
     */
    static long asKeepalivedPrintsIt(byte[] d, int at) {
        return (d[at + 3] & 0xffL) << 24 | (d[at + 2] & 0xffL) << 16 | (d[at + 1] & 0xffL) << 8 | (d[at] & 0xffL);
    }
}
