package org.calpe.check.http.core;

/**
 * PCRE2's ungreedy option for {@link java.util.regex}: every quantifier's greediness is inverted ({@code *} becomes
 * {@code *?} and {@code *?} becomes {@code *}); possessive quantifiers, escapes, {@code \Q…\E} and character
 * classes are left alone.
 */
final class Ungreedy {
    private Ungreedy() {
    }

    static String swap(String p) {
        StringBuilder out = new StringBuilder(p.length() + 8);
        int i = 0;
        int n = p.length();
        boolean atomBefore = false;
        while (i < n) {
            char c = p.charAt(i);
            if (c == '\\') {
                if (i + 1 < n && p.charAt(i + 1) == 'Q') {
                    int end = p.indexOf("\\E", i + 2);
                    end = end < 0 ? n : end + 2;
                    out.append(p, i, end);
                    i = end;
                } else {
                    int end = Math.min(n, i + 2);
                    out.append(p, i, end);
                    i = end;
                }
                atomBefore = true;
            } else if (c == '[') {
                int end = classEnd(p, i);
                out.append(p, i, end);
                i = end;
                atomBefore = true;
            } else if (atomBefore && (c == '*' || c == '+' || c == '?' || (c == '{' && boundEnd(p, i) > 0))) {
                int end = c == '{' ? boundEnd(p, i) : i + 1;
                out.append(p, i, end);
                i = end;
                if (i < n && p.charAt(i) == '+') {
                    out.append('+');
                    i++;
                } else if (i < n && p.charAt(i) == '?') {
                    i++; // lazy becomes greedy
                } else {
                    out.append('?');
                }
                atomBefore = false;
            } else {
                out.append(c);
                i++;
                atomBefore = c != '(' && c != '|';
            }
        }
        return out.toString();
    }

    /** Index after the character class starting at {@code start} ({@code [}). */
    private static int classEnd(String p, int start) {
        int i = start + 1;
        int n = p.length();
        if (i < n && p.charAt(i) == '^') {
            i++;
        }
        if (i < n && p.charAt(i) == ']') {
            i++;
        }
        int depth = 1;
        while (i < n && depth > 0) {
            char c = p.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            i++;
        }
        return Math.min(i, n);
    }

    /** Index after a {@code {n}}, {@code {n,}} or {@code {n,m}} bound at {@code start}, or -1 if it is none. */
    private static int boundEnd(String p, int start) {
        int i = start + 1;
        int n = p.length();
        int digits = 0;
        while (i < n && Character.isDigit(p.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0) {
            return -1;
        }
        if (i < n && p.charAt(i) == ',') {
            i++;
            while (i < n && Character.isDigit(p.charAt(i))) {
                i++;
            }
        }
        return i < n && p.charAt(i) == '}' ? i + 1 : -1;
    }
}
