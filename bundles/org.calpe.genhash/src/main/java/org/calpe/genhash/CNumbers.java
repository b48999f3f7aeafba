package org.calpe.genhash;

/** The C library's number parsing as genhash uses it: {@code strtol}, {@code strtoul}, {@code atoi}. */
final class CNumbers {
    private CNumbers() {
    }

    /** A parse: the value and the index just after the digits (C's endptr), like strto*(3). */
    record Parsed(long value, int end) {
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    /** {@code strtol(s + from, &end, 10)}: leading white space, sign, digits; clamps to the long range. */
    static Parsed strtol(String s, int from) {
        int i = from;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        int digitsStart = i;
        long v = 0;
        boolean overflow = false;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            int d = s.charAt(i) - '0';
            if (!overflow) {
                if (v > (Long.MAX_VALUE - d) / 10) {
                    overflow = true;
                } else {
                    v = v * 10 + d;
                }
            }
            i++;
        }
        if (i == digitsStart) {
            return new Parsed(0, from); // no conversion: endptr = start
        }
        if (overflow) {
            return new Parsed(neg ? Long.MIN_VALUE : Long.MAX_VALUE, i);
        }
        return new Parsed(neg ? -v : v, i);
    }

    /**
     * {@code strtoul(s + from, &end, 10)} on a 64-bit machine: as strtol, but a '-' negates modulo 2^64 and an
     * overflow gives ULONG_MAX. The value is returned as the unsigned 64-bit pattern.
     */
    static Parsed strtoul(String s, int from) {
        int i = from;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        int digitsStart = i;
        long v = 0;
        boolean overflow = false;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            int d = s.charAt(i) - '0';
            if (!overflow) {
                if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, 10)) > 0) {
                    overflow = true;
                } else {
                    v = v * 10 + d;
                }
            }
            i++;
        }
        if (i == digitsStart) {
            return new Parsed(0, from);
        }
        if (overflow) {
            return new Parsed(-1L, i);
        }
        return new Parsed(neg ? -v : v, i);
    }

    /** {@code atoi}: glibc's {@code (int) strtol(s, NULL, 10)}. */
    static int atoi(String s) {
        return (int) strtol(s, 0).value();
    }
}
