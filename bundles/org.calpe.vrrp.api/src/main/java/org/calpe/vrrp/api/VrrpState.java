package org.calpe.vrrp.api;

/**
 * The state of a VRRP instance or sync group, with keepalived's names (as in its log lines
 * {@code (VI_1) Entering MASTER STATE}, its notify scripts and its FIFO lines) and keepalived's numeric codes
 * (as in its JSON dump and SNMP).
 * <p>
 * {@link #INIT}, {@link #BACKUP} and {@link #MASTER} are the states of RFC 3768 §6.4 / RFC 5798 §6.4;
 * {@link #FAULT}, {@link #STOP} and {@link #DELETED} are keepalived's additions.
 */
public enum VrrpState {
    /** Not yet started (RFC 5798 §6.4.1 Initialize). */
    INIT(0),
    /** Monitoring the master (RFC 5798 §6.4.2). */
    BACKUP(1),
    /** Forwarding for the virtual router and sending adverts (RFC 5798 §6.4.3). */
    MASTER(2),
    /** A tracked interface, script or file failed; the instance does not take part in elections. */
    FAULT(3),
    /** The instance was removed by a reload of the configuration (notify_deleted). */
    DELETED(97),
    /** The instance stopped because Calpe (or its VRRP service) is shutting down (notify_stop). */
    STOP(98);

    private final int code;

    VrrpState(int code) {
        this.code = code;
    }

    /** keepalived's numeric code of the state (its {@code VRRP_STATE_*} values, used in its JSON dump). */
    public int code() {
        return code;
    }

    /**
     * The state with keepalived's numeric code.
     *
     * @throws IllegalArgumentException if no state has that code
     */
    public static VrrpState ofCode(int code) {
        for (VrrpState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("no VRRP state with code " + code);
    }
}
