package org.calpe.vrrp.core.runtime;

import java.util.Objects;

/**
 * One entry of a {@code track_interface} or {@code track_script} block: {@code NAME [weight W [reverse|noreverse]]},
 * as config.keepalived renders it (one canonical line per entry).
 *
 * @param name    the interface or vrrp_script name
 * @param weight  the entry's own weight, or null to use the default (0 for interfaces, the script's weight)
 * @param reverse {@code weight W reverse} (true) or {@code noreverse} (false); null when neither is given: then
 *                the tracked object's own (a vrrp_script's {@code weight W reverse}), as keepalived does
 */
record TrackRef(String name, Integer weight, Boolean reverse) {

    TrackRef {
        Objects.requireNonNull(name, "name");
    }

    /** Parses one entry line. */
    static TrackRef parse(String line) {
        String[] w = line.trim().split("\\s+");
        if (w.length == 0 || w[0].isEmpty()) {
            throw new IllegalArgumentException("empty track entry");
        }
        Integer weight = null;
        Boolean reverse = null;
        for (int i = 1; i < w.length; i++) {
            if (w[i].equals("weight") && i + 1 < w.length) {
                weight = Integer.parseInt(w[++i]);
            } else if (w[i].equals("reverse")) {
                reverse = true;
            } else if (w[i].equals("noreverse")) {
                reverse = false;
            } else {
                throw new IllegalArgumentException("track entry " + w[0] + ": unexpected '" + w[i] + "'");
            }
        }
        return new TrackRef(w[0], weight, reverse);
    }

    /** Reversed: as given, else as the tracked object is ({@code objectReverse}). */
    boolean reversed(boolean objectReverse) {
        return reverse != null ? reverse : objectReverse;
    }
}
