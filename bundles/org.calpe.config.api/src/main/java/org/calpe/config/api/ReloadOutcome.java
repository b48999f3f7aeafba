package org.calpe.config.api;

import java.util.List;
import java.util.Optional;

/**
 * The result of reading and possibly applying the media's configuration.
 *
 * @param applied whether the configuration was applied
 * @param exitCode {@code keepalived -t}'s exit code for what was read
 * @param diagnostics every diagnostic of the parse
 * @param result what changed in Config Admin, when applied
 * @param snapshot the snapshot id of the applied files, or empty
 * @param message a one-line summary
 */
public record ReloadOutcome(boolean applied, int exitCode, List<Diagnostic> diagnostics,
        Optional<ApplyResult> result, String snapshot, String message) {
    public ReloadOutcome {
        diagnostics = List.copyOf(diagnostics);
    }
}
