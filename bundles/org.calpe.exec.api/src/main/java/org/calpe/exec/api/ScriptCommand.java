package org.calpe.exec.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A script's command line as words, split the way keepalived splits the command string of {@code notify*},
 * {@code script} and {@code misc_path} ({@code alloc_strvec_quoted_escaped}): white space outside quotes separates
 * words; {@code "..."} and {@code '...'} group (the quotes are removed and may be glued to other text); a backslash
 * escapes, inside and outside quotes: {@code \a \b \E \f \n \r \t \v}, octal {@code \nnn} (up to three digits),
 * hex {@code \xHH..} (ASCII hex digits, as C's {@code isxdigit}), control {@code \cX}, and any other character
 * stands for itself ({@code \ }, {@code \'}). The first word is the program.
 */
public record ScriptCommand(List<String> argv) {

    public ScriptCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
            throw new IllegalArgumentException("empty script command");
        }
    }

    /** Words given as they are, e.g. a notify script plus the arguments keepalived appends. */
    public static ScriptCommand of(String... words) {
        return new ScriptCommand(List.of(words));
    }

    /**
     * Splits a configured command string.
     *
     * @throws IllegalArgumentException with keepalived's wording ({@code String '...': missing terminating "}
     *         or {@code Missing escape char at end: '...'}), or for a command without words
     */
    public static ScriptCommand parse(String commandLine) {
        return new ScriptCommand(CommandSplitter.split(commandLine));
    }

    /** This command with more arguments appended (keepalived's generic {@code notify} appends four). */
    public ScriptCommand withArguments(String... more) {
        List<String> all = new ArrayList<>(argv);
        all.addAll(List.of(more));
        return new ScriptCommand(all);
    }

    public String program() {
        return argv.get(0);
    }

    /**
     * keepalived's rule for a command that only tests whether a file opens, such as {@code </dev/tcp/host/80}:
     * the first word starts with {@code <}, then optional blanks, then {@code /}. Such a command is never
     * executed directly but given to {@code /bin/sh -c}.
     */
    public boolean isRedirectionOnly() {
        String p = program();
        if (p.charAt(0) != '<') {
            return false;
        }
        int i = 1;
        while (i < p.length() && (p.charAt(i) == ' ' || p.charAt(i) == '\t')) {
            i++;
        }
        return i < p.length() && p.charAt(i) == '/';
    }

    /**
     * The string keepalived hands to {@code /bin/sh -c} (its {@code cmd_str}): every word in single quotes,
     * separated by one space, except a first word starting with {@code <} or {@code >}, which stays bare so that
     * the shell sees a redirection. Unlike keepalived, a single quote inside a word is escaped ({@code '\''}) so
     * the shell still sees the word intact; {@link #logString()} is keepalived's text exactly.
     */
    public String shellString() {
        return quoted(true);
    }

    /**
     * The command as keepalived shows it in its log and configuration test messages ({@code cmd_str}): like
     * {@link #shellString()}, but a single quote inside a word is shown as it is, not escaped. Text for people,
     * not for a shell.
     */
    public String logString() {
        return quoted(false);
    }

    private String quoted(boolean escapeQuotes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < argv.size(); i++) {
            String w = argv.get(i);
            if (i > 0) {
                sb.append(' ');
            }
            boolean bare = i == 0 && (w.charAt(0) == '<' || w.charAt(0) == '>');
            if (bare) {
                sb.append(w);
            } else {
                sb.append('\'').append(escapeQuotes ? w.replace("'", "'\\''") : w).append('\'');
            }
        }
        return sb.toString();
    }

    /** The {@link #shellString()}. */
    @Override
    public String toString() {
        return shellString();
    }
}
