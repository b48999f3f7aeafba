package org.calpe.config.api;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.calpe.config.api.model.KeepalivedConfig;

/**
 * The outcome of reading a configuration: the model (absent when a fatal problem prevents one), every
 * diagnostic in file order, and every file that was read (the main file and all includes), for watching.
 */
public record ParseResult(Optional<KeepalivedConfig> config, List<Diagnostic> diagnostics, Set<Path> files) {
    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
        files = Set.copyOf(files);
    }

    /** The worst severity reported, if any. */
    public Optional<Severity> worst() {
        return diagnostics.stream().map(Diagnostic::severity).min(Comparator.naturalOrder());
    }

    /**
     * {@code keepalived -t}'s exit code for this result: 0 ok, 2 aborted (missing parameter), 4 fatal, 5 error
     * or warning, 6 security.
     */
    public int exitCode() {
        return worst().map(Severity::exitCode).orElse(0);
    }

    /**
     * Whether the configuration may be applied to the running box. Calpe is stricter than keepalived: a file
     * with any error is not applied (keepalived would drop the offending line and go on). Warnings are fine, and
     * so are security findings: keepalived runs such a configuration (scripts without
     * {@code enable_script_security} run with a "SECURITY VIOLATION" line in the log; with it, an insecure script
     * is not run, which Calpe's script runner enforces when the script is due), only {@code keepalived -t}
     * exits 6 for it.
     */
    public boolean applicable() {
        return config.isPresent() && diagnostics.stream().map(Diagnostic::severity)
                .noneMatch(s -> s == Severity.ABORT || s == Severity.FATAL || s == Severity.ERROR);
    }
}
