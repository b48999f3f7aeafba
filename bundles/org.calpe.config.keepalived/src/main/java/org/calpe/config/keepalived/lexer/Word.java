package org.calpe.config.keepalived.lexer;

import java.util.Objects;

import org.calpe.config.api.Location;

/**
 * One word of a logical line, as keepalived's {@code alloc_strvec()} splits it: a run of non-blank characters, or
 * the contents of a {@code "..."} string (then {@code quoted} is true and the quotes are not part of the text).
 * Braces are always words of their own: text {@code "{"} or {@code "}"}, not quoted.
 *
 * @param location file, line and column where the word starts (for a substituted word, where the substitution
 *        started)
 */
public record Word(String text, boolean quoted, Location location) {
    public Word {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(location, "location");
    }

    /** Whether this is an unquoted {@code "{"}. */
    public boolean isBlockStart() {
        return !quoted && "{".equals(text);
    }

    /** Whether this is an unquoted {@code "}"}. */
    public boolean isBlockEnd() {
        return !quoted && "}".equals(text);
    }

    @Override
    public String toString() {
        return quoted ? '"' + text + '"' : text;
    }
}
