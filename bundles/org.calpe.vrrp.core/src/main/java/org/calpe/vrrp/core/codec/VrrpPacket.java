package org.calpe.vrrp.core.codec;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import org.calpe.vrrp.api.VrrpAuthType;

/**
 * One VRRP advertisement, immutable: the VRRP message of RFC 3768 §5.1 (VRRPv2) or RFC 5798 §5.1 (VRRPv3),
 * without the IP header (see {@link VrrpDatagram}).
 *
 * <pre>
 *  Version | Type | Virtual Rtr ID | Priority | Count IPvX Addr
 *  v2: Auth Type (8) | Adver Int (8, seconds)        | Checksum
 *  v3: rsvd (4)      | Max Adver Int (12, centisecs)  | Checksum
 *  IPvX Address(es)
 *  v2 only: Authentication Data (8 bytes; PASS: the password, zero padded, as keepalived)
 * </pre>
 *
 * @param version the VRRP version
 * @param type the message type
 * @param family the address family of the addresses (and of the IP header)
 * @param vrid Virtual Rtr ID, 0–255 as on the wire (configuration allows 1–255)
 * @param priority 0–255; 0: the master stops, 255: the address owner
 * @param authType VRRPv2 Auth Type; {@link VrrpAuthType#NONE} for VRRPv3, which has no such field
 * @param advertInterval Adver Int as on the wire: seconds (v2, 8 bits) or centiseconds (v3, 12 bits)
 * @param checksum the Checksum field as received, or as computed by the encoder (0 before encoding)
 * @param addresses the virtual addresses (Count IPvX Addr is their number), all of {@code family}
 * @param authData VRRPv2: the 8 authentication-data bytes; VRRPv3: empty
 */
public record VrrpPacket(VrrpVersion version, VrrpType type, IpFamily family, int vrid, int priority,
        VrrpAuthType authType, int advertInterval, int checksum, List<InetAddress> addresses, byte[] authData) {

    private static final byte[] NO_AUTH_DATA = new byte[VrrpConstants.AUTH_DATA_LENGTH];

    public VrrpPacket {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(authType, "authType");
        checkRange("vrid", vrid, 255);
        checkRange("priority", priority, 255);
        checkRange("advertInterval", advertInterval,
                version == VrrpVersion.V2 ? 255 : VrrpConstants.V3_MAX_ADVERT_INTERVAL);
        checkRange("checksum", checksum, 0xffff);
        addresses = List.copyOf(addresses);
        if (addresses.size() > VrrpConstants.MAX_ADDRESSES) {
            throw new IllegalArgumentException("at most 255 addresses, not " + addresses.size());
        }
        for (InetAddress a : addresses) {
            if (IpFamily.of(a) != family) {
                throw new IllegalArgumentException(a + " is not an " + family + " address");
            }
        }
        Objects.requireNonNull(authData, "authData");
        if (version == VrrpVersion.V2) {
            if (authData.length != VrrpConstants.AUTH_DATA_LENGTH) {
                throw new IllegalArgumentException("VRRPv2 authentication data is 8 bytes, not " + authData.length);
            }
        } else if (authData.length != 0 || authType != VrrpAuthType.NONE) {
            throw new IllegalArgumentException("VRRPv3 has no authentication");
        }
        authData = authData.clone();
    }

    private static void checkRange(String what, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " " + value + " outside [0, " + max + "]");
        }
    }

    /** A VRRPv2 advert (IPv4); {@code authData} is zero padded or cut to 8 bytes as keepalived does. */
    public static VrrpPacket v2(int vrid, int priority, VrrpAuthType authType, int advertSeconds,
            List<InetAddress> addresses, byte[] authData) {
        return new VrrpPacket(VrrpVersion.V2, VrrpType.ADVERTISEMENT, IpFamily.IPV4, vrid, priority, authType,
                advertSeconds, 0, addresses, Arrays.copyOf(authData, VrrpConstants.AUTH_DATA_LENGTH));
    }

    /** A VRRPv2 advert without authentication data. */
    public static VrrpPacket v2(int vrid, int priority, int advertSeconds, List<InetAddress> addresses) {
        return v2(vrid, priority, VrrpAuthType.NONE, advertSeconds, addresses, NO_AUTH_DATA);
    }

    /** A VRRPv3 advert. */
    public static VrrpPacket v3(IpFamily family, int vrid, int priority, int advertCentiseconds,
            List<InetAddress> addresses) {
        return new VrrpPacket(VrrpVersion.V3, VrrpType.ADVERTISEMENT, family, vrid, priority, VrrpAuthType.NONE,
                advertCentiseconds, 0, addresses, new byte[0]);
    }

    /** Count IPvX Addr. */
    public int count() {
        return addresses.size();
    }

    /** The advert interval in milliseconds (v2 seconds × 1000, v3 centiseconds × 10). */
    public long advertIntervalMillis() {
        return version == VrrpVersion.V2 ? advertInterval * 1000L : advertInterval * 10L;
    }

    /** Length of the VRRP message on the wire. */
    public int length() {
        return VrrpConstants.VRRP_HEADER_LENGTH + addresses.size() * family.addressLength()
                + (version == VrrpVersion.V2 ? VrrpConstants.AUTH_DATA_LENGTH : 0);
    }

    /** A copy of the authentication data. */
    @Override
    public byte[] authData() {
        return authData.clone();
    }

    /** The same advert with another checksum. */
    public VrrpPacket withChecksum(int newChecksum) {
        return new VrrpPacket(version, type, family, vrid, priority, authType, advertInterval, newChecksum,
                addresses, authData);
    }

    /** The same advert with another priority (checksum unchanged: encoding computes it). */
    public VrrpPacket withPriority(int newPriority) {
        return new VrrpPacket(version, type, family, vrid, newPriority, authType, advertInterval, checksum,
                addresses, authData);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VrrpPacket p && version == p.version && type == p.type && family == p.family
                && vrid == p.vrid && priority == p.priority && authType == p.authType
                && advertInterval == p.advertInterval && checksum == p.checksum && addresses.equals(p.addresses)
                && Arrays.equals(authData, p.authData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, type, family, vrid, priority, authType, advertInterval, checksum, addresses,
                Arrays.hashCode(authData));
    }

    /** Never shows a PASS password. */
    @Override
    public String toString() {
        return "VrrpPacket[" + version + " " + type + " vrid=" + vrid + " prio=" + priority + " auth=" + authType
                + " int=" + advertInterval + " csum=0x" + HexFormat.of().toHexDigits((short) checksum)
                + " addrs=" + addresses + "]";
    }
}
