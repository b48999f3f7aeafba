package org.calpe.config.keepalived.lexer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A parsed {@code ~SEQ(var, start, step, end)}, {@code ~SEQx(...)} or {@code ~LST(var, v1, v2, ...)} /
 * {@code ~LST({v1, v2}, {a, b}, ...)} line generator: the variables, the rows of values to assign in turn, and the
 * rest of the line that is processed once per row.
 */
record Generator(List<String> vars, List<List<String>> rows, Text body) {

    /** Parse failure carrying keepalived's messages for the line (one or two). */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        final List<String> messages;

        Invalid(String... messages) {
            super(messages[0], null, false, false);
            this.messages = List.of(messages);
        }
    }

    /** Parses a line starting {@code ~SEQ}; {@code subst} substitutes parameters in the argument text. */
    static Generator seq(Text line, UnaryOperator<String> subst) throws Invalid {
        String buf = line.chars();
        String spec = "Invalid ~SEQ specification '" + buf + "'";
        int p = 4;
        boolean hex = false;
        if (p < buf.length() && buf.charAt(p) == 'x') {
            hex = true;
            p++;
        }
        p = skipBlanks(buf, p);
        if (p >= buf.length() || buf.charAt(p) != '(') {
            throw new Invalid(spec);
        }
        p = skipBlanks(buf, p + 1);
        int varStart = p;
        while (p < buf.length() && " \t,)".indexOf(buf.charAt(p)) < 0) {
            p++;
        }
        String var = buf.substring(varStart, p);
        p = skipBlanks(buf, p);
        String badDef = "Invalid ~SEQ definition '" + buf + "'";
        if (p >= buf.length() || buf.charAt(p) == ')' || var.isEmpty()) {
            throw new Invalid(badDef, spec);
        }
        p = skipBlanks(buf, p + 1);
        int close = buf.indexOf(')', p);
        if (close < 0) {
            throw new Invalid(badDef, spec);
        }
        if (close + 1 - p + 1 > 64) {
            throw new Invalid("~SEQ parameter strings too long '" + buf + "'", spec);
        }
        String args = subst.apply(buf.substring(p, close + 1));
        if (args == null) {
            throw new Invalid("~SEQ parameter is multiline definition '" + buf + "'", spec);
        }
        long start;
        long step;
        long end;
        long[] r = strtol(args, 0);
        long one = r[0];
        int q = skipBlanks(args, (int) r[1]);
        if (at(args, q) == ')') {
            end = one;
            step = end < 1 ? -1 : 1;
            start = end < 0 ? -1 : 1;
        } else {
            if (at(args, q) != ',') {
                throw new Invalid(badDef, spec);
            }
            r = strtol(args, q + 1);
            long two = r[0];
            q = skipBlanks(args, (int) r[1]);
            if (at(args, q) == ')') {
                start = one;
                end = two;
                step = start <= end ? 1 : -1;
            } else {
                if (at(args, q) != ',') {
                    throw new Invalid(badDef, spec);
                }
                r = strtol(args, q + 1);
                q = skipBlanks(args, (int) r[1]);
                if (at(args, q) != ')') {
                    throw new Invalid(badDef, spec);
                }
                start = one;
                step = two;
                end = r[0];
                if (step == 0 || (start < end && step < 0) || (start > end && step > 0)) {
                    throw new Invalid("Invalid ~SEQ values '" + buf + "'", spec);
                }
            }
        }
        if (hex && (start < 0 || end < 0)) {
            throw new Invalid("~SEQx is only valid for positive numbers '" + buf + "'", spec);
        }
        List<List<String>> rows = new ArrayList<>();
        for (long v = start; step > 0 ? v <= end : v >= end; v += step) {
            rows.add(List.of(hex ? Long.toHexString(v) : Long.toString(v)));
            if (rows.size() > 1_000_000) {
                throw new Invalid("~SEQ produces too many lines '" + buf + "'", spec);
            }
        }
        return new Generator(List.of(var), rows, line.substring(close + 1).stripLeadingBlanks());
    }

    /** Parses a line starting {@code ~LST}. */
    static Generator lst(Text line, UnaryOperator<String> subst) throws Invalid {
        String buf = line.chars();
        Invalid invalid = new Invalid("Invalid ~LST specification '" + buf + "'");
        int p = skipBlanks(buf, 4);
        if (at(buf, p) != '(') {
            throw invalid;
        }
        int close = closingParen(buf, p + 1);
        if (close < 0) {
            throw invalid;
        }
        String args = subst.apply(buf.substring(p + 1, close + 1));
        if (args == null) {
            throw invalid;
        }
        Cursor c = new Cursor(args);
        List<String> vars = c.group(invalid);
        if (vars.isEmpty() || vars.stream().anyMatch(String::isEmpty)) {
            throw invalid;
        }
        List<List<String>> rows = new ArrayList<>();
        while (true) {
            c.skipBlanks();
            char ch = c.peek();
            if (ch == ')') {
                break;
            }
            if (ch != ',') {
                throw invalid;
            }
            c.pos++;
            List<String> row = c.group(invalid);
            if (row.size() > vars.size()) {
                throw new Invalid("~LST specification has too many values '" + buf + "'", invalid.messages.get(0));
            }
            List<String> full = new ArrayList<>(row);
            while (full.size() < vars.size()) {
                full.add("");
            }
            rows.add(List.copyOf(full));
        }
        if (rows.isEmpty()) {
            throw invalid;
        }
        return new Generator(vars, rows, line.substring(close + 1).stripLeadingBlanks());
    }

    private static int closingParen(String s, int from) {
        return s.indexOf(')', from);
    }

    /** Reads {@code item} or {@code {item, item, ...}} lists of ~LST arguments. */
    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s) {
            this.s = s;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : 0;
        }

        void skipBlanks() {
            pos = Generator.skipBlanks(s, pos);
        }

        List<String> group(Invalid invalid) throws Invalid {
            skipBlanks();
            List<String> items = new ArrayList<>();
            if (peek() != '{') {
                items.add(item(" \t,)", invalid));
                return items;
            }
            pos++;
            while (true) {
                skipBlanks();
                items.add(item(" \t,}", invalid));
                skipBlanks();
                char ch = peek();
                pos++;
                if (ch == '}') {
                    return items;
                }
                if (ch != ',') {
                    throw invalid;
                }
            }
        }

        private String item(String stops, Invalid invalid) throws Invalid {
            int start = pos;
            while (pos < s.length() && stops.indexOf(s.charAt(pos)) < 0 && s.charAt(pos) != '{') {
                pos++;
            }
            if (pos >= s.length()) {
                throw invalid;
            }
            return s.substring(start, pos);
        }
    }

    static int skipBlanks(String s, int p) {
        while (p < s.length() && Text.isBlank(s.charAt(p))) {
            p++;
        }
        return p;
    }

    private static char at(String s, int p) {
        return p < s.length() ? s.charAt(p) : 0;
    }

    /** C's strtol(s + from, &end, 0): returns {value, end index}; end == from when no number was read. */
    static long[] strtol(String s, int from) {
        int i = from;
        while (i < s.length() && Text.isWhite(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        int base = 10;
        if (i < s.length() && s.charAt(i) == '0') {
            if (i + 2 < s.length() + 1 && i + 1 < s.length() && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                    && i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0) {
                base = 16;
                i += 2;
            } else {
                base = 8;
            }
        }
        int digitsStart = i;
        long v = 0;
        while (i < s.length()) {
            int d = Character.digit(s.charAt(i), base);
            if (d < 0 || s.charAt(i) > 'z') {
                break;
            }
            v = v * base + d;
            i++;
        }
        if (i == digitsStart && base != 8) {
            return new long[] {0, from};
        }
        return new long[] {neg ? -v : v, i};
    }
}
