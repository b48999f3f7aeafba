package org.calpe.shell.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A minimal streaming JSON writer producing compact output the way keepalived's {@code json_writer} does: no
 * spaces, {@code /} escaped as {@code \/}, floating-point values in C's {@code %g} or {@code %f} form.
 */
final class JsonWriter {
    private final StringBuilder sb = new StringBuilder();
    /** One entry per open object or array: true while no element has been written into it. */
    private final Deque<Boolean> empty = new ArrayDeque<>();
    private boolean afterName;

    JsonWriter beginObject() {
        beforeValue();
        sb.append('{');
        empty.push(Boolean.TRUE);
        return this;
    }

    JsonWriter endObject() {
        empty.pop();
        sb.append('}');
        return this;
    }

    JsonWriter beginArray() {
        beforeValue();
        sb.append('[');
        empty.push(Boolean.TRUE);
        return this;
    }

    JsonWriter endArray() {
        empty.pop();
        sb.append(']');
        return this;
    }

    JsonWriter name(String name) {
        separator();
        quote(name);
        sb.append(':');
        afterName = true;
        return this;
    }

    JsonWriter value(String s) {
        beforeValue();
        quote(s);
        return this;
    }

    JsonWriter value(long n) {
        beforeValue();
        sb.append(n);
        return this;
    }

    JsonWriter value(boolean b) {
        beforeValue();
        sb.append(b);
        return this;
    }

    /** A number already rendered as JSON (see {@link #g(double)} and {@link #f(double)}). */
    JsonWriter rawNumber(String n) {
        beforeValue();
        sb.append(n);
        return this;
    }

    JsonWriter field(String name, String s) {
        return name(name).value(s);
    }

    JsonWriter field(String name, long n) {
        return name(name).value(n);
    }

    JsonWriter field(String name, boolean b) {
        return name(name).value(b);
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
        } else {
            separator();
        }
    }

    private void separator() {
        if (!empty.isEmpty()) {
            if (!empty.pop()) {
                sb.append(',');
            }
            empty.push(Boolean.FALSE);
        }
    }

    private void quote(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '/' -> sb.append("\\/");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** {@code v} as C's {@code printf("%g")} renders it (six significant digits, trailing zeros removed). */
    static String g(double v) {
        if (v == 0) {
            return "0";
        }
        BigDecimal bd = new BigDecimal(v).round(new MathContext(6));
        int exponent = bd.precision() - bd.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            String mantissa = bd.movePointLeft(exponent).stripTrailingZeros().toPlainString();
            return String.format(Locale.ROOT, "%se%s%02d", mantissa, exponent < 0 ? "-" : "+", Math.abs(exponent));
        }
        return bd.stripTrailingZeros().toPlainString();
    }

    /** {@code v} as C's {@code printf("%f")} renders it (six decimals). */
    static String f(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
