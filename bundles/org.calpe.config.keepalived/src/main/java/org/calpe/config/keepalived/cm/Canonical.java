package org.calpe.config.keepalived.cm;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shares equal keys and values between the configurations of one translation: Config Admin keeps the objects it
 * is given (in the configuration and in its persistence cache), so the keyword {@code connect_timeout}, the
 * value {@code TCP_CHECK}, the link to a virtual server or a {@code Long} timeout, repeated over thousands of real
 * servers, are stored once instead of once per configuration. Only immutable values are shared (strings, boxed
 * scalars, and the elements of {@code String[]} values; the arrays themselves stay distinct, as Config Admin
 * copies them anyway). One instance per translation, not thread-safe.
 */
final class Canonical {
    private final Map<Object, Object> seen = new HashMap<>();

    /** The configuration with its keys and values shared with those already seen. */
    DesiredConfiguration of(DesiredConfiguration d) {
        Map<String, Object> p = new LinkedHashMap<>();
        d.properties().forEach((k, v) -> p.put(share(k), value(v)));
        return new DesiredConfiguration(d.factoryPid() == null ? null : share(d.factoryPid()), d.name(), p);
    }

    Object value(Object v) {
        if (v instanceof String[] a) {
            String[] copy = new String[a.length];
            for (int i = 0; i < a.length; i++) {
                copy[i] = a[i] == null ? null : share(a[i]);
            }
            return copy;
        }
        if (v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Boolean
                || v instanceof Double || v instanceof Float || v instanceof Short || v instanceof Byte) {
            return share(v);
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    <T> T share(T v) {
        Object known = seen.putIfAbsent(v, v);
        return known == null ? v : (T) known;
    }
}
