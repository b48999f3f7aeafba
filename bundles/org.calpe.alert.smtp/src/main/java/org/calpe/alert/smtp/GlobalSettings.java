package org.calpe.alert.smtp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.calpe.alert.smtp.client.SmtpSettings;
import org.calpe.alert.smtp.client.StartTls;

/**
 * The mail settings of {@code global_defs} (Config Admin {@code org.calpe.Global}), with keepalived 2.2.7's
 * defaults: router_id = the host name, notification_email_from = {@code <user>@<host name>}, smtp_helo_name = the
 * host name, port 25, smtp_connect_timeout 30 s. The three smtp_alert switches stay null when unset, because
 * keepalived distinguishes "unset" from "off" when it picks a default for an instance or a virtual server.
 *
 * @param smtp null when no smtp_server is configured (keepalived then sends nothing)
 */
record GlobalSettings(String routerId, String from, List<String> recipients, SmtpSettings smtp, Boolean smtpAlert,
        Boolean smtpAlertVrrp, Boolean smtpAlertChecker, boolean noEmailFaults, boolean noCheckerEmails,
        int queueMax) {
    static final int DEFAULT_QUEUE_MAX = 1000;
    static final int DEFAULT_TIMEOUT_SECONDS = 30;

    GlobalSettings {
        recipients = List.copyOf(recipients);
    }

    /** keepalived sends a mail only when there are recipients and a server. */
    boolean mailable() {
        return smtp != null && !recipients.isEmpty();
    }

    /** The default for an instance or sync group without its own smtp_alert. */
    boolean vrrpDefault() {
        return smtpAlertVrrp != null ? smtpAlertVrrp : smtpAlert != null && smtpAlert;
    }

    /** The default for a virtual server without its own smtp_alert. */
    boolean checkerDefault() {
        return smtpAlertChecker != null ? smtpAlertChecker : smtpAlert != null && smtpAlert;
    }

    static GlobalSettings from(Map<String, ?> p, String hostName, String userName) {
        String routerId = string(p.get("router_id"), hostName);
        String from = string(p.get("notification_email_from"), userName + "@" + hostName);
        List<String> to = strings(p.get("notification_email"));
        SmtpSettings smtp = null;
        List<String> server = words(p.get("smtp_server"));
        if (!server.isEmpty()) {
            int port = server.size() > 1 ? integer(server.get(1), 25) : 25;
            long timeout = integer(p.get("smtp_connect_timeout"), DEFAULT_TIMEOUT_SECONDS);
            StartTls tls = StartTls.ofWord(string(p.get("smtp_starttls"), "on").toLowerCase(Locale.ROOT));
            String ca = string(p.get("smtp_tls_ca"), null);
            smtp = new SmtpSettings(server.get(0), port, string(p.get("smtp_helo_name"), hostName),
                    Duration.ofSeconds(Math.max(1, timeout)), tls == null ? StartTls.ON : tls,
                    ca == null ? null : Path.of(ca), string(p.get("smtp_auth_user"), null),
                    string(p.get("smtp_auth_password"), null));
        }
        return new GlobalSettings(routerId, from, to, smtp, bool(p.get("smtp_alert")), bool(p.get("smtp_alert_vrrp")),
                bool(p.get("smtp_alert_checker")), Boolean.TRUE.equals(bool(p.get("no_email_faults"))),
                Boolean.TRUE.equals(bool(p.get("no_checker_emails"))),
                Math.max(1, integer(p.get("smtp_queue_max"), DEFAULT_QUEUE_MAX)));
    }

    /** A Config Admin value as a switch: Boolean, or keepalived's words; null when absent or unreadable. */
    static Boolean bool(Object v) {
        Object x = first(v);
        if (x instanceof Boolean b) {
            return b;
        }
        if (x == null) {
            return null;
        }
        return switch (x.toString().trim().toLowerCase(Locale.ROOT)) {
            case "", "on", "true", "yes" -> Boolean.TRUE;
            case "off", "false", "no" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static String string(Object v, String dflt) {
        Object x = first(v);
        return x == null || x.toString().isEmpty() ? dflt : x.toString();
    }

    private static int integer(Object v, int dflt) {
        Object x = first(v);
        if (x instanceof Number n) {
            return n.intValue();
        }
        try {
            return x == null ? dflt : Integer.parseInt(x.toString().trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static Object first(Object v) {
        if (v instanceof Object[] a) {
            return a.length == 0 ? null : a[0];
        }
        if (v instanceof Collection<?> c) {
            return c.isEmpty() ? null : c.iterator().next();
        }
        return v;
    }

    /** A list value (String[], Collection or one String) as strings, in order. */
    static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof Object[] a) {
            for (Object o : a) {
                out.add(String.valueOf(o));
            }
        } else if (v instanceof Collection<?> c) {
            c.forEach(o -> out.add(String.valueOf(o)));
        } else if (v != null) {
            out.add(v.toString());
        }
        return out;
    }

    /** A value as blank-separated words ({@code smtp_server 127.0.0.1 2525} arrives as one string or a list). */
    private static List<String> words(Object v) {
        List<String> out = new ArrayList<>();
        for (String s : strings(v)) {
            for (String w : s.trim().split("\\s+")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        }
        return out;
    }
}
