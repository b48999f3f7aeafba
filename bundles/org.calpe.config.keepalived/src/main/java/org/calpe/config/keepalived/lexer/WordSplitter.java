package org.calpe.config.keepalived.lexer;

import java.util.ArrayList;
import java.util.List;

import org.calpe.config.api.Location;

/**
 * keepalived's {@code alloc_strvec()}: words are separated by white space; a word starting with {@code "} runs to
 * the next {@code "} (quotes removed, nothing escaped); an unquoted word stops at white space or a {@code "}.
 * Single quotes and backslashes are ordinary characters here.
 */
final class WordSplitter {
    private WordSplitter() {
    }

    /** Words of a line, and whether a quote was left open (the rest of the line is then dropped, as keepalived). */
    record Result(List<Word> words, boolean unmatchedQuote) {
    }

    static Result split(Text text, String file, int line) {
        String s = text.chars();
        int n = s.length();
        List<Word> words = new ArrayList<>(4);
        int i = 0;
        while (true) {
            while (i < n && Text.isWhite(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return new Result(words, false);
            }
            int start = i;
            if (s.charAt(i) == '"') {
                int close = s.indexOf('"', i + 1);
                if (close < 0) {
                    return new Result(words, true);
                }
                words.add(new Word(s.substring(i + 1, close), true, new Location(file, line, text.col(start))));
                i = close + 1;
            } else {
                while (i < n && !Text.isWhite(s.charAt(i)) && s.charAt(i) != '"') {
                    i++;
                }
                words.add(new Word(s.substring(start, i), false, new Location(file, line, text.col(start))));
            }
        }
    }
}
