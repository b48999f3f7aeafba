package org.calpe.vrrp.api;

/**
 * The AH sequence numbers of one instance (RFC 2402 §3.3.2 and §3.4.3), kept by the engine with the instance and
 * handed over on a hot swap. Unsigned 32-bit values held in longs. PASS leaves them at zero.
 *
 * @param sent the sequence number of the last advert sent (0 before the first)
 * @param received the highest sequence number accepted from a peer (0 before the first)
 * @param cycled true once {@code sent} reached its limit (keepalived then stops sending and becomes backup)
 */
public record AuthSequence(long sent, long received, boolean cycled) {

    /** The state of a new instance. */
    public static final AuthSequence INITIAL = new AuthSequence(0, 0, false);

    public AuthSequence {
        if (sent < 0 || sent > 0xFFFF_FFFFL || received < 0 || received > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sequence numbers are unsigned 32-bit values");
        }
    }
}
