package org.calpe.vrrp.core.runtime;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

import org.calpe.net.api.InterfaceAddress;

/**
 * One {@code virtual_ipaddress} line: {@code ADDR[/PREFIX] [dev IF] [brd ADDR] [label LABEL] [scope SCOPE]}.
 * Without a prefix the address is a host address (/32, /128), as keepalived adds it.
 *
 * @param device the {@code dev}, or null for the instance's interface
 */
record VirtualIp(InetAddress address, int prefixLength, String device, InetAddress broadcast, String label,
        int scope, String line) {

    VirtualIp {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(line, "line");
    }

    static VirtualIp parse(String line) {
        String[] w = line.trim().split("\\s+");
        if (w.length == 0 || w[0].isEmpty()) {
            throw new IllegalArgumentException("empty virtual_ipaddress entry");
        }
        String a = w[0];
        int slash = a.indexOf('/');
        InetAddress address = ip(slash < 0 ? a : a.substring(0, slash));
        int prefix = slash < 0 ? (address instanceof Inet4Address ? 32 : 128) : Integer.parseInt(a.substring(slash + 1));
        String dev = null;
        InetAddress brd = null;
        String label = null;
        int scope = InterfaceAddress.SCOPE_UNIVERSE;
        for (int i = 1; i + 1 < w.length; i += 2) {
            switch (w[i]) {
                case "dev" -> dev = w[i + 1];
                case "brd", "broadcast" -> brd = w[i + 1].equals("+") || w[i + 1].equals("-") ? null : ip(w[i + 1]);
                case "label" -> label = w[i + 1];
                case "scope" -> scope = scope(w[i + 1]);
                default -> {
                    // no_track, preferred_lft, etc.: not handled in this round
                }
            }
        }
        return new VirtualIp(address, prefix, dev, brd, label, scope, line);
    }

    InterfaceAddress on(int ifindex) {
        return new InterfaceAddress(ifindex, address, prefixLength, broadcast, label, scope, false,
                !(address instanceof Inet4Address), 0);
    }

    private static int scope(String s) {
        return switch (s) {
            case "global", "universe" -> InterfaceAddress.SCOPE_UNIVERSE;
            case "site" -> InterfaceAddress.SCOPE_SITE;
            case "link" -> InterfaceAddress.SCOPE_LINK;
            case "host" -> InterfaceAddress.SCOPE_HOST;
            case "nowhere" -> InterfaceAddress.SCOPE_NOWHERE;
            default -> Integer.parseInt(s);
        };
    }

    static InetAddress ip(String s) {
        if (!s.matches("[0-9a-fA-F.:]+") || !(s.contains(".") || s.contains(":"))) {
            throw new IllegalArgumentException("not an IP address: " + s);
        }
        try {
            return InetAddress.getByName(s); // a literal only: the check above keeps host names (DNS) out
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + s, e);
        }
    }
}
