package org.calpe.config.keepalived.lexer;

/**
 * keepalived's {@code decomment()}: removes leading blanks, a comment starting at an unquoted {@code #} or
 * {@code !}, the backslash of an unquoted {@code \#} or {@code \!} (which stand for the character itself), and
 * trailing blanks (also before a final {@code \}, which is kept). Only double quotes protect comment characters.
 */
final class Decommenter {
    private Decommenter() {
    }

    /** The result: the text, and whether a {@code "} was left open (keepalived: "Unterminated quote"). */
    record Result(Text text, boolean unterminatedQuote) {
    }

    static Result decomment(Text in) {
        Text t = in.stripLeadingBlanks();
        String s = t.chars();
        int n = s.length();
        StringBuilder out = null; // created only when a backslash escape must be removed
        int[] cols = null;
        int outLen = 0;
        boolean quote = false;
        boolean cont = false;
        int comment = -1; // where an unquoted # or ! starts a comment
        int end = n; // exclusive end of the kept text in s
        int i = 0;
        int copiedUpTo = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"') {
                if (comment < 0) {
                    quote = !quote;
                }
                i++;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    cont = true; // a final backslash, even at the end of a comment (as keepalived)
                    end = i;
                    break;
                }
                char d = s.charAt(i + 1);
                if (comment < 0 && !quote && (d == '#' || d == '!')) {
                    if (out == null) {
                        out = new StringBuilder(n);
                        cols = new int[n];
                    }
                    for (int k = copiedUpTo; k < i; k++) {
                        out.append(s.charAt(k));
                        cols[outLen++] = t.col(k);
                    }
                    copiedUpTo = i + 1; // drop the backslash, keep the character
                }
                i += 2;
            } else {
                if (comment < 0 && !quote && (c == '#' || c == '!')) {
                    comment = i;
                }
                i++;
            }
        }
        if (comment >= 0) {
            end = comment;
        }
        Text kept;
        if (out == null) {
            kept = t.substring(0, end);
        } else {
            for (int k = copiedUpTo; k < end; k++) {
                out.append(s.charAt(k));
                cols[outLen++] = t.col(k);
            }
            kept = new Text(out.toString(), java.util.Arrays.copyOf(cols, outLen));
        }
        kept = kept.stripTrailingBlanks();
        if (cont) {
            int col = t.col(end);
            kept = new Text(kept.chars() + "\\", appendCol(kept, col));
        }
        return new Result(kept, quote);
    }

    private static int[] appendCol(Text t, int col) {
        int[] c = new int[t.length() + 1];
        for (int k = 0; k < t.length(); k++) {
            c[k] = t.col(k);
        }
        c[t.length()] = col;
        return c;
    }
}
