package org.calpe.check.api;

/**
 * Event Admin topics the check engine posts on, and their property names. The load-balancing layer (IPVS),
 * the SMTP notifier, the console and metrics subscribe here; nothing polls the engine.
 * <p>
 * Every event carries {@link #PROP_TIMESTAMP}, {@link #PROP_VIRTUAL_SERVER} and {@link #PROP_REAL_SERVER}.
 * Real-server events add {@link #PROP_STATE}, {@link #PROP_WEIGHT}, {@link #PROP_INHIBIT} and
 * {@link #PROP_REASON}; checker events add {@link #PROP_CHECKER_TYPE}, {@link #PROP_CHECK}, {@link #PROP_STATE},
 * {@link #PROP_CAUSE} and {@link #PROP_REASON}. Virtual-server quorum events carry {@link #PROP_TIMESTAMP},
 * {@link #PROP_VIRTUAL_SERVER} (no real server), {@link #PROP_STATE}, {@link #PROP_QUORUM}, {@link #PROP_HYSTERESIS},
 * {@link #PROP_THRESHOLD}, {@link #PROP_WEIGHT_SUM}, {@link #PROP_INIT} and {@link #PROP_STOPPING}.
 * <p>
 * When the engine stops for good (bundle or framework stop) it posts, for virtual servers with {@code omega},
 * {@link #REAL_SERVER_DOWN} for each alive real server and {@link #VIRTUAL_SERVER_QUORUM_DOWN}, both with
 * {@link #PROP_STOPPING} true (keepalived's "=> Shutting down <=" notifications).
 */
public final class CheckTopics {
    private CheckTopics() {
    }

    /** Prefix of every topic of this API. */
    public static final String PREFIX = "org/calpe/lvs/";
    /** Every topic of this API, for an Event Admin subscription. */
    public static final String ALL = "org/calpe/lvs/*";

    /** A real server became alive: all its checkers are up (keepalived: "Adding service … to VS …"). */
    public static final String REAL_SERVER_UP = "org/calpe/lvs/RealServer/UP";
    /** A real server became dead: one of its checkers went down ("Removing service … from VS …"). */
    public static final String REAL_SERVER_DOWN = "org/calpe/lvs/RealServer/DOWN";
    /** A real server's weight changed without a state change ({@code misc_dynamic}). */
    public static final String REAL_SERVER_WEIGHT_CHANGED = "org/calpe/lvs/RealServer/WEIGHT_CHANGED";
    /** One checker of a real server went up ("TCP connection to … success."). */
    public static final String CHECKER_UP = "org/calpe/lvs/Checker/UP";
    /** One checker of a real server went down ("TCP_CHECK on service … failed after 1 retries."). */
    public static final String CHECKER_DOWN = "org/calpe/lvs/Checker/DOWN";
    /**
     * The service for a checker type went away (bundle stopped or uninstalled) and did not come back within the
     * engine's grace period: its checks are suspended with their last state kept. Not a "server down".
     */
    public static final String CHECKER_UNAVAILABLE = "org/calpe/lvs/Checker/UNAVAILABLE";
    /** The service for a suspended checker type is back; its checks resume with the state they had. */
    public static final String CHECKER_AVAILABLE = "org/calpe/lvs/Checker/AVAILABLE";
    /** A virtual server's quorum is met again ({@code quorum_up}). */
    public static final String VIRTUAL_SERVER_QUORUM_UP = "org/calpe/lvs/VirtualServer/QUORUM_UP";
    /** A virtual server lost its quorum ({@code quorum_down}). */
    public static final String VIRTUAL_SERVER_QUORUM_DOWN = "org/calpe/lvs/VirtualServer/QUORUM_DOWN";

    /** The virtual server as keepalived prints it: {@code [198.18.0.1]:tcp:80} or {@code FWM 1}, String. */
    public static final String PROP_VIRTUAL_SERVER = "virtual.server";
    /** The real server as keepalived prints it: {@code [198.18.0.2]:tcp:80}, String. */
    public static final String PROP_REAL_SERVER = "real.server";
    /** The new state, the {@link RealServerState} name, String. */
    public static final String PROP_STATE = "state";
    /** The real server's weight after the event (0 when inhibited), Integer. */
    public static final String PROP_WEIGHT = "weight";
    /** True when a dead real server is kept with weight 0 ({@code inhibit_on_failure}), Boolean. */
    public static final String PROP_INHIBIT = "inhibit";
    /** The checker type, {@link Checker#TYPE}'s value, String. */
    public static final String PROP_CHECKER_TYPE = "checker.type";
    /** The check's {@link CheckTarget#name()}, String. */
    public static final String PROP_CHECK = "check";
    /** The {@link FailureCause} name of the result that caused the event, String. */
    public static final String PROP_CAUSE = "cause";
    /** Why, for people: the result's reason or the engine's ("checker type removed"), String. */
    public static final String PROP_REASON = "reason";
    /** Milliseconds since the epoch when the event happened, Long. */
    public static final String PROP_TIMESTAMP = "timestamp";

    /** A virtual server's {@code quorum} after keepalived's adjustment to the total real-server weight, Long. */
    public static final String PROP_QUORUM = "quorum";
    /** A virtual server's {@code hysteresis} after keepalived's adjustment (below the quorum), Long. */
    public static final String PROP_HYSTERESIS = "hysteresis";
    /**
     * The weight sum the quorum was measured against: quorum + hysteresis while gaining, quorum - hysteresis while
     * losing, Long.
     */
    public static final String PROP_THRESHOLD = "threshold";
    /** The sum of the weights of the virtual server's alive real servers, Long. */
    public static final String PROP_WEIGHT_SUM = "weight.sum";
    /**
     * True when the quorum event is the start-up (or reload) evaluation of a virtual server (keepalived's
     * "Starting with quorum up/down"), Boolean.
     */
    public static final String PROP_INIT = "init";
    /** True on the events posted because the engine is shutting down ("=> Shutting down <="), Boolean. */
    public static final String PROP_STOPPING = "stopping";
}
