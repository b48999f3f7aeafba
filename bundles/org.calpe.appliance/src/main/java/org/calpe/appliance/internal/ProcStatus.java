package org.calpe.appliance.internal;

/**
 * The parts of {@code /proc/self/status} that decide what Calpe may do: the effective uid and the effective
 * capability set.
 *
 * @param effectiveUid  second field of the {@code Uid:} line, -1 if absent
 * @param effectiveCaps the {@code CapEff:} bit mask, 0 if absent
 */
record ProcStatus(long effectiveUid, long effectiveCaps) {

    /** capability(7) bit numbers. */
    static final int CAP_NET_ADMIN = 12;
    static final int CAP_NET_RAW = 13;

    boolean has(int capability) {
        return (effectiveCaps >>> capability & 1L) != 0;
    }

    /** Parses the text of a {@code status} file; unknown or malformed lines are ignored. */
    static ProcStatus parse(String text) {
        long uid = -1;
        long caps = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("Uid:")) {
                String[] fields = line.substring(4).trim().split("\\s+");
                if (fields.length >= 2) {
                    uid = parseLong(fields[1], 10, -1);
                }
            } else if (line.startsWith("CapEff:")) {
                caps = parseLong(line.substring(7).trim(), 16, 0);
            }
        }
        return new ProcStatus(uid, caps);
    }

    private static long parseLong(String s, int radix, long fallback) {
        try {
            return Long.parseUnsignedLong(s, radix);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
