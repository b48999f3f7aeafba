package org.calpe.config.keepalived.lexer;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.calpe.config.api.Diagnostic;

/**
 * What the preprocessor produced.
 *
 * @param lines the logical lines in keepalived's reading order
 * @param files every file that was opened (absolute, normalised), main file first in iteration order
 * @param diagnostics problems in the order they were found
 */
public record PreprocessResult(List<Line> lines, Set<Path> files, List<Diagnostic> diagnostics) {
    public PreprocessResult {
        lines = List.copyOf(lines);
        files = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(files));
        diagnostics = List.copyOf(diagnostics);
    }
}
