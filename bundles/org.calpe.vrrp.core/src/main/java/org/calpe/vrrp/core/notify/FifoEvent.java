package org.calpe.vrrp.core.notify;

/**
 * Instance events that keepalived writes to the notify FIFOs in place of a state (never passed to scripts as a
 * state).
 */
public enum FifoEvent {
    /** A master received an advert with a lower priority than its own ({@code notify_master_rx_lower_pri}). */
    MASTER_RX_LOWER_PRI,
    /** The effective priority of a MASTER changed ({@code notify_priority_changes}). */
    MASTER_PRIORITY,
    /** The effective priority of an instance that is not MASTER changed ({@code notify_priority_changes}). */
    BACKUP_PRIORITY
}
