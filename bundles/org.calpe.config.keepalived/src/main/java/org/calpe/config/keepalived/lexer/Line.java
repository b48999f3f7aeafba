package org.calpe.config.keepalived.lexer;

import java.util.List;
import java.util.Objects;

import org.calpe.config.api.Location;

/**
 * One logical line exactly as keepalived's {@code read_line()} hands it to the keyword parser: comments removed,
 * conditional prefix removed, parameters substituted, generators expanded, includes followed, and split at
 * braces. keepalived puts every {@code {} and {@code }} that is not inside {@code "..."} on a line of its own,
 * so {@code vrrp_instance VI_1 { state MASTER }} arrives as the four lines {@code vrrp_instance VI_1},
 * {@code {}, {@code state MASTER}, {@code }}; a brace line has exactly one word.
 *
 * @param words the words, never empty
 * @param text the line's text after preprocessing (what keepalived passes to keywords that re-split their line
 *        with quote and escape handling, e.g. scripts; see {@code org.calpe.exec.api.ScriptCommand#parse})
 */
public record Line(List<Word> words, String text) {
    public Line {
        words = List.copyOf(words);
        Objects.requireNonNull(text, "text");
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a line has at least one word");
        }
    }

    /** Where the line starts (its first word). */
    public Location location() {
        return words.get(0).location();
    }

    /** The first word's text (the keyword). */
    public String keyword() {
        return words.get(0).text();
    }

    public int size() {
        return words.size();
    }

    public Word word(int index) {
        return words.get(index);
    }

    /** Whether this line is the single word {@code {}. */
    public boolean isBlockStart() {
        return words.size() == 1 && words.get(0).isBlockStart();
    }

    /** Whether this line is the single word {@code }}. */
    public boolean isBlockEnd() {
        return words.size() == 1 && words.get(0).isBlockEnd();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Word w : words) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(w);
        }
        return sb.toString();
    }
}
