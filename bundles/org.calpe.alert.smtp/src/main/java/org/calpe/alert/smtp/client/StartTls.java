package org.calpe.alert.smtp.client;

/** {@code smtp_starttls}: whether the relay connection is upgraded with STARTTLS (RFC 3207). */
public enum StartTls {
    /** Never; plain SMTP as keepalived speaks it. */
    OFF,
    /** When the relay offers it (opportunistic: the certificate is only checked when smtp_tls_ca is given). */
    ON,
    /** Always; a relay without STARTTLS, or whose certificate does not verify, gets no mail (kept queued). */
    REQUIRED;

    /** The keyword's word ({@code off}, {@code on}, {@code required}), or null if it is none of them. */
    public static StartTls ofWord(String w) {
        if (w == null) {
            return null;
        }
        return switch (w) {
            case "off" -> OFF;
            case "on" -> ON;
            case "required" -> REQUIRED;
            default -> null;
        };
    }
}
