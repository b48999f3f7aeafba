package org.calpe.lvs.engine;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.FailureCause;

/**
 * The log lines operators grep for, worded as keepalived 2.2.7 words them (texts taken from the 2.2.7 binary's
 * format strings: check_tcp.c, check_http.c, check_misc.c, check_udp.c, check_ping.c, check_smtp.c, ipwrapper.c).
 */
final class KeepalivedLog {
    private KeepalivedLog() {
    }

    /** A checker went up (or passed its first check). */
    static String success(CheckSpec c, String rs, String vs) {
        return switch (c.type()) {
            case "TCP_CHECK" -> "TCP connection to " + rs + " success.";
            case "HTTP_GET", "SSL_GET" -> "Remote Web server " + rs + " succeed on service.";
            case "SMTP_CHECK" -> "Remote SMTP server " + rs + " succeed on service.";
            case "UDP_CHECK" -> "UDP connection to " + rs + " success.";
            case "PING_CHECK" -> "ICMP connection to " + rs + " success.";
            case "MISC_CHECK" -> "Misc check for [" + rs + " VS " + vs + "] by [" + c.program() + "] succeeded.";
            case "DNS_CHECK" -> "DNS_CHECK (" + rs + ") succeed";
            default -> c.type() + " on service " + rs + " succeed.";
        };
    }

    /** A checker went down after its retries ({@code counted}: keepalived's "retry && has_run"). */
    static String failed(CheckSpec c, String rs, String vs, long retry, boolean counted, CheckResult r) {
        String after = counted ? " failed after " + retry + " retries." : " failed.";
        return switch (c.type()) {
            case "TCP_CHECK" -> "TCP_CHECK on service " + rs + after;
            case "HTTP_GET", "SSL_GET" -> "HTTP_CHECK on service " + rs + after;
            case "UDP_CHECK" -> "UDP_CHECK on service " + rs + after;
            case "PING_CHECK" -> counted ? "ICMP CHECK on service " + rs + " of " + vs + " failed after " + retry
                    + " retries." : "ICMP CHECK on service " + rs + " failed.";
            case "MISC_CHECK" -> misc(c, rs, vs, retry, r);
            case "DNS_CHECK" -> "DNS_CHECK (" + rs + ") " + (r.reason().isEmpty() ? "failed" : r.reason())
                    + (retry > 0 ? " after " + retry + " retries" : "");
            default -> c.type() + " on service " + rs + after;
        };
    }

    /** One failed attempt of a checker that is up ({@code log_all_failures}). */
    static String attempt(CheckSpec c, String rs, String vs, long retry, CheckResult r) {
        return switch (c.type()) {
            case "TCP_CHECK" -> "TCP connection to " + rs + (r.cause() == FailureCause.TIMEOUT ? " timeout." : " failed.");
            case "HTTP_GET", "SSL_GET" -> (r.reason().isEmpty() ? "Check failed to" : r.reason()) + " server " + rs
                    + ".";
            case "UDP_CHECK" -> "UDP connection to " + rs + " failed.";
            case "PING_CHECK" -> "ICMP connection to " + rs + " of " + vs + " failed.";
            case "MISC_CHECK" -> misc(c, rs, vs, retry, r);
            default -> c.type() + " connection to " + rs + " failed: " + r.reason();
        };
    }

    private static String misc(CheckSpec c, String rs, String vs, long retry, CheckResult r) {
        boolean timedOut = r.cause() == FailureCause.TIMEOUT;
        String head = "Misc check for [" + rs + " VS " + vs + "] by [" + c.program() + "] "
                + (timedOut ? "timed out" : "failed") + (retry > 0 ? " after " + retry + " retries" : "");
        return timedOut || r.reason().isEmpty() ? head + "." : head + " (" + r.reason() + ").";
    }

    /** A check that could not be run (no verdict). */
    static String noVerdict(CheckSpec c, String rs, String reason) {
        return c.type() + " on service " + rs + " could not be run (" + reason + "). Rescheduling.";
    }

    /** ipwrapper.c perform_svr_state: Adding/Removing, or Enabling/Disabling under inhibit_on_failure. */
    static String serverState(boolean alive, boolean inhibit, String rs, String vs) {
        String verb = alive ? (inhibit ? "Enabling" : "Adding") : (inhibit ? "Disabling" : "Removing");
        String prep = inhibit ? "of" : alive ? "to" : "from";
        return verb + " service " + rs + " " + prep + " VS " + vs;
    }

    static String weight(int from, int to, boolean alive, String rs, String vs) {
        return "Changing weight from " + from + " to " + to + " for " + (alive ? "" : "in") + "active service " + rs
                + " of VS " + vs;
    }

    static String activating(String rs, String vs) {
        return "Activating healthchecker for service " + rs + " for VS " + vs;
    }

    /** clear_diff_rs / clear_service_rs on reload. */
    static String noLongerExists(String rs) {
        return "service " + rs + " no longer exist";
    }

    static String removing(boolean inhibitedDown, String rs, String vs) {
        return "Removing " + (inhibitedDown ? "(inhibited) " : "") + "service " + rs + " from VS " + vs;
    }

    /** ipwrapper.c update_quorum_state: "Gained quorum %u+%u=%ld <= %ld for VS %s" (also at start-up). */
    static String gainedQuorum(long quorum, long hysteresis, long threshold, long sum, String vs) {
        return "Gained quorum " + quorum + "+" + hysteresis + "=" + threshold + " <= " + sum + " for VS " + vs;
    }

    /**
     * ipwrapper.c update_quorum_state: "%s %u-%u=%ld > %ld for VS %s" with "Lost quorum", or "Starting with quorum
     * down" at start-up (the threshold printed is the one compared with, quorum + hysteresis while the quorum was
     * down).
     */
    static String lostQuorum(boolean init, long quorum, long hysteresis, long threshold, long sum, String vs) {
        return (init ? "Starting with quorum down " : "Lost quorum ") + quorum + "-" + hysteresis + "=" + threshold
                + " > " + sum + " for VS " + vs;
    }

    /** ipwrapper.c clear_service_rs while stopping. */
    static String shuttingDown(boolean inhibitedDown, String rs, String vs) {
        return "Shutting down " + (inhibitedDown ? "(inhibited) " : "") + "service " + rs + " from VS " + vs;
    }
}
