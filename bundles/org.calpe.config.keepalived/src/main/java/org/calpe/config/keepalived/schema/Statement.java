package org.calpe.config.keepalived.schema;

import java.util.List;

import org.calpe.config.api.Location;
import org.calpe.config.keepalived.lexer.Word;

/**
 * One statement of the configuration: a keyword (or, in a list block, the first word of an entry) and the
 * words after it. Lines are split into statements at braces, as keepalived does:
 * {@code vrrp_instance VI_1 { state MASTER }} is the statements {@code vrrp_instance VI_1}, <code>{</code>,
 * {@code state MASTER} and <code>}</code>; words after a keyword on one line are all its arguments.
 *
 * @param text the statement's text after preprocessing, for keywords that re-split it with quote and escape
 *        handling as keepalived does (scripts; see {@code org.calpe.exec.api.ScriptCommand#parse})
 */
public record Statement(Word keyword, List<Word> args, String text) {
    public Statement {
        args = List.copyOf(args);
    }

    /** The same statement under another (canonical) keyword spelling. */
    public Statement withKeyword(String canonical) {
        return new Statement(new Word(canonical, false, keyword.location()), args, text);
    }

    public Location location() {
        return keyword.location();
    }

    public String name() {
        return keyword.text();
    }

    /** The text of argument {@code i}, or null when absent. */
    public String arg(int i) {
        return i < args.size() ? args.get(i).text() : null;
    }

    /** Location of argument {@code i}, or of the keyword when absent. */
    public Location argLocation(int i) {
        return i < args.size() ? args.get(i).location() : keyword.location();
    }

    /** All words, keyword first. */
    public List<Word> words() {
        java.util.ArrayList<Word> all = new java.util.ArrayList<>(args.size() + 1);
        all.add(keyword);
        all.addAll(args);
        return all;
    }
}
