package org.calpe.config.api.model;

import java.util.List;
import java.util.Objects;

import org.calpe.config.api.Location;

/**
 * A keyword line inside a block, such as {@code priority 100}. {@code keyword} is the canonical spelling
 * (deprecated spellings are mapped, e.g. {@code lb_algo} to {@code lvs_sched}); {@code args} are the words
 * after the keyword in canonical form; {@code value} is the converted value: {@link String}, {@link Integer},
 * {@link Long}, {@link Double}, {@link Boolean}, {@code List<String>}, or a value record of this package.
 * Equality and hash code ignore the location.
 */
public final class Setting implements Node {
    private final String keyword;
    private final List<String> args;
    private final Object value;
    private final Location location;

    public Setting(String keyword, List<String> args, Object value, Location location) {
        this.keyword = Objects.requireNonNull(keyword, "keyword");
        this.args = List.copyOf(args);
        this.value = value;
        this.location = Objects.requireNonNull(location, "location");
    }

    public String keyword() {
        return keyword;
    }

    public List<String> args() {
        return args;
    }

    public Object value() {
        return value;
    }

    @Override
    public Location location() {
        return location;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Setting s && keyword.equals(s.keyword) && Objects.equals(value, s.value)
                && (value != null || args.equals(s.args));
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyword, value);
    }

    @Override
    public String toString() {
        return args.isEmpty() ? keyword : keyword + " " + String.join(" ", args);
    }
}
