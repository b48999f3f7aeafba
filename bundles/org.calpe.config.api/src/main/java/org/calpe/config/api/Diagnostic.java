package org.calpe.config.api;

import java.util.Objects;

/** One configuration problem, with keepalived's severity and where it stands. */
public record Diagnostic(Severity severity, Location location, String message) {
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return location + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
