package org.calpe.alert.smtp.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the relay: keepalived's {@code smtp_server}, {@code smtp_helo_name} and
 * {@code smtp_connect_timeout} (used, as keepalived does, for the connect and for every reply), and Calpe's
 * {@code smtp_starttls}, {@code smtp_tls_ca}, {@code smtp_auth_user} and {@code smtp_auth_password}.
 *
 * @param authUser null for no AUTH
 * @param tlsCa    PEM file of the certificate authorities that may sign the relay's certificate, or null
 */
public record SmtpSettings(String host, int port, String heloName, Duration timeout, StartTls startTls, Path tlsCa,
        String authUser, String authPassword) {
    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(startTls, "startTls");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
        if (authUser != null && authPassword == null) {
            authPassword = "";
        }
    }

    /** The relay as keepalived logs it: {@code [127.0.0.1]:25}. */
    public String display() {
        return "[" + host + "]:" + port;
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + display() + ", helo=" + heloName + ", timeout=" + timeout + ", starttls=" + startTls
                + ", ca=" + tlsCa + ", user=" + authUser + "]"; // never the password
    }
}
