package org.calpe.config.api;

/** Event Admin topics and property names of the configuration pipeline. */
public final class ConfigTopics {
    private ConfigTopics() {
    }

    /**
     * The operator asked for a reload of keepalived.conf (SIGHUP, as with keepalived). Posted by the appliance
     * runtime; the config media re-reads the media at once. Property: signal.
     */
    public static final String RELOAD_REQUESTED = "org/calpe/config/RELOAD_REQUESTED";

    /** A configuration was applied to Config Admin. Properties: file, snapshot, changed, deleted. */
    public static final String APPLIED = "org/calpe/config/APPLIED";
    /** A configuration was rejected; nothing changed. Properties: file, diagnostics. */
    public static final String REJECTED = "org/calpe/config/REJECTED";
    /** The media disappeared or became unreadable; running on the last good configuration. */
    public static final String MEDIA_LOST = "org/calpe/config/media/LOST";
    /** The media is back. */
    public static final String MEDIA_RESTORED = "org/calpe/config/media/RESTORED";
    /** A bundle from the media drop folder was installed or updated. Properties: bsn, version, action. */
    public static final String BUNDLE_DEPLOYED = "org/calpe/config/media/BUNDLE_DEPLOYED";

    public static final String PROP_FILE = "file";
    public static final String PROP_SNAPSHOT = "snapshot";
    public static final String PROP_CHANGED = "changed";
    public static final String PROP_DELETED = "deleted";
    public static final String PROP_DIAGNOSTICS = "diagnostics";
}
