package org.calpe.shell.internal;

/**
 * A {@code virtual_ipaddress} entry as keepalived 2.2.7 prints it in its JSON dump ({@code format_ipaddress}):
 * {@code ADDR[/LEN] [brd B] dev D scope S [label L] [no_track] [preferred_lft N|forever|deprecated] [set]}.
 * The prefix is shown only when shorter than the address; the device defaults to the instance's interface, the
 * scope to {@code global}; IPv6 addresses get {@code preferred_lft forever} with a prefix shorter than 128 and
 * {@code deprecated} without one unless the entry sets {@code preferred_lft}. Not reproduced yet: {@code peer}
 * and the address flags {@code home}, {@code -nodad}, {@code mngtmpaddr}, {@code noprefixroute},
 * {@code autojoin}, {@code use_vmac} (omitted from the text).
 */
final class KeepalivedVip {
    private KeepalivedVip() {
    }

    static String format(String entry, String defaultDevice, boolean set) {
        String[] t = entry.trim().split("\\s+");
        String addr = t[0];
        int slash = addr.indexOf('/');
        String host = slash < 0 ? addr : addr.substring(0, slash);
        boolean v6 = host.contains(":");
        int full = v6 ? 128 : 32;
        int len = full;
        if (slash >= 0) {
            try {
                len = Integer.parseInt(addr.substring(slash + 1));
            } catch (NumberFormatException e) {
                len = full;
            }
        }
        String dev = defaultDevice;
        String scope = "global";
        String brd = null;
        String label = null;
        String lft = null;
        boolean noTrack = false;
        for (int i = 1; i < t.length; i++) {
            boolean hasArg = i + 1 < t.length;
            switch (t[i]) {
                case "dev" -> dev = hasArg ? t[++i] : dev;
                case "scope" -> scope = hasArg ? t[++i] : scope;
                case "brd", "broadcast" -> brd = hasArg ? t[++i] : brd;
                case "label" -> label = hasArg ? t[++i] : label;
                case "preferred_lft" -> lft = hasArg ? t[++i] : lft;
                case "peer", "track_group" -> i++;
                case "no_track" -> noTrack = true;
                default -> {
                    // flags not reproduced (see class comment)
                }
            }
        }
        StringBuilder sb = new StringBuilder(host);
        if (len != full) {
            sb.append('/').append(len);
        }
        if (!v6 && brd != null) {
            String b = broadcast(host, len, brd);
            if (b != null) {
                sb.append(" brd ").append(b);
            }
        }
        sb.append(" dev ").append(dev).append(" scope ").append(v6 ? "global" : scope);
        if (!v6 && label != null) {
            sb.append(" label ").append(label);
        }
        if (noTrack) {
            sb.append(" no_track");
        }
        if (v6) {
            if (lft == null) {
                sb.append(len == 128 ? " deprecated" : " preferred_lft forever");
            } else if (lft.equals("forever")) {
                sb.append(" preferred_lft forever");
            } else if (lft.equals("0")) {
                sb.append(" deprecated");
            } else {
                sb.append(" preferred_lft ").append(lft);
            }
        }
        if (set) {
            sb.append(" set");
        }
        return sb.toString();
    }

    /** The broadcast address: as given, or computed for {@code +} (host bits set) and {@code -} (cleared). */
    private static String broadcast(String host, int len, String brd) {
        if (!brd.equals("+") && !brd.equals("-")) {
            return brd;
        }
        if (len > 30) {
            return null;
        }
        String[] q = host.split("\\.");
        if (q.length != 4) {
            return null;
        }
        int v = 0;
        for (String part : q) {
            int octet;
            try {
                octet = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                return null;
            }
            if (octet < 0 || octet > 255) {
                return null;
            }
            v = (v << 8) | octet;
        }
        int mask = len == 0 ? 0 : -1 << (32 - len);
        v = brd.equals("+") ? v | ~mask : v & mask;
        return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }
}
