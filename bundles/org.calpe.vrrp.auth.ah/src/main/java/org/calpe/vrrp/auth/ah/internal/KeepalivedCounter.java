package org.calpe.vrrp.auth.ah.internal;

import org.calpe.vrrp.api.AuthSequence;

/**
 * keepalived's AH anti-replay counter, mapped onto {@link AuthSequence}.
 * <p>
 * keepalived 2.2.7 keeps <em>one</em> counter per instance for both directions: an advert it sends carries the
 * counter plus one, an advert it accepts must carry more than the counter and then becomes the counter. So a
 * backup that becomes master goes on from the last sequence number it saw, and a master drops a new master's
 * adverts that do not go beyond its own. That counter is {@code max(sent, received)} here, which is exactly
 * keepalived's value as long as only {@link #next} and {@link #accept} move it (both only ever raise it). An
 * engine that sets the counter itself, as keepalived does on a lower-priority advert ({@code Syncing seq_num -
 * Increment seq}: counter = its sequence number + 1) or on becoming master after a cycle (counter = 0), writes
 * that value into both fields.
 * <p>
 * The counter never wraps: keepalived stops counting above {@code 0xFFFFFFFD}, sets {@code cycle} and sends the
 * same sequence number again, which its peers then drop as already processed.
 */
final class KeepalivedCounter {
    /** Above this keepalived does not advance the counter but marks it cycled. */
    static final long LAST_ADVANCE = 0xFFFF_FFFDL;

    private KeepalivedCounter() {
    }

    /** keepalived's single counter. */
    static long value(AuthSequence s) {
        return Math.max(s.sent(), s.received());
    }

    /**
     * The sequence numbers after sending an advert: for a new advert the counter advances (or, past its limit,
     * is marked cycled); further copies of the same advert to other unicast peers keep its number.
     */
    static AuthSequence next(AuthSequence s, boolean newAdvert) {
        if (!newAdvert) {
            return s;
        }
        long counter = value(s);
        if (counter > LAST_ADVANCE) {
            return new AuthSequence(counter, s.received(), true);
        }
        return new AuthSequence(counter + 1, s.received(), s.cycled());
    }

    /** True if keepalived accepts an advert with this sequence number: strictly above the counter. */
    static boolean fresh(AuthSequence s, long sequence) {
        return sequence > value(s);
    }

    /** The sequence numbers after accepting an advert with this sequence number. */
    static AuthSequence accept(AuthSequence s, long sequence) {
        return new AuthSequence(s.sent(), sequence, s.cycled());
    }
}
