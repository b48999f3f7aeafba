package org.calpe.vrrp.api;

/**
 * Event Admin topics posted by the VRRP service and the names of their properties. Listeners (notify runner,
 * SMTP alerts, console, metrics) subscribe here; nothing polls the VRRP engine.
 * <p>
 * Every event carries {@link #PROP_TIMESTAMP}. Instance events carry {@link #PROP_INSTANCE},
 * {@link #PROP_VRID}, {@link #PROP_INTERFACE}, {@link #PROP_FAMILY} and {@link #PROP_PRIORITY}; state changes
 * add {@link #PROP_STATE} and {@link #PROP_PREVIOUS_STATE} (the {@link VrrpState} names) and
 * {@link #PROP_REASON}. Group events carry {@link #PROP_GROUP}, {@link #PROP_STATE} and
 * {@link #PROP_PREVIOUS_STATE}.
 */
public final class VrrpTopics {
    private VrrpTopics() {
    }

    /** Prefix of every VRRP topic; subscribe to {@code org/calpe/vrrp/*} for all of them. */
    public static final String PREFIX = "org/calpe/vrrp/";
    /** Every topic of this API, for an Event Admin subscription. */
    public static final String ALL = "org/calpe/vrrp/*";

    /** An instance entered a new state ({@code (VI_1) Entering MASTER STATE}). */
    public static final String INSTANCE_STATE_CHANGED = "org/calpe/vrrp/Instance/STATE_CHANGED";
    /** A sync group entered a new state ({@code (G1) Entering MASTER STATE} for the group). */
    public static final String GROUP_STATE_CHANGED = "org/calpe/vrrp/Group/STATE_CHANGED";
    /**
     * The effective priority of an instance changed (track_script / track_interface / track_file weights);
     * keepalived's FIFO events {@code MASTER_PRIORITY_CHANGE} and {@code BACKUP_PRIORITY_CHANGE}.
     */
    public static final String INSTANCE_PRIORITY_CHANGED = "org/calpe/vrrp/Instance/PRIORITY_CHANGED";
    /**
     * A master received an advert of lower priority (keepalived's FIFO event {@code MASTER_RX_LOWER_PRI}).
     * Property {@link #PROP_SOURCE}: the sender.
     */
    public static final String INSTANCE_MASTER_RX_LOWER_PRI = "org/calpe/vrrp/Instance/MASTER_RX_LOWER_PRI";

    /** Instance name ({@code vrrp_instance VI_1} → {@code "VI_1"}), String. */
    public static final String PROP_INSTANCE = "instance";
    /** Sync group name, String. */
    public static final String PROP_GROUP = "group";
    /** virtual_router_id, Integer. */
    public static final String PROP_VRID = "vrid";
    /** Interface name, String. */
    public static final String PROP_INTERFACE = "interface";
    /** "inet" or "inet6", as keepalived names the family. */
    public static final String PROP_FAMILY = "family";
    /** New state, the {@link VrrpState} name, String. */
    public static final String PROP_STATE = "state";
    /** Previous state, the {@link VrrpState} name, String. */
    public static final String PROP_PREVIOUS_STATE = "previous.state";
    /** Effective priority after the event, Integer. */
    public static final String PROP_PRIORITY = "priority";
    /** Why the state changed, free text for people (e.g. "higher priority advert", "priority 0 received"). */
    public static final String PROP_REASON = "reason";
    /** Source address of the advert that caused the event, String. */
    public static final String PROP_SOURCE = "source";
    /** Milliseconds since the epoch when the event happened, Long. */
    public static final String PROP_TIMESTAMP = "timestamp";
    /**
     * On state changes: whether keepalived would run the notify scripts (and send its alert mail) for this
     * transition, Boolean; false e.g. for the FAULT an instance starts in while its trackers have not reported.
     */
    public static final String PROP_NOTIFY = "notify";
}
