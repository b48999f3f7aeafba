package org.calpe.alert.smtp.mail;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.calpe.vrrp.api.VrrpState;

/**
 * The subjects and bodies of keepalived 2.2.7's alert mails (smtp.c {@code smtp_alert()}, vrrp_notify.c
 * {@code vrrp_smtp_notifier()} / {@code vrrp_sync_smtp_notifier()}, the checkers' {@code smtp_alert(SMTP_MSG_RS…)}
 * calls and ipwrapper.c {@code do_vs_notifies()}). Subjects are cut at 255 bytes and bodies at 511 bytes, as
 * keepalived's fixed buffers do.
 */
public final class KeepalivedMails {
    /** keepalived's MAX_HEADERS_LENGTH - 1. */
    static final int MAX_SUBJECT = 255;
    /** keepalived's MAX_BODY_LENGTH - 1. */
    static final int MAX_BODY = 511;

    private KeepalivedMails() {
    }

    /** The mail for a VRRP instance entering {@code state}; none for INIT and DELETED. */
    public static Optional<MailText> instance(String routerId, String instance, VrrpState state) {
        String[] sb = switch (state) {
            case MASTER -> new String[] {"Entering MASTER state", "=> VRRP Instance is now owning VRRP VIPs <="};
            case BACKUP -> new String[] {"Entering BACKUP state", "=> VRRP Instance is no longer owning VRRP VIPs <="};
            case FAULT -> new String[] {"Entering FAULT state", "=> VRRP Instance is no longer owning VRRP VIPs <="};
            case STOP -> new String[] {"Stopping", "=> VRRP Instance stopping <="};
            default -> null;
        };
        return sb == null ? Optional.empty()
                : Optional.of(text("[" + routerId + "] VRRP Instance " + instance + " - " + sb[0], sb[1]));
    }

    /** The mail for a sync group entering {@code state}; none for INIT and DELETED. */
    public static Optional<MailText> group(String routerId, String group, VrrpState state) {
        String[] sb = switch (state) {
            case MASTER -> new String[] {"Entering MASTER state", "=> All VRRP group instances are now in MASTER state <="};
            case BACKUP -> new String[] {"Entering BACKUP state", "=> All VRRP group instances are now in BACKUP state <="};
            case FAULT -> new String[] {"Entering FAULT state", "=> All VRRP group instances are now in FAULT state <="};
            case STOP -> new String[] {"Stopping", "=> All VRRP group instances are now stopping <="};
            default -> null;
        };
        return sb == null ? Optional.empty()
                : Optional.of(text("[" + routerId + "] VRRP Group " + group + " - " + sb[0], sb[1]));
    }

    /**
     * A real server mail: {@code alive} is the real server's state after the event (keepalived prints
     * {@code rs->alive}, not the checker's result), {@code body} comes from {@link #checkerBody}.
     */
    public static MailText realServer(String routerId, String realServer, String virtualServer, boolean alive,
            String body) {
        return text("[" + routerId + "] Realserver " + realServer + " of virtual server " + virtualServer + " - "
                + (alive ? "UP" : "DOWN"), body);
    }

    /** A real server taken out at shutdown or reload (keepalived's SMTP_MSG_RS_SHUT). */
    public static MailText realServerRemoved(String routerId, String realServer, String virtualServer,
            boolean shuttingDown) {
        return text("[" + routerId + "] Realserver " + realServer + " of virtual server " + virtualServer
                + " - DOWN", shuttingDown ? "=> Shutting down <=" : "=> Removing <=");
    }

    /**
     * A virtual server quorum mail. {@code init} is keepalived's start-up case ("Starting with quorum up/down");
     * the numbers are printed as keepalived does, {@code quorum+hysteresis=threshold <= weightSum}, also when
     * the quorum was lost.
     */
    public static MailText quorum(String routerId, String virtualServer, boolean up, boolean init, long quorum,
            long hysteresis, long threshold, long weightSum) {
        String what = up ? (init ? "Starting with quorum up" : "Gained quorum")
                : (init ? "Starting with quorum down" : "Lost quorum");
        return text("[" + routerId + "] Virtualserver " + virtualServer + " - " + (up ? "UP" : "DOWN"),
                cut("=> " + what + " " + quorum + "+" + hysteresis + "=" + threshold + " <= " + weightSum + " <=", 79));
    }

    /** A quorum mail when the engine did not say the numbers: keepalived's words without them. */
    public static MailText quorumWithoutNumbers(String routerId, String virtualServer, boolean up) {
        return text("[" + routerId + "] Virtualserver " + virtualServer + " - " + (up ? "UP" : "DOWN"),
                up ? "=> Gained quorum <=" : "=> Lost quorum <=");
    }

    /** The quorum mail sent while shutting down with {@code omega}. */
    public static MailText quorumShutdown(String routerId, String virtualServer) {
        return text("[" + routerId + "] Virtualserver " + virtualServer + " - DOWN", "=> Shutting down <=");
    }

    /**
     * The body a checker of keepalived's type sends when it changes state. {@code reason} is the checker's
     * failure text where keepalived includes one (HTTP_GET, SSL_GET, SMTP_CHECK); {@code timedOut} turns MISC_CHECK's
     * "failed" into "timed out"; {@code name} is BFD_CHECK's BFD instance.
     */
    public static String checkerBody(String type, boolean up, String reason, boolean timedOut, String name) {
        String t = type == null ? "" : type;
        return switch (t) {
            case "TCP_CHECK" -> up ? "=> TCP CHECK succeed on service <=" : "=> TCP CHECK failed on service <=";
            case "UDP_CHECK" -> up ? "=> UDP CHECK succeed on service <=" : "=> UDP CHECK failed on service <=";
            case "PING_CHECK" -> up ? "=> ICMP CHECK succeed on service <=" : "=> ICMP CHECK failed on service <=";
            case "DNS_CHECK" -> up ? "=> DNS_CHECK: succeed on service <=" : "=> DNS_CHECK: failed on service <=";
            case "MISC_CHECK" -> "=> MISC CHECK " + (up ? "succeeded" : timedOut ? "timed out" : "failed")
                    + " on service <=";
            case "BFD_CHECK" -> "=> BFD CHECK " + (name == null ? "" : name) + " " + (up ? "succeeded" : "failed")
                    + " on service <=";
            default -> up ? "=> CHECK succeed on service <="
                    : reason == null || reason.isEmpty() ? "=> CHECK failed on service <="
                    : "=> CHECK failed on service : " + reason + " <=";
        };
    }

    private static MailText text(String subject, String body) {
        return new MailText(cut(subject, MAX_SUBJECT), cut(body, MAX_BODY));
    }

    /** The longest prefix of {@code s} whose UTF-8 encoding fits in {@code maxBytes}, as snprintf cuts. */
    static String cut(String s, int maxBytes) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= maxBytes) {
            return s;
        }
        int end = maxBytes;
        while (end > 0 && (b[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }
}
