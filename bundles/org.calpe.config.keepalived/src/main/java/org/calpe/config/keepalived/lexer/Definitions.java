package org.calpe.config.keepalived.lexer;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The {@code $NAME} parameter table of one preprocessing run, with keepalived's predefined names:
 * {@code _PWD} (directory of the file being read), {@code _INSTANCE} (the config id), {@code _RANDOM [MIN [MAX]]}
 * (a random integer, defaults 0 and 32767), {@code _HASH} ({@code #}), {@code _BANG} ({@code !}) and, from
 * keepalived's master branch (keepalived.conf(5) "Pre-defined definitions", after issue #2654; not in 2.2.7),
 * {@code _ENV NAME} (the value of environment variable NAME, empty when it is not set). A user definition of the
 * same name replaces a predefined one.
 */
final class Definitions {
    /** A definition; {@code multiline} values hold lines separated by {@code '\n'}. */
    static final class Def {
        final String name;
        String value;
        boolean multiline;
        final int maxParams;
        /** Whether the parameters are names ({@code _ENV}) rather than decimal numbers ({@code _RANDOM}). */
        boolean nameParams;
        Supplier<String> fn;

        Def(String name, String value, boolean multiline, int maxParams) {
            this.name = name;
            this.value = value;
            this.multiline = multiline;
            this.maxParams = maxParams;
        }
    }

    private final Map<String, Def> defs = new HashMap<>();
    private final Random random;
    private final String configId;
    private final Map<String, String> environment;
    private String params;

    Definitions(String configId, Map<String, String> environment, Supplier<String> pwd, Random random) {
        this.configId = configId;
        this.environment = Objects.requireNonNull(environment, "environment");
        this.random = random;
        predefined("_PWD", 0, pwd);
        predefined("_INSTANCE", 0, () -> configId);
        predefined("_RANDOM", 2, this::random);
        predefined("_HASH", 0, () -> "#");
        predefined("_BANG", 0, () -> "!");
        predefined("_ENV", 1, this::env).nameParams = true;
    }

    private Def predefined(String name, int maxParams, Supplier<String> fn) {
        Def d = new Def(name, "", false, maxParams);
        d.fn = fn;
        defs.put(name, d);
        return d;
    }

    /** The config id ({@code -i}) that {@code @id} lines and {@code ${_INSTANCE}} use. */
    String configId() {
        return configId;
    }

    Def get(String name) {
        return defs.get(name);
    }

    /**
     * Defines or redefines {@code name}; returns the definition. Redefining a predefined name keeps the parameters
     * it takes, as keepalived does: after {@code $_RANDOM=x}, {@code ${_RANDOM 1 2}} is {@code x}.
     */
    Def set(String name, String value, boolean multiline) {
        Def d = defs.get(name);
        if (d == null || d.fn != null) {
            Def old = d;
            d = new Def(name, value, multiline, old == null ? 0 : old.maxParams);
            d.nameParams = old != null && old.nameParams;
            defs.put(name, d);
        } else {
            d.value = value;
            d.multiline = multiline;
        }
        return d;
    }

    /**
     * The replacement text of {@code d}, given its parameter string (or null): digits and spaces, or for a
     * definition with {@link Def#nameParams} name characters and spaces.
     */
    String valueOf(Def d, String params) {
        if (d.fn == null) {
            return d.value;
        }
        this.params = params;
        return d.fn.get();
    }

    /** {@code ${_ENV NAME}}: the variable's value, empty when unset or no name is given; further words are ignored. */
    private String env() {
        if (params == null) {
            return "";
        }
        String name = params.trim().split(" +")[0];
        return environment.getOrDefault(name, "");
    }

    private String random() {
        long min = 0;
        long max = 32767;
        if (params != null) {
            String[] p = params.trim().split("\\s+");
            min = parse(p[0]);
            if (p.length > 1) {
                max = parse(p[1]);
            }
        }
        long span = max - min + 1;
        if (span <= 0) {
            return Long.toString(min);
        }
        return Long.toString(min + Math.floorMod(random.nextLong(), span));
    }

    private static long parse(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE / 4;
        }
    }
}
