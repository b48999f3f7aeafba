package org.calpe.exec.api;

import java.util.ArrayList;
import java.util.List;

/** The splitting rules documented on {@link ScriptCommand}; package private, reached through its factory. */
final class CommandSplitter {
    private CommandSplitter() {
    }

    static List<String> split(String src) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int n = src.length();
        int i = skipBlanks(src, 0);
        while (i < n) {
            word.setLength(0);
            char quote = 0;
            while (i < n) {
                char c = src.charAt(i);
                if (c == '\\') {
                    if (i + 1 >= n) {
                        throw new IllegalArgumentException("Missing escape char at end: '" + src + "'");
                    }
                    i = unescape(src, i + 1, word);
                } else if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        word.append(c);
                    }
                    i++;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                    i++;
                } else if (isBlank(c)) {
                    break;
                } else {
                    word.append(c);
                    i++;
                }
            }
            if (quote != 0) {
                throw new IllegalArgumentException("String '" + src + "': missing terminating " + quote);
            }
            words.add(word.toString());
            i = skipBlanks(src, i);
        }
        return words;
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && isBlank(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    /** C's {@code isxdigit}: ASCII only ({@link Character#digit} would also take other scripts' digits). */
    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Appends the character escaped at {@code i} (just after the backslash); returns the index after it. */
    private static int unescape(String s, int i, StringBuilder out) {
        int n = s.length();
        char c = s.charAt(i);
        if (c == 'x' && i + 1 < n && isHex(s.charAt(i + 1))) {
            int value = 0;
            int j = i + 1;
            while (j < n && isHex(s.charAt(j))) {
                value = (value * 16 + Character.digit(s.charAt(j), 16)) & 0xff;
                j++;
            }
            out.append((char) value);
            return j;
        }
        if (c == 'c' && i + 1 < n) {
            out.append((char) (s.charAt(i + 1) & 0x1f));
            return i + 2;
        }
        if (c >= '0' && c <= '7') {
            int value = 0;
            int j = i;
            while (j < n && j < i + 3 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                value = value * 8 + (s.charAt(j) - '0');
                j++;
            }
            out.append((char) (value & 0xff));
            return j;
        }
        out.append(switch (c) {
            case 'a' -> '\u0007';
            case 'b' -> '\b';
            case 'E' -> '\u001b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> '\u000b';
            default -> c;
        });
        return i + 1;
    }
}
