package org.calpe.config.keepalived.schema.security;

import java.util.Locale;

/**
 * Which keepalived process checks a script and what happens to it when it fails, derived from the
 * {@code Scripts.Script#kind()} the keyword handler registered.
 */
public enum ScriptRole {
    /** {@code vrrp_script}'s script: failures are configuration errors and the script is removed. */
    TRACK(true, false),
    /** {@code MISC_CHECK}'s {@code misc_path}: removed with an error when its user cannot be set. */
    MISC(false, true),
    /** {@code notify*} of {@code vrrp_instance} and {@code vrrp_sync_group}: dropped silently. */
    VRRP_NOTIFY(true, false),
    /** {@code notify_up/down}, {@code quorum_up/down}: dropped silently. */
    CHECK_NOTIFY(false, true),
    /** {@code notify_fifo_script}: checked by both processes. */
    FIFO(true, true),
    /** {@code vrrp_notify_fifo_script}. */
    VRRP_FIFO(true, false),
    /** {@code lvs_notify_fifo_script}. */
    LVS_FIFO(false, true),
    /** {@code startup_script}: checked by the parent process. */
    STARTUP(false, false),
    /** {@code shutdown_script}: checked by the parent process. */
    SHUTDOWN(false, false);

    private final boolean vrrp;
    private final boolean checker;

    ScriptRole(boolean vrrp, boolean checker) {
        this.vrrp = vrrp;
        this.checker = checker;
    }

    /** Checked by the VRRP process (which checks only when there is a vrrp_instance). */
    public boolean vrrp() {
        return vrrp;
    }

    /** Checked by the checker process (which checks only when there is a virtual_server with real servers). */
    public boolean checker() {
        return checker;
    }

    /** Checked by the parent process (always). */
    public boolean parent() {
        return this == STARTUP || this == SHUTDOWN;
    }

    /**
     * The role for a registered kind: "vrrp script"/"vrrp_script"/"track script", "MISC_CHECK"/"misc_path"/
     * "misc script", "notify_up"/"notify_down"/"quorum_up"/"quorum_down", "notify_fifo_script",
     * "vrrp_notify_fifo_script", "lvs_notify_fifo_script", "startup_script", "shutdown_script"; any other kind
     * (notify, notify_master, …) is a VRRP notify script.
     */
    public static ScriptRole of(String kind) {
        String k = kind.toLowerCase(Locale.ROOT).replace(' ', '_');
        if (k.contains("lvs_notify_fifo")) {
            return LVS_FIFO;
        }
        if (k.contains("vrrp_notify_fifo")) {
            return VRRP_FIFO;
        }
        if (k.contains("notify_fifo")) {
            return FIFO;
        }
        if (k.contains("misc")) {
            return MISC;
        }
        if (k.contains("notify_up") || k.contains("notify_down") || k.contains("quorum_up")
                || k.contains("quorum_down")) {
            return CHECK_NOTIFY;
        }
        if (k.contains("startup")) {
            return STARTUP;
        }
        if (k.contains("shutdown")) {
            return SHUTDOWN;
        }
        if (k.contains("vrrp_script") || k.contains("track")) {
            return TRACK;
        }
        return VRRP_NOTIFY;
    }

    /** The kind without a trailing " script", for messages that add the word themselves. */
    public static String bareKind(String kind) {
        return kind.endsWith(" script") ? kind.substring(0, kind.length() - " script".length()) : kind;
    }
}
