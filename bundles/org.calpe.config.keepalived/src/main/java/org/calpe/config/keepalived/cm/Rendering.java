package org.calpe.config.keepalived.cm;

import java.util.ArrayList;
import java.util.List;

import org.calpe.config.api.model.Block;
import org.calpe.config.api.model.Item;
import org.calpe.config.api.model.Node;
import org.calpe.config.api.model.Setting;

/**
 * Property values from model nodes. Scalars keep their type; lists become {@code String[]}; value records
 * become their canonical words (one word as is, several joined by blanks and quoted where needed); nested blocks
 * become {@code String[]} of canonical one-line renderings.
 */
final class Rendering {
    private Rendering() {
    }

    /** A setting's value as a Config Admin property value. */
    static Object value(Setting s) {
        Object v = s.value();
        if (v == null) {
            return s.args().isEmpty() ? Boolean.TRUE : String.join(" ", s.args());
        }
        if (v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Double
                || v instanceof Boolean || v instanceof Float || v instanceof Short || v instanceof Byte) {
            return v;
        }
        if (v instanceof List<?> list) {
            return list.stream().map(String::valueOf).toArray(String[]::new);
        }
        if (s.args().isEmpty()) {
            return String.valueOf(v);
        }
        return s.args().size() == 1 ? s.args().get(0) : words(s.args());
    }

    /**
     * A nested block as lines: a list block (only items) gives one line per item; any other block gives one
     * line for the whole block, e.g. {@code path /index.html digest 9b3a status_code 200} for an HTTP_GET
     * {@code url}. Deeper blocks are rendered inline as {@code kw args { ... }}.
     */
    static List<String> lines(Block b) {
        List<String> out = new ArrayList<>();
        if (!b.children().isEmpty() && b.children().stream().allMatch(Item.class::isInstance)) {
            b.items().forEach(i -> out.add(words(i.words())));
        } else {
            String inner = inline(b.children());
            String args = words(b.args());
            out.add(args.isEmpty() ? inner : inner.isEmpty() ? args : args + " " + inner);
        }
        return out;
    }

    private static String inline(List<Node> nodes) {
        List<String> parts = new ArrayList<>();
        for (Node n : nodes) {
            if (n instanceof Setting s) {
                parts.add(s.args().isEmpty() ? s.keyword() : s.keyword() + " " + words(s.args()));
            } else if (n instanceof Item i) {
                parts.add(words(i.words()));
            } else if (n instanceof Block b) {
                String head = b.args().isEmpty() ? b.keyword() : b.keyword() + " " + words(b.args());
                parts.add(head + " { " + inline(b.children()) + " }");
            }
        }
        return String.join(" ", parts);
    }

    /** Words joined by blanks, quoting any word that would not read back as one word. */
    static String words(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(w));
        }
        return sb.toString();
    }

    static String quote(String w) {
        boolean plain = !w.isEmpty();
        for (int i = 0; i < w.length() && plain; i++) {
            char c = w.charAt(i);
            plain = !(Character.isWhitespace(c) || c == '"' || c == '\\' || c == '{' || c == '}' || c == '#'
                    || c == '!');
        }
        if (plain) {
            return w;
        }
        return '"' + w.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
