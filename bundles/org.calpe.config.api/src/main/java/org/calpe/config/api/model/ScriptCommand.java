package org.calpe.config.api.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A script as configured for notify/startup/quorum/checker keywords: the command line (one word, quoted when
 * it has parameters) and the optional user and group to run it as; a null user means the global
 * {@code script_user} (or keepalived's default), and then there is no group either.
 */
public record ScriptCommand(String command, String user, String group) {
    public ScriptCommand {
        Objects.requireNonNull(command, "command");
        if (user == null) {
            group = null;
        }
    }

    /** The canonical words: command, then user and group when present. */
    public List<String> words() {
        List<String> w = new ArrayList<>(3);
        w.add(command);
        if (user != null) {
            w.add(user);
            if (group != null) {
                w.add(group);
            }
        }
        return w;
    }

    /** The program: the first space-separated word of the command line. */
    public String program() {
        String c = command.strip();
        int sp = c.indexOf(' ');
        return sp < 0 ? c : c.substring(0, sp);
    }
}
