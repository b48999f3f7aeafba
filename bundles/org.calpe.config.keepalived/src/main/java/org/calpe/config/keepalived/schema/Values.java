package org.calpe.config.keepalived.schema;

import org.calpe.config.api.model.ScriptCommand;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Common value types with keepalived's messages ("invalid number 'x'", "number 'x' outside range [a, b]").
 * keepalived ignores surplus words after a value silently; so do these. Keyword-specific follow-up messages
 * (e.g. "(VI_1): VRID 'x' not valid") are added with {@link #onInvalid}.
 */
public final class Values {
    private Values() {
    }

    /** Integer in [min, max]; keepalived's read_int/read_unsigned messages. */
    public static ValueType integer(long min, long max) {
        return required(new NumberType(min, max, false));
    }

    /** Like {@link #integer} but for ranges beyond int: the value is always a {@link Long}. */
    public static ValueType longInteger(long min, long max) {
        return required(new NumberType(min, max, true));
    }

    /** Decimal in [min, max] with keepalived's range message ("[0.010000, 255.000000]"). */
    public static ValueType decimal(double min, double max) {
        return required(new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                String w = st.arg(0);
                double d;
                try {
                    d = Double.parseDouble(w);
                    if (Double.isNaN(d) || Double.isInfinite(d) || !w.matches("[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?")) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    ctx.error(st.argLocation(0), "invalid decimal number '%s'", w);
                    return INVALID;
                }
                if (d < min || d > max) {
                    ctx.error(st.argLocation(0), "number '%s' outside range [%s, %s]", w,
                            String.format(Locale.ROOT, "%f", min), String.format(Locale.ROOT, "%f", max));
                    return INVALID;
                }
                return d;
            }

            @Override
            public List<String> render(Object value) {
                return List.of(new BigDecimal(value.toString()).stripTrailingZeros().toPlainString());
            }
        });
    }

    /** A keyword without arguments that switches something on; surplus words are ignored. */
    public static ValueType flag() {
        return ValueType.of((st, ctx) -> Boolean.TRUE, v -> List.of());
    }

    /** A flag whose use is reported as a warning with {@code message} (deprecated keywords that still work). */
    public static ValueType deprecatedFlag(String message) {
        return ValueType.of((st, ctx) -> {
            ctx.warning(st.location(), "%s", message);
            return Boolean.TRUE;
        }, v -> List.of());
    }

    /**
     * A switch with an optional true/false word (keepalived's check_true_false: true/on/yes, false/off/no);
     * no word means true. A bad word: "Invalid &lt;keyword&gt; parameter &lt;word&gt;".
     */
    public static ValueType optionalBoolean() {
        return optionalBoolean("Invalid %k parameter %s", "false");
    }

    /**
     * A switch with an optional true/false word; no word means true. A bad word is reported with
     * {@code message} ({@code %k} = the keyword, {@code %s} = the word) and the line is ignored. False renders
     * as {@code falseWord} (e.g. "false" or "no").
     */
    public static ValueType optionalBoolean(String message, String falseWord) {
        return ValueType.of((st, ctx) -> {
            String w = st.arg(0);
            if (w == null) {
                return Boolean.TRUE;
            }
            Boolean b = trueFalse(w);
            if (b == null) {
                ctx.error(st.location(), "%s", message.replace("%k", st.name()).replace("%s", w));
                return ValueType.INVALID;
            }
            return b;
        }, v -> Boolean.TRUE.equals(v) ? List.of() : List.of(falseWord));
    }

    /** keepalived's true/false words, or null. */
    public static Boolean trueFalse(String w) {
        switch (w.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes":
                return Boolean.TRUE;
            case "false", "off", "no":
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    /**
     * The first word as a string; a missing word is an error with the given message ({@code %k} stands for
     * the keyword), or, when the message is null, keepalived's abort for a missing parameter.
     */
    public static ValueType string(String missingMessage) {
        ValueType word = text((st, ctx) -> st.arg(0));
        return missingMessage == null ? required(word) : requiredOrError(word, missingMessage);
    }

    /** The first word as a string; a missing word aborts reading as in keepalived. */
    public static ValueType string() {
        return string(null);
    }

    /** The first word as a string; a missing word makes keepalived ignore the line silently. */
    public static ValueType optionalString() {
        return ignoredWhenMissing(text((st, ctx) -> st.arg(0)));
    }

    /**
     * A value type whose value is one string rendered as one word; {@code parser} returns the string or
     * {@link ValueType#INVALID}.
     */
    public static ValueType text(java.util.function.BiFunction<Statement, ParseContext, Object> parser) {
        return ValueType.of(parser, v -> List.of((String) v));
    }

    /**
     * keepalived reads the first word unconditionally: without one it aborts (exit 2, "missing a parameter");
     * otherwise {@code type} reads the words.
     */
    public static ValueType required(ValueType type) {
        return ValueType.of((st, ctx) -> {
            if (st.args().isEmpty()) {
                ctx.missingParameter(st, 2);
                return ValueType.INVALID;
            }
            return type.parse(st, ctx);
        }, type::render);
    }

    /**
     * keepalived checks for a missing word: without one it reports {@code message} ({@code %k} = the keyword)
     * and ignores the line; otherwise {@code type} reads the words.
     */
    public static ValueType requiredOrError(ValueType type, String message) {
        return ValueType.of((st, ctx) -> {
            if (st.args().isEmpty()) {
                ctx.error(st.location(), "%s", message.replace("%k", st.name()));
                return ValueType.INVALID;
            }
            return type.parse(st, ctx);
        }, type::render);
    }

    /** Without a word keepalived ignores the line silently; otherwise {@code type} reads the words. */
    public static ValueType ignoredWhenMissing(ValueType type) {
        return ValueType.of((st, ctx) -> st.args().isEmpty() ? ValueType.INVALID : type.parse(st, ctx),
                type::render);
    }

    /** One of the given words (case-sensitive as keepalived compares them). */
    public static ValueType oneOf(String... allowed) {
        List<String> ok = Arrays.asList(allowed);
        return required(text((st, ctx) -> {
            String w = st.arg(0);
            if (!ok.contains(w)) {
                ctx.error(st.argLocation(0), "%s: invalid value '%s'", st.name(), w);
                return ValueType.INVALID;
            }
            return w;
        }));
    }

    /** All words after the keyword, as a list (may be empty). */
    @SuppressWarnings("unchecked")
    public static ValueType words() {
        return ValueType.of((st, ctx) -> {
            List<String> out = new ArrayList<>(st.args().size());
            st.args().forEach(w -> out.add(w.text()));
            return List.copyOf(out);
        }, v -> (List<String>) v);
    }

    /**
     * A script command line as keepalived reads it: one (usually quoted) word is the whole command;
     * several words are joined with single spaces.
     */
    public static ValueType script() {
        return required(text((st, ctx) -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < st.args().size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(st.arg(i));
            }
            return sb.toString();
        }));
    }

    /**
     * Like {@link #script()}, but a missing command is dropped silently (vrrp_script's {@code script}: the
     * block's own check then reports "No script set").
     */
    public static ValueType optionalScript() {
        return ignoredWhenMissing(script());
    }

    /**
     * A script with optional user and group: {@code notify "cmd args" [user [group]]}, as a
     * {@link ScriptCommand}; without a command keepalived aborts.
     */
    public static ValueType scriptWithUser() {
        return required(scriptCommand());
    }

    /**
     * Like {@link #scriptWithUser()}, but a missing command is an error with {@code message} ({@code %k} = the
     * keyword) and the line is ignored.
     */
    public static ValueType scriptWithUser(String message) {
        return requiredOrError(scriptCommand(), message);
    }

    private static ValueType scriptCommand() {
        return ValueType.of((st, ctx) -> new ScriptCommand(st.arg(0), st.arg(1), st.arg(2)),
                v -> ((ScriptCommand) v).words());
    }

    /** Block arguments: one name (e.g. {@code vrrp_script chk}); without one keepalived aborts. */
    public static ValueType name() {
        return string();
    }

    /**
     * Wraps a type so that, when it rejects a line, a keyword-specific follow-up message is reported too
     * (keepalived often logs the generic number error and then its own line).
     */
    public static ValueType onInvalid(ValueType type, BiConsumer<Statement, ParseContext> then) {
        return ValueType.of((st, ctx) -> {
            Object v = type.parse(st, ctx);
            if (v == ValueType.INVALID) {
                then.accept(st, ctx);
            }
            return v;
        }, type::render);
    }

    /** keepalived's integer reading. */
    private record NumberType(long min, long max, boolean wide) implements ValueType {
        @Override
        public Object parse(Statement st, ParseContext ctx) {
            String w = st.arg(0);
            long v;
            try {
                v = Long.parseLong(w.startsWith("+") ? w.substring(1) : w);
            } catch (NumberFormatException e) {
                ctx.error(st.argLocation(0), "invalid number '%s'", w);
                return INVALID;
            }
            if (v < 0 && min >= 0) {
                ctx.error(st.argLocation(0), "negative number '%s'", w);
                return INVALID;
            }
            if (v < min || v > max) {
                ctx.error(st.argLocation(0), "number '%s' outside range [%d, %d]", w, min, max);
                return INVALID;
            }
            if (wide) {
                return v;
            }
            return (int) v;
        }

        @Override
        public List<String> render(Object value) {
            return List.of(value.toString());
        }
    }
}
