package org.calpe.check.http.core;

import java.util.BitSet;
import java.util.List;

/**
 * The set of accepted HTTP status codes of one url (keepalived's bit array over [100, 599]). keepalived fills
 * 200-299 when a url sets none, whether or not it has a digest.
 */
public final class StatusCodes {
    static final int MIN = 100;
    static final int MAX = 599;
    private static final StatusCodes DEFAULT = new StatusCodes(range(200, 299));

    private final BitSet codes;

    private StatusCodes(BitSet codes) {
        this.codes = codes;
    }

    /** keepalived's default, 200-299. */
    public static StatusCodes defaults() {
        return DEFAULT;
    }

    /**
     * Codes and ranges as {@code status_code} writes them ({@code 200}, {@code 200-299}); words outside [100, 599]
     * or malformed are skipped as keepalived skips them; an empty result gives the default.
     */
    public static StatusCodes parse(List<String> words) {
        BitSet set = new BitSet();
        for (String w : words) {
            int dash = w.indexOf('-', 1);
            try {
                int min = Integer.parseInt(dash < 0 ? w : w.substring(0, dash));
                int max = dash < 0 ? min : Integer.parseInt(w.substring(dash + 1));
                if (min >= MIN && max <= MAX && min <= max) {
                    set.set(min, max + 1);
                }
            } catch (NumberFormatException e) {
                // skipped, like keepalived's "Invalid HTTP_GET status code"
            }
        }
        return set.isEmpty() ? DEFAULT : new StatusCodes(set);
    }

    private static BitSet range(int min, int max) {
        BitSet b = new BitSet();
        b.set(min, max + 1);
        return b;
    }

    /** True if {@code code} is accepted (codes outside [100, 599] never are). */
    public boolean accepts(int code) {
        return code >= MIN && code <= MAX && codes.get(code);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatusCodes s && s.codes.equals(codes);
    }

    @Override
    public int hashCode() {
        return codes.hashCode();
    }

    @Override
    public String toString() {
        return codes.toString();
    }
}
