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
        Digits d = Digits.scan(s, from, false);
        if (d.end() == from) {
            return new Parsed(0, from); // no conversion: endptr = start
        }
        if (d.overflow()) {
            return new Parsed(d.negative() ? Long.MIN_VALUE : Long.MAX_VALUE, d.end());
        }
        return new Parsed(d.negative() ? -d.magnitude() : d.magnitude(), d.end());
    }

    /**
     * {@code strtoul(s + from, &end, 10)} on a 64-bit machine: as strtol, but a '-' negates modulo 2^64 and an
     * overflow gives ULONG_MAX. The value is returned as the unsigned 64-bit pattern.
     */
    static Parsed strtoul(String s, int from) {
        Digits d = Digits.scan(s, from, true);
        if (d.end() == from) {
            return new Parsed(0, from);
        }
        if (d.overflow()) {
            return new Parsed(-1L, d.end());
        }
        return new Parsed(d.negative() ? -d.magnitude() : d.magnitude(), d.end());
    }

    /**
     * White space, an optional sign and decimal digits, as both strto* read them.
     *
     * @param end the index after the digits, or the start index when there were none
     */
    private record Digits(boolean negative, long magnitude, boolean overflow, int end) {
        static Digits scan(String s, int from, boolean unsigned) {
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
                boolean tooBig = unsigned ? Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, 10)) > 0
                        : v > (Long.MAX_VALUE - d) / 10;
                if (tooBig) {
                    overflow = true;
                } else if (!overflow) {
                    v = v * 10 + d;
                }
                i++;
            }
            return new Digits(neg, v, overflow, i == digitsStart ? from : i);
        }
    }

    /** {@code atoi}: glibc's {@code (int) strtol(s, NULL, 10)}. */
    static int atoi(String s) {
        return (int) strtol(s, 0).value();
    }
}
