package org.calpe.net.api;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Addresses as keepalived, ipvsadm and genhash print them: glibc's {@code inet_ntop}. IPv4 dotted; IPv6 in
 * lower-case hex groups without leading zeros, the longest run of two or more zero groups (the first of equal
 * runs) written as {@code ::}, an IPv4-compatible or IPv4-mapped address with its last 32 bits dotted
 * ({@code ::198.18.0.1}, {@code ::ffff:198.18.0.1}), never a scope. {@link InetAddress#getHostAddress()} writes
 * every group and a scope, which is why this exists.
 */
public final class InetText {
    private InetText() {
    }

    /** {@code address} as {@code inet_ntop} writes it. */
    public static String of(InetAddress address) {
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
        boolean v4Tail = bestStart == 0 && (bestLen == 6 || (bestLen == 5 && g[5] == 0xffff));
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (v4Tail && i == 6) {
                if (sb.charAt(sb.length() - 1) != ':') {
                    sb.append(':');
                }
                sb.append(b[12] & 0xff).append('.').append(b[13] & 0xff).append('.').append(b[14] & 0xff)
                        .append('.').append(b[15] & 0xff);
                break;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
