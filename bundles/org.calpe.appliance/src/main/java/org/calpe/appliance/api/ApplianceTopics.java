package org.calpe.appliance.api;

/** Event Admin topics posted by the appliance runtime. */
public final class ApplianceTopics {
    private ApplianceTopics() {
    }

    /** Posted on SIGHUP: see {@code org.calpe.config.api.ConfigTopics#RELOAD_REQUESTED}, which it equals. */
    public static final String RELOAD_REQUESTED = "org/calpe/config/RELOAD_REQUESTED";

}
