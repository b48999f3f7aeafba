package org.calpe.vrrp.core.fsm;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Addresses as keepalived prints them ({@code inet_ntop}): dotted IPv4, and IPv6 in lower case with the longest
 * run of two or more zero groups (the first of equal runs) written as {@code ::}.
 */
final class AddressText {
    private AddressText() {
    }

    static String of(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8;) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        StringBuilder s = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }

    /**
     * keepalived's address comparison ({@code inet_inaddrcmp}): unsigned, most significant byte first; 1 if
     * {@code a} is higher, −1 if lower, 0 if equal or not comparable (different families, unknown address).
     */
    static int compare(InetAddress a, InetAddress b) {
        if (a == null || b == null) {
            return 0;
        }
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) {
            return 0;
        }
        for (int i = 0; i < x.length; i++) {
            int d = (x[i] & 0xff) - (y[i] & 0xff);
            if (d != 0) {
                return d > 0 ? 1 : -1;
            }
        }
        return 0;
    }
}
