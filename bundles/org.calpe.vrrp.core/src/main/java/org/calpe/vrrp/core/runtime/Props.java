package org.calpe.vrrp.core.runtime;

import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of Config Admin properties as {@code config.keepalived} writes them (keepalived keywords, typed
 * values, list blocks as {@code String[]}), tolerant of a value written as a String by hand in the console.
 */
final class Props {
    private final Map<String, ?> map;

    Props(Map<String, ?> map) {
        this.map = map;
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    Optional<String> string(String key) {
        Object v = map.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String[] a) {
            return Optional.of(String.join(" ", a));
        }
        return Optional.of(String.valueOf(v));
    }

    Optional<Double> number(String key) {
        Object v = map.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        try {
            return Optional.of(Double.parseDouble(String.valueOf(v).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number: " + v);
        }
    }

    int integer(String key, int fallback) {
        return number(key).map(Double::intValue).orElse(fallback);
    }

    /** A flag keyword: present without a value (Boolean.TRUE), or an explicit true/false/on/off. */
    boolean flag(String key) {
        Object v = map.get(key);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim().toLowerCase(java.util.Locale.ROOT);
        return !(s.equals("false") || s.equals("off") || s.equals("no") || s.equals("0"));
    }

    /** A list block: one canonical line per entry; a scalar counts as one line. */
    String[] lines(String key) {
        Object v = map.get(key);
        if (v == null) {
            return new String[0];
        }
        if (v instanceof String[] a) {
            return a.clone();
        }
        if (v instanceof java.util.Collection<?> c) {
            return c.stream().map(String::valueOf).toArray(String[]::new);
        }
        return new String[] {String.valueOf(v)};
    }
}
