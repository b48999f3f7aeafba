package org.calpe.check.ssl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * keepalived's top-level {@code SSL} block ({@code password}, {@code ca}, {@code certificate}, {@code key}), as
 * Config Admin holds it in {@code org.calpe.Global} under {@code SSL}: one canonical line such as
 * {@code password x ca /p certificate /p key /p}. Every field is optional; without the block keepalived uses a
 * default context (no client certificate).
 *
 * @param password the key's password
 * @param ca the CA file (keepalived loads it but never sets peer verification, so it does not affect checks)
 * @param certificate the client certificate chain file
 * @param key the client private key file
 */
record SslSettings(Optional<String> password, Optional<String> ca, Optional<String> certificate,
        Optional<String> key) {

    static final SslSettings NONE = new SslSettings(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    /** Parses the {@code SSL} property value: {@code null}, a String or a String[] of one line. */
    static SslSettings parse(Object value) {
        List<String> lines = new ArrayList<>();
        if (value instanceof String s) {
            lines.add(s);
        } else if (value instanceof String[] a) {
            lines.addAll(List.of(a));
        } else if (value instanceof Iterable<?> it) {
            it.forEach(o -> lines.add(String.valueOf(o)));
        }
        String password = null;
        String ca = null;
        String certificate = null;
        String key = null;
        for (String line : lines) {
            List<String> w = split(line);
            for (int i = 0; i + 1 < w.size(); i += 2) {
                switch (w.get(i)) {
                    case "password" -> password = w.get(i + 1);
                    case "ca" -> ca = w.get(i + 1);
                    case "certificate" -> certificate = w.get(i + 1);
                    case "key" -> key = w.get(i + 1);
                    default -> {
                        // not an SSL keyword: ignored
                    }
                }
            }
        }
        return new SslSettings(Optional.ofNullable(password), Optional.ofNullable(ca),
                Optional.ofNullable(certificate), Optional.ofNullable(key));
    }

    /** Blank-separated words, double quotes holding blanks, backslash escaping inside quotes. */
    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            if (Character.isWhitespace(line.charAt(i))) {
                i++;
                continue;
            }
            StringBuilder w = new StringBuilder();
            if (line.charAt(i) == '"') {
                for (i++; i < n && line.charAt(i) != '"'; i++) {
                    char c = line.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        c = line.charAt(++i);
                    }
                    w.append(c);
                }
                i++;
            } else {
                while (i < n && !Character.isWhitespace(line.charAt(i))) {
                    w.append(line.charAt(i++));
                }
            }
            out.add(w.toString());
        }
        return out;
    }

    @Override
    public String toString() {
        return "SslSettings[password=" + (password.isPresent() ? "***" : "-") + ", ca=" + ca.orElse("-")
                + ", certificate=" + certificate.orElse("-") + ", key=" + key.orElse("-") + "]";
    }
}
