package org.calpe.lvs.engine;

import java.net.InetAddress;

import org.calpe.net.api.InetText;

/** keepalived's names for services in log lines and events ({@code inet_sockaddrtotrio}, {@code format_vs}). */
final class Names {
    private Names() {
    }

    /** {@code [198.18.0.2]:tcp:80}, {@code [2001:db8::1]:udp:53}. */
    static String trio(InetAddress address, String protocol, int port) {
        return "[" + text(address) + "]:" + protocol + ":" + port;
    }

    /** The address as inet_ntop prints it (IPv6 in RFC 5952 short form). */
    static String text(InetAddress address) {
        return InetText.of(address);
    }
}
