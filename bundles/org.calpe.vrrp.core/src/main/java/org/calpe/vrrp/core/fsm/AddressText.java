package org.calpe.vrrp.core.fsm;

import java.net.InetAddress;

import org.calpe.net.api.InetText;

/**
 * Addresses as keepalived prints them ({@code inet_ntop}): dotted IPv4, and IPv6 in lower case with the longest
 * run of two or more zero groups (the first of equal runs) written as {@code ::}.
 */
final class AddressText {
    private AddressText() {
    }

    static String of(InetAddress address) {
        return InetText.of(address);
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
