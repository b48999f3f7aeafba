package org.calpe.config.keepalived.render;

import java.util.List;

import org.calpe.config.api.model.Block;
import org.calpe.config.api.model.Item;
import org.calpe.config.api.model.KeepalivedConfig;
import org.calpe.config.api.model.Node;
import org.calpe.config.api.model.Setting;

/**
 * Writes the model back as canonical keepalived.conf text: one statement per line, four-space indentation,
 * canonical keyword spellings and values, words quoted only where they must be. Parsing the output gives a
 * configuration equal to the input.
 */
public final class Renderer {
    private static final String INDENT = "    ";

    public String render(KeepalivedConfig config) {
        StringBuilder sb = new StringBuilder(4096);
        boolean first = true;
        for (Node n : config.root().children()) {
            if (!first && n instanceof Block) {
                sb.append('\n');
            }
            first = false;
            node(sb, n, 0);
        }
        return sb.toString();
    }

    private void node(StringBuilder sb, Node n, int depth) {
        indent(sb, depth);
        if (n instanceof Setting s) {
            sb.append(s.keyword());
            words(sb, s.args());
            sb.append('\n');
        } else if (n instanceof Item i) {
            itemWords(sb, i.words());
            sb.append('\n');
        } else if (n instanceof Block b) {
            sb.append(b.keyword());
            words(sb, b.args());
            sb.append(" {\n");
            for (Node c : b.children()) {
                node(sb, c, depth + 1);
            }
            indent(sb, depth);
            sb.append("}\n");
        }
    }

    private static void indent(StringBuilder sb, int depth) {
        for (int i = 0; i < depth; i++) {
            sb.append(INDENT);
        }
    }

    private static void words(StringBuilder sb, List<String> words) {
        for (String w : words) {
            sb.append(' ');
            word(sb, w);
        }
    }

    private static void itemWords(StringBuilder sb, List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            word(sb, words.get(i));
        }
    }

    /** Appends a word, quoting it when it is empty or holds characters the lexer would treat specially. */
    static void word(StringBuilder sb, String w) {
        if (!needsQuotes(w)) {
            sb.append(w);
            return;
        }
        sb.append('"');
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    static boolean needsQuotes(String w) {
        if (w.isEmpty()) {
            return true;
        }
        char first = w.charAt(0);
        if (first == '@' || first == '~' || first == '$') {
            return true;
        }
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (Character.isWhitespace(c) || c == '#' || c == '!' || c == '{' || c == '}' || c == '"'
                    || c == '\\') {
                return true;
            }
        }
        return false;
    }
}
