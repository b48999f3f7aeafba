package org.calpe.genhash;

/**
 * Numeric IP addresses as glibc's {@code inet_pton} reads and {@code inet_ntop} writes them: genhash takes
 * only literal addresses ("server should be an IP") and puts {@code inet_ntop}'s text into the Host header.
 * The JDK's own parser accepts more (e.g. scope ids, 127.1) and formats IPv6 differently.
 */
final class InetText {
    private InetText() {
    }

    /** {@code inet_pton(AF_INET)}: four decimal parts 0..255 without leading zeros; null if invalid. */
    static byte[] parseIpv4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return null; // leading zero
                }
                value = (value < 0 ? 0 : value) * 10 + (c - '0');
                digits++;
                if (value > 255) {
                    return null;
                }
            } else if (c == '.') {
                if (digits == 0 || part == 3) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
                digits = 0;
            } else {
                return null;
            }
        }
        if (digits == 0 || part != 3) {
            return null;
        }
        out[3] = (byte) value;
        return out;
    }

    /** {@code inet_pton(AF_INET6)}: hex groups, one "::", optional dotted IPv4 tail; null if invalid. */
    static byte[] parseIpv6(String s) {
        byte[] out = new byte[16];
        int n = s.length();
        int i = 0;
        int pos = 0;
        int gap = -1;
        if (n == 0) {
            return null;
        }
        if (s.charAt(0) == ':') {
            if (n < 2 || s.charAt(1) != ':') {
                return null;
            }
            i = 1;
        }
        int groupStart = i;
        int value = 0;
        int digits = 0;
        while (i < n) {
            char c = s.charAt(i++);
            int h = Character.digit(c, 16);
            if (h >= 0 && c < 128) {
                if (++digits > 4) {
                    return null;
                }
                value = (value << 4) | h;
                continue;
            }
            if (c == ':') {
                groupStart = i;
                if (digits == 0) {
                    if (gap >= 0) {
                        return null;
                    }
                    gap = pos;
                    continue;
                }
                if (i == n) {
                    return null; // trailing single ':'
                }
                if (pos + 2 > 16) {
                    return null;
                }
                out[pos++] = (byte) (value >> 8);
                out[pos++] = (byte) value;
                value = 0;
                digits = 0;
                continue;
            }
            if (c == '.' && pos + 4 <= 16) {
                byte[] v4 = parseIpv4(s.substring(groupStart));
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, out, pos, 4);
                pos += 4;
                digits = 0;
                value = 0;
                i = n;
                break;
            }
            return null;
        }
        if (digits > 0) {
            if (pos + 2 > 16) {
                return null;
            }
            out[pos++] = (byte) (value >> 8);
            out[pos++] = (byte) value;
        }
        if (gap >= 0) {
            if (pos == 16) {
                return null;
            }
            int tail = pos - gap;
            System.arraycopy(out, gap, out, 16 - tail, tail);
            for (int k = gap; k < 16 - tail; k++) {
                out[k] = 0;
            }
            pos = 16;
        }
        return pos == 16 ? out : null;
    }

    /** {@code inet_ntop} (see {@link org.calpe.net.api.InetText}). */
    static String format(byte[] a) {
        try {
            // Inet6Address keeps an IPv4-mapped address IPv6 (InetAddress.getByAddress would turn it into IPv4)
            return org.calpe.net.api.InetText.of(a.length == 16
                    ? java.net.Inet6Address.getByAddress(null, a, (java.net.NetworkInterface) null)
                    : java.net.InetAddress.getByAddress(a));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: " + a.length + " bytes", e);
        }
    }
}
