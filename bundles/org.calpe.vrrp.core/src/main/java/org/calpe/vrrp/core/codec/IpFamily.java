package org.calpe.vrrp.core.codec;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** The address family of an instance; keepalived's names "inet" and "inet6". */
public enum IpFamily {
    IPV4("inet", 4),
    IPV6("inet6", 16);

    private final String keepalivedName;
    private final int addressLength;

    IpFamily(String keepalivedName, int addressLength) {
        this.keepalivedName = keepalivedName;
        this.addressLength = addressLength;
    }

    /** "inet" or "inet6". */
    public String keepalivedName() {
        return keepalivedName;
    }

    /** Bytes per address: 4 or 16. */
    public int addressLength() {
        return addressLength;
    }

    /** The family of an address. */
    public static IpFamily of(InetAddress address) {
        if (address instanceof Inet4Address) {
            return IPV4;
        }
        if (address instanceof Inet6Address) {
            return IPV6;
        }
        throw new IllegalArgumentException("not an IP address: " + address);
    }
}
