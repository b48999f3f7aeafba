package org.calpe.alert.smtp.mail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The DATA part of an alert, byte for byte as keepalived 2.2.7 sends it (smtp.h SMTP_HEADERS_CMD,
 * SMTP_BODY_CMD, SMTP_SEND_CMD):
 *
 * <pre>
 * Date: Sun, 22 Nov 2026 08:18:18 +0000\r\n
 * From: FROM\r\n
 * Subject: SUBJECT\r\n
 * X-Mailer: Keepalived\r\n
 * To: A, B\r\n
 * \r\n
 * BODY\r\n
 * \r\n
 * .\r\n
 * </pre>
 *
 * {@link #content} returns everything up to the final {@code .\r\n}, which Netty's {@code SmtpRequestEncoder}
 * writes after the last content. Unlike keepalived, a body line starting with '.' is dot-stuffed (RFC 5321
 * 4.5.2) and a lone CR or LF in a text becomes CRLF, so no text can end the DATA early; keepalived's texts have
 * neither. The date is the local time of {@code zone} in the C locale (strftime {@code %a, %d %b %Y %H:%M:%S %z}).
 */
public final class MessageFormatter {
    private static final DateTimeFormatter RFC822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss xx",
            Locale.ROOT);
    /** keepalived's To header buffer: SMTP_BUFFER_MAX - 1. */
    private static final int MAX_TO = 1023;

    private final ZoneId zone;

    public MessageFormatter(ZoneId zone) {
        this.zone = zone;
    }

    /** The headers, the body and the blank line that precede the terminating dot. */
    public byte[] content(Alert alert) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("Date: ").append(date(alert.timestamp())).append("\r\n");
        sb.append("From: ").append(oneLine(alert.from())).append("\r\n");
        sb.append("Subject: ").append(oneLine(alert.subject())).append("\r\n");
        sb.append("X-Mailer: Keepalived\r\n");
        sb.append("To: ").append(oneLine(toHeader(alert))).append("\r\n");
        sb.append("\r\n");
        sb.append(stuff(crlf(alert.body()))).append("\r\n");
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code Date:} value for a time. */
    public String date(long millis) {
        return RFC822.format(Instant.ofEpochMilli(millis).atZone(zone));
    }

    /** keepalived's comma-space list, stopping before the address that would overflow its buffer. */
    static String toHeader(Alert alert) {
        StringBuilder sb = new StringBuilder();
        for (String addr : alert.to()) {
            int extra = (sb.length() > 0 ? 2 : 0) + addr.length();
            if (sb.length() + extra > MAX_TO) {
                break;
            }
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(addr);
        }
        return sb.toString();
    }

    private static String oneLine(String s) {
        return s.replace('\r', ' ').replace('\n', ' ');
    }

    private static String crlf(String s) {
        return s.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    }

    private static String stuff(String s) {
        String out = s.startsWith(".") ? "." + s : s;
        return out.replace("\r\n.", "\r\n..");
    }
}
