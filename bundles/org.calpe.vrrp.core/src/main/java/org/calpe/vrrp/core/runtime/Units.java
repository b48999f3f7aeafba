package org.calpe.vrrp.core.runtime;

/** Time units of the state machine's microsecond clock. */
final class Units {
    static final long MICROS_PER_SECOND = 1_000_000L;
    static final long MICROS_PER_CENTISECOND = 10_000L;

    private Units() {
    }
}
