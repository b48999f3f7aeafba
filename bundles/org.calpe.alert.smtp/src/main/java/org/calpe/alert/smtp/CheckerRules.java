package org.calpe.alert.smtp;

import java.util.LinkedHashMap;
import java.util.Map;

import org.calpe.alert.smtp.mail.KeepalivedMails;

/**
 * When keepalived 2.2.7 mails about a real server. keepalived mails from the checker, after the checker changed
 * state: the subject carries the real server's state after the change ({@code rs->alive}), the body the checker's
 * text; it mails if the real server's smtp_alert is on and either the real server changed state or
 * {@code no_checker_emails} is off.
 * <p>
 * Calpe's engine posts a checker event and, when the real server changes too, a real-server event; this class
 * pairs them per real server, in either order, within a short window ({@link #flush} is called when the window
 * of a real server closes): a checker event alone is a checker change that left the real server as it was (it
 * is then down: one of its checkers is down); a real-server event alone (no checker event in the window) gets
 * the generic body. Not thread-safe: one thread feeds it.
 */
final class CheckerRules {
    /** What arrived for one real server within the window. */
    private static final class Pending {
        String checkerBody;
        Boolean realServerUp;
        String rsBodyHint;
        long when;
    }

    private final Map<String, Pending> pending = new LinkedHashMap<>();

    /**
     * A checker changed state.
     *
     * @return true if a window was opened for this real server (the caller schedules {@link #flush})
     */
    boolean checker(GlobalSettings g, ObjectSwitches o, String rs, String vs, String body, long when,
            MailSink sink) {
        String key = key(rs, vs);
        Pending p = pending.get(key);
        if (p != null && p.checkerBody != null) {
            flush(g, o, rs, vs, sink); // a second checker change before the first one's window closed
            p = null;
        }
        boolean opened = p == null;
        if (p == null) {
            p = new Pending();
            p.when = when;
            pending.put(key, p);
        }
        p.checkerBody = body;
        if (p.realServerUp != null) {
            flush(g, o, rs, vs, sink);
            return false;
        }
        return opened;
    }

    /**
     * A real server changed state; {@code bodyHint} is the checker text to use if no checker event comes.
     *
     * @return true if a window was opened for this real server
     */
    boolean realServer(GlobalSettings g, ObjectSwitches o, String rs, String vs, boolean up, String bodyHint,
            long when, MailSink sink) {
        String key = key(rs, vs);
        Pending p = pending.get(key);
        if (p != null && p.realServerUp != null) {
            flush(g, o, rs, vs, sink);
            p = null;
        }
        boolean opened = p == null;
        if (p == null) {
            p = new Pending();
            p.when = when;
            pending.put(key, p);
        }
        p.realServerUp = up;
        p.rsBodyHint = bodyHint;
        if (p.checkerBody != null) {
            flush(g, o, rs, vs, sink);
            return false;
        }
        return opened;
    }

    /** Closes the window of a real server and mails what it holds, if anything. */
    void flush(GlobalSettings g, ObjectSwitches o, String rs, String vs, MailSink sink) {
        Pending p = pending.remove(key(rs, vs));
        if (p == null || !enabled(g, o, rs, vs)) {
            return;
        }
        if (p.realServerUp != null) {
            String body = p.checkerBody != null ? p.checkerBody : p.rsBodyHint;
            sink.mail(p.when, KeepalivedMails.realServer(g.routerId(), rs, vs, p.realServerUp, body));
        } else if (!g.noCheckerEmails()) {
            // the real server did not change: a checker going down left it down, and a checker coming up
            // while the real server stays down means another of its checkers is still down
            sink.mail(p.when, KeepalivedMails.realServer(g.routerId(), rs, vs, false, p.checkerBody));
        }
    }

    /** The real server's smtp_alert, else its virtual server's, else smtp_alert_checker, else smtp_alert. */
    static boolean enabled(GlobalSettings g, ObjectSwitches o, String rs, String vs) {
        return o.realServer(rs, vs).or(() -> o.virtualServer(vs)).orElseGet(g::checkerDefault);
    }

    private static String key(String rs, String vs) {
        return rs + "\u0000" + vs;
    }
}
