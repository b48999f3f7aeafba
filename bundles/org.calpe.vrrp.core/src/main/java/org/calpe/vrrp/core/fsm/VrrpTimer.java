package org.calpe.vrrp.core.fsm;

/**
 * The timers of one instance. Like keepalived's single per-instance timer ({@code sands}), at most one of them is
 * armed at a time: {@link #ADVERT} while MASTER, {@link #MASTER_DOWN} while BACKUP, none in INIT, FAULT and STOP.
 */
public enum VrrpTimer {
    /** Adver_Timer (RFC 5798 §6.4.3): send the next advert. */
    ADVERT,
    /** Master_Down_Timer (RFC 5798 §6.4.2): the master is presumed down; also Skew_Time after a priority 0 advert. */
    MASTER_DOWN
}
