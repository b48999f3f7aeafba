package org.calpe.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper: parses JSON into its shape, where every scalar is replaced by its type name ("string", "number",
 * "boolean", "null"), objects keep their keys in order and arrays keep one shape per element.
 */
final class JsonShape {
    private final String s;
    private int pos;

    private JsonShape(String s) {
        this.s = s;
    }

    static Object of(String json) {
        JsonShape p = new JsonShape(json);
        Object v = p.value();
        p.ws();
        if (p.pos != json.length()) {
            throw new IllegalArgumentException("trailing text at " + p.pos);
        }
        return v;
    }

    private Object value() {
        ws();
        char c = s.charAt(pos);
        if (c == '{') {
            pos++;
            Map<String, Object> m = new LinkedHashMap<>();
            ws();
            if (s.charAt(pos) == '}') {
                pos++;
                return m;
            }
            while (true) {
                ws();
                String key = string();
                ws();
                expect(':');
                if (m.put(key, value()) != null) {
                    throw new IllegalArgumentException("duplicate key " + key);
                }
                ws();
                if (s.charAt(pos++) == '}') {
                    return m;
                }
            }
        }
        if (c == '[') {
            pos++;
            List<Object> l = new ArrayList<>();
            ws();
            if (s.charAt(pos) == ']') {
                pos++;
                return l;
            }
            while (true) {
                l.add(value());
                ws();
                if (s.charAt(pos++) == ']') {
                    return l;
                }
            }
        }
        if (c == '"') {
            string();
            return "string";
        }
        if (s.startsWith("true", pos) || s.startsWith("false", pos)) {
            pos += s.startsWith("true", pos) ? 4 : 5;
            return "boolean";
        }
        if (s.startsWith("null", pos)) {
            pos += 4;
            return "null";
        }
        int start = pos;
        while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
            pos++;
        }
        Double.parseDouble(s.substring(start, pos));
        return "number";
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (s.charAt(pos) != '"') {
            char c = s.charAt(pos++);
            if (c == '\\') {
                char e = s.charAt(pos++);
                switch (e) {
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
        pos++;
        return sb.toString();
    }

    private void expect(char c) {
        if (s.charAt(pos) != c) {
            throw new IllegalArgumentException("expected " + c + " at " + pos + " in " + s);
        }
        pos++;
    }

    private void ws() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }
}
