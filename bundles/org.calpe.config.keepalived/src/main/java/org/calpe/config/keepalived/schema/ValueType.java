package org.calpe.config.keepalived.schema;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * How a keyword's arguments are read and written back. {@link #parse} converts the words after the keyword
 * into a typed value, reporting problems to the context with keepalived's wording and severity, and returns
 * {@link #INVALID} when keepalived would ignore the line. {@link #render} gives the canonical words for a
 * value, such that parsing them yields an equal value.
 */
public interface ValueType {
    /** Returned by {@link #parse} when the line is dropped (after reporting why). */
    Object INVALID = new Object() {
        @Override
        public String toString() {
            return "INVALID";
        }
    };

    Object parse(Statement statement, ParseContext context);

    List<String> render(Object value);

    /** A value type from a parse function and a render function. */
    static ValueType of(BiFunction<Statement, ParseContext, Object> parser, Function<Object, List<String>> renderer) {
        return new ValueType() {
            @Override
            public Object parse(Statement statement, ParseContext context) {
                return parser.apply(statement, context);
            }

            @Override
            public List<String> render(Object value) {
                return renderer.apply(value);
            }
        };
    }
}
