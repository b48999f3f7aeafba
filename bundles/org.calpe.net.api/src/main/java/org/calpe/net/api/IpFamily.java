package org.calpe.net.api;

import java.net.Inet4Address;
import java.net.InetAddress;

/** The address family of a socket or address. */
public enum IpFamily {
    INET,
    INET6;

    /** @return the family of {@code address} */
    public static IpFamily of(InetAddress address) {
        return address instanceof Inet4Address ? INET : INET6;
    }
}
