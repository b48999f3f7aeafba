package org.calpe.net.api;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An address on an interface, with the attributes keepalived's {@code virtual_ipaddress} can set.
 *
 * @param ifindex      the interface index
 * @param address      the local address
 * @param prefixLength the prefix length (32/128 for a host address)
 * @param broadcast    the IPv4 broadcast address ({@code brd}), or {@code null}
 * @param label        the IPv4 label ({@code label eth0:1}), or {@code null}
 * @param scope        the scope, one of the {@code SCOPE_*} constants or a number from 0 to 255
 * @param deprecated   preferred lifetime 0 (keepalived's {@code preferred_lft 0} / "deprecated")
 * @param noDad        skip duplicate address detection ({@code IFA_F_NODAD}, IPv6)
 * @param flags        the kernel's {@code IFA_F_*} flags when listed; ignored when adding
 */
public record InterfaceAddress(int ifindex, InetAddress address, int prefixLength, InetAddress broadcast,
        String label, int scope, boolean deprecated, boolean noDad, int flags) {

    public static final int SCOPE_UNIVERSE = 0;
    public static final int SCOPE_SITE = 200;
    public static final int SCOPE_LINK = 253;
    public static final int SCOPE_HOST = 254;
    public static final int SCOPE_NOWHERE = 255;

    public static final int FLAG_SECONDARY = 0x01;
    public static final int FLAG_NODAD = 0x02;
    public static final int FLAG_DADFAILED = 0x08;
    public static final int FLAG_DEPRECATED = 0x20;
    public static final int FLAG_TENTATIVE = 0x40;
    public static final int FLAG_PERMANENT = 0x80;

    public InterfaceAddress {
        Objects.requireNonNull(address, "address");
        int max = address instanceof Inet4Address ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " outside [0, " + max + "]");
        }
        if (scope < 0 || scope > 255) {
            throw new IllegalArgumentException("scope " + scope + " outside [0, 255]");
        }
        if (broadcast != null && IpFamily.of(broadcast) != IpFamily.of(address)) {
            throw new IllegalArgumentException("broadcast " + broadcast + " is not of the family of " + address);
        }
        if (label != null && label.length() > 15) {
            throw new IllegalArgumentException("label longer than 15 characters: " + label);
        }
    }

    /** @return a global-scope address with no further attributes, as {@code ip addr add A/P dev X} adds it */
    public static InterfaceAddress of(int ifindex, InetAddress address, int prefixLength) {
        return new InterfaceAddress(ifindex, address, prefixLength, null, null, SCOPE_UNIVERSE, false, false, 0);
    }

    /** @return the family of the address */
    public IpFamily family() {
        return IpFamily.of(address);
    }

    /** @return true if the kernel marks the address tentative (DAD running) */
    public boolean isTentative() {
        return (flags & FLAG_TENTATIVE) != 0;
    }

    /** @return true if both name the same kernel address (interface, address and prefix length) */
    public boolean sameAddress(InterfaceAddress other) {
        return ifindex == other.ifindex && address.equals(other.address) && prefixLength == other.prefixLength;
    }
}
