package org.calpe.config.keepalived.lexer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * keepalived's {@code alloc_strvec_quoted_escaped()}, which keywords taking a command line (notify scripts,
 * {@code script}, {@code misc_path}, ...) apply to their raw {@link Line#text()}: words separated by white space,
 * {@code "..."} and {@code '...'} group (quotes removed, may be glued to other text), and backslash escapes
 * {@code \a \b \E \f \n \r \t \v \nnn} (octal, up to 3 digits), {@code \xXX..} (hex), {@code \cC} (control
 * character) and {@code \C} (the character itself), inside and outside quotes.
 */
public final class EscapedWords {
    private EscapedWords() {
    }

    /**
     * The words, or a problem in keepalived's words: {@code String '...': missing terminating "} or
     * {@code Missing escape char at end: '...'}.
     */
    public record Result(List<String> words, Optional<String> problem) {
        public Result {
            words = List.copyOf(words);
        }
    }

    public static Result split(String src) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        int n = src.length();
        int i = 0;
        char quote = 0;
        while (true) {
            while (i < n && Text.isWhite(src.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            w.setLength(0);
            while (i < n) {
                char c = src.charAt(i);
                if (c == '\\') {
                    i++;
                    if (i >= n) {
                        return new Result(List.of(), Optional.of("Missing escape char at end: '" + src + "'"));
                    }
                    i = escape(src, i, w);
                } else if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        w.append(c);
                    }
                    i++;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                    i++;
                } else if (Text.isWhite(c)) {
                    break;
                } else {
                    w.append(c);
                    i++;
                }
            }
            if (quote != 0) {
                return new Result(List.of(),
                        Optional.of("String '" + src + "': missing terminating " + quote));
            }
            words.add(w.toString());
        }
        return new Result(words, Optional.empty());
    }

    /** Decodes the escape whose letter is at {@code i}; returns the index after it. */
    private static int escape(String s, int i, StringBuilder out) {
        int n = s.length();
        char c = s.charAt(i);
        if (c == 'x' && i + 1 < n && isHex(s.charAt(i + 1))) {
            int v = 0;
            i++;
            while (i < n && isHex(s.charAt(i))) {
                v = ((v << 4) | Character.digit(s.charAt(i), 16)) & 0xff; // a C char keeps the low 8 bits
                i++;
            }
            out.append((char) v);
            return i;
        }
        if (c == 'c' && i + 1 < n) {
            out.append((char) (s.charAt(i + 1) & 0x1f));
            return i + 2;
        }
        if (c >= '0' && c <= '7') {
            int v = c - '0';
            i++;
            for (int k = 0; k < 2 && i < n && s.charAt(i) >= '0' && s.charAt(i) <= '7'; k++) {
                v = (v << 3) + (s.charAt(i) - '0');
                i++;
            }
            out.append((char) (v & 0xff));
            return i;
        }
        switch (c) {
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'E' -> out.append('\u001b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000b');
            default -> out.append(c);
        }
        return i + 1;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
