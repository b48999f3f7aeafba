package org.calpe.check.http.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a canonical one-line rendering of a block (config.keepalived's {@code Rendering}) back into words:
 * blanks separate words; a word in double quotes may hold blanks, {@code \"} and {@code \\}.
 */
final class Words {
    private Words() {
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            StringBuilder w = new StringBuilder();
            if (c == '"') {
                i++;
                while (i < n && line.charAt(i) != '"') {
                    char d = line.charAt(i);
                    if (d == '\\' && i + 1 < n) {
                        d = line.charAt(++i);
                    }
                    w.append(d);
                    i++;
                }
                i++; // closing quote (or end of line)
            } else {
                while (i < n && !Character.isWhitespace(line.charAt(i))) {
                    w.append(line.charAt(i++));
                }
            }
            out.add(w.toString());
        }
        return out;
    }
}
