package org.calpe.lvs.engine;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Typed reads of Config Admin properties as config.keepalived writes them (tolerant of String values). */
final class Props {
    private final Map<String, Object> map;

    Props(Map<String, Object> map) {
        this.map = map;
    }

    Map<String, Object> map() {
        return map;
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    OptionalLong number(String key) {
        Object v = map.get(key);
        if (v instanceof Number n) {
            return OptionalLong.of(n.longValue());
        }
        if (v instanceof String s && !s.isBlank()) {
            try {
                return OptionalLong.of(Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    /** A boolean keyword: absent = empty; a flag ({@code TRUE}) or yes/no/true/false/on/off words. */
    Optional<Boolean> bool(String key) {
        Object v = map.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Boolean b) {
            return Optional.of(b);
        }
        String s = String.valueOf(v).trim().toLowerCase(java.util.Locale.ROOT);
        return Optional.of(!(s.equals("false") || s.equals("no") || s.equals("off") || s.equals("0")));
    }

    Optional<String> string(String key) {
        Object v = map.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String s) {
            return Optional.of(s); // the configuration's own instance: no per-real-server copy
        }
        List<String> words = words(v);
        return words.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", words));
    }

    /** Every element of an array or collection as strings, or the single value. */
    static List<String> words(Object v) {
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(v); i++) {
                out.add(String.valueOf(Array.get(v, i)));
            }
        } else if (v instanceof Collection<?> c) {
            c.forEach(x -> out.add(String.valueOf(x)));
        } else {
            out.add(String.valueOf(v));
        }
        return out;
    }

    /** The first of the maps that has {@code key} as a number. */
    static OptionalLong inherit(String key, Props... levels) {
        for (Props p : levels) {
            OptionalLong v = p.number(key);
            if (v.isPresent()) {
                return v;
            }
        }
        return OptionalLong.empty();
    }

    static Optional<Boolean> inheritBool(String key, Props... levels) {
        for (Props p : levels) {
            Optional<Boolean> v = p.bool(key);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    static Optional<String> inheritString(String key, Props... levels) {
        for (Props p : levels) {
            Optional<String> v = p.string(key);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }
}
