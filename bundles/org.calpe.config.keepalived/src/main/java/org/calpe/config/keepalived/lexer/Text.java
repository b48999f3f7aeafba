package org.calpe.config.keepalived.lexer;

/**
 * A line of text being preprocessed, with the source column (1-based) of every character so that words keep
 * their position through comment removal and substitution. Immutable.
 */
final class Text {
    private final String chars;
    private final int[] cols;

    Text(String chars, int[] cols) {
        this.chars = chars;
        this.cols = cols;
    }

    /** Text whose characters sit at consecutive columns starting at {@code firstCol}. */
    static Text of(String chars, int firstCol) {
        int[] cols = new int[chars.length()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = firstCol + i;
        }
        return new Text(chars, cols);
    }

    /** Text whose characters all carry the column {@code col} (text produced by a substitution). */
    static Text at(String chars, int col) {
        int[] cols = new int[chars.length()];
        java.util.Arrays.fill(cols, col);
        return new Text(chars, cols);
    }

    String chars() {
        return chars;
    }

    int length() {
        return chars.length();
    }

    char charAt(int i) {
        return chars.charAt(i);
    }

    boolean isEmpty() {
        return chars.isEmpty();
    }

    /** Column of character {@code i}; past the end, the column after the last character. */
    int col(int i) {
        if (i < cols.length) {
            return cols[i];
        }
        return cols.length == 0 ? 1 : cols[cols.length - 1] + 1;
    }

    Text substring(int from, int to) {
        if (from == 0 && to == chars.length()) {
            return this;
        }
        int[] c = new int[to - from];
        System.arraycopy(cols, from, c, 0, c.length);
        return new Text(chars.substring(from, to), c);
    }

    Text substring(int from) {
        return substring(from, chars.length());
    }

    /** Replaces {@code [from, to)} by {@code value}; the new characters get the column of {@code from}. */
    Text replace(int from, int to, String value) {
        int col = col(from);
        int n = chars.length() - (to - from) + value.length();
        int[] c = new int[n];
        System.arraycopy(cols, 0, c, 0, from);
        java.util.Arrays.fill(c, from, from + value.length(), col);
        System.arraycopy(cols, to, c, from + value.length(), chars.length() - to);
        return new Text(chars.substring(0, from) + value + chars.substring(to), c);
    }

    boolean startsWith(String prefix) {
        return chars.startsWith(prefix);
    }

    int indexOf(char ch) {
        return chars.indexOf(ch);
    }

    int indexOf(char ch, int from) {
        return chars.indexOf(ch, from);
    }

    /** Without leading blanks (space, tab). */
    Text stripLeadingBlanks() {
        int i = 0;
        while (i < chars.length() && isBlank(chars.charAt(i))) {
            i++;
        }
        return substring(i);
    }

    /** Without trailing blanks (space, tab). */
    Text stripTrailingBlanks() {
        int e = chars.length();
        while (e > 0 && isBlank(chars.charAt(e - 1))) {
            e--;
        }
        return substring(0, e);
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** keepalived's WHITE_SPACE set. */
    static boolean isWhite(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r' || c == 0x0b;
    }

    @Override
    public String toString() {
        return chars;
    }
}
