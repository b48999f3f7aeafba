package org.calpe.config.keepalived.schema.security;

import java.util.ArrayList;
import java.util.List;

/**
 * A script's command line split into words as keepalived does before running it without a shell: white space
 * separates words, single and double quotes group, a backslash takes the next character literally. Also
 * formats a command for messages the way keepalived quotes it ({@code 'word' 'word'}).
 */
public final class CommandWords {
    private CommandWords() {
    }

    public static List<String> split(String commandLine) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < commandLine.length(); i++) {
            char c = commandLine.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < commandLine.length()) {
                    cur.append(commandLine.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                inWord = true;
                if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '\\' && i + 1 < commandLine.length()) {
                    cur.append(commandLine.charAt(++i));
                } else {
                    cur.append(c);
                }
            }
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words;
    }

    /** The program: the first word, or the empty string. */
    public static String program(String commandLine) {
        List<String> w = split(commandLine);
        return w.isEmpty() ? "" : w.get(0);
    }

    /** keepalived's {@code cmd_str}: every word in single quotes, except a first word starting with '<' or '>'. */
    public static String display(String commandLine) {
        List<String> w = split(commandLine);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < w.size(); i++) {
            String word = w.get(i);
            if (i > 0) {
                sb.append(' ');
            }
            boolean bare = i == 0 && !word.isEmpty() && (word.charAt(0) == '<' || word.charAt(0) == '>');
            sb.append(bare ? word : "'" + word + "'");
        }
        return sb.toString();
    }
}
