package org.calpe.config.keepalived.schema.vrrp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Strict IP literal parsing (no name lookups), as keepalived's inet_pton-based helpers. */
final class Inet {
    private static final Pattern V4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");

    private Inet() {
    }

    /** The address, or null when the text is not an IPv4 or IPv6 literal. */
    static InetAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (V4.matcher(text).matches()) {
            return literal(text);
        }
        if (text.indexOf(':') >= 0 && V6.matcher(text).matches()) {
            return literal(text);
        }
        return null;
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }

    static boolean isV6(InetAddress a) {
        return a instanceof java.net.Inet6Address;
    }

    /** 4 or 6. */
    static int family(InetAddress a) {
        return isV6(a) ? 6 : 4;
    }

    static int maxPrefix(InetAddress a) {
        return isV6(a) ? 128 : 32;
    }

    static boolean isLinkLocal(InetAddress a) {
        return a.isLinkLocalAddress();
    }

    /** An address with an optional /prefix; prefix -1 when absent. */
    record Prefix(InetAddress address, int prefix) {
        int family() {
            return Inet.family(address);
        }
    }

    /** Parses {@code addr[/len]}; null when the address part is not a literal or len is not a number. */
    static Prefix parsePrefix(String text) {
        int slash = text.indexOf('/');
        InetAddress a = parse(slash < 0 ? text : text.substring(0, slash));
        if (a == null) {
            return null;
        }
        if (slash < 0) {
            return new Prefix(a, -1);
        }
        String len = text.substring(slash + 1);
        if (!len.matches("[0-9]{1,3}")) {
            return null;
        }
        return new Prefix(a, Integer.parseInt(len));
    }
}
