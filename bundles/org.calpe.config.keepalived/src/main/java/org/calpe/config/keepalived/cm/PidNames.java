package org.calpe.config.keepalived.cm;

import java.util.HashSet;
import java.util.Set;

/**
 * Makes the names of named factory configurations: letters, digits, {@code _} and {@code .} only (no {@code -},
 * no {@code ~}), unique within one translation.
 */
final class PidNames {
    private final Set<String> used = new HashSet<>();

    static String sanitise(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            sb.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.') ? c : '_');
        }
        return sb.length() == 0 ? "_" : sb.toString();
    }

    /** The sanitised name, with {@code _2}, {@code _3}, … appended when an earlier object already took it. */
    String unique(String factoryPid, String raw) {
        String base = sanitise(raw);
        String name = base;
        for (int n = 2; !used.add(factoryPid + "~" + name); n++) {
            name = base + "_" + n;
        }
        return name;
    }
}
