package org.calpe.config.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the config media looks like right now.
 *
 * @param directory the media directory in use
 * @param origin how it was found (configuration, framework property, partition label, bundled example)
 * @param state the state of the media and its configuration
 * @param message a one-line explanation for operators
 * @param lastApplied when the running configuration was last applied, if ever
 * @param lastSnapshot the id of the snapshot of the running configuration, or empty
 * @param diagnostics diagnostics of the last parse (the rejected one when state is REJECTED)
 * @param watched files being watched for changes
 */
public record MediaStatus(String directory, String origin, State state, String message,
        Optional<Instant> lastApplied, String lastSnapshot, List<Diagnostic> diagnostics, Set<String> watched) {
    public MediaStatus {
        diagnostics = List.copyOf(diagnostics);
        watched = Set.copyOf(watched);
    }

    /** States of the media. */
    public enum State {
        /** Not read yet. */
        STARTING,
        /** The configuration on the media is the one running. */
        OK,
        /** The last edit was rejected; the last good configuration keeps running. */
        REJECTED,
        /** The media or keepalived.conf is missing or unreadable; the last good configuration keeps running. */
        LOST
    }
}
