package org.calpe.config.keepalived.lexer;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The {@code $NAME} parameter table of one preprocessing run, with keepalived 2.2's predefined names:
 * {@code _PWD} (directory of the file being read), {@code _INSTANCE} (the config id), {@code _RANDOM [MIN [MAX]]}
 * (a random integer, defaults 0 and 32767), {@code _HASH} ({@code #}) and {@code _BANG} ({@code !}). A user
 * definition of the same name replaces a predefined one.
 */
final class Definitions {
    /** A definition; {@code multiline} values hold lines separated by {@code '\n'}. */
    static final class Def {
        final String name;
        String value;
        boolean multiline;
        final int maxParams;
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
    private String randomParams;

    Definitions(String configId, Supplier<String> pwd, Random random) {
        this.configId = configId;
        this.random = random;
        predefined("_PWD", 0, pwd);
        predefined("_INSTANCE", 0, () -> configId);
        predefined("_RANDOM", 2, this::random);
        predefined("_HASH", 0, () -> "#");
        predefined("_BANG", 0, () -> "!");
    }

    private void predefined(String name, int maxParams, Supplier<String> fn) {
        Def d = new Def(name, "", false, maxParams);
        d.fn = fn;
        defs.put(name, d);
    }

    /** The config id ({@code -i}) that {@code @id} lines and {@code ${_INSTANCE}} use. */
    String configId() {
        return configId;
    }

    Def get(String name) {
        return defs.get(name);
    }

    /** Defines or redefines {@code name}; returns the definition. */
    Def set(String name, String value, boolean multiline) {
        Def d = defs.get(name);
        if (d == null || d.fn != null) {
            d = new Def(name, value, multiline, 0);
            defs.put(name, d);
        } else {
            d.value = value;
            d.multiline = multiline;
        }
        return d;
    }

    /** The replacement text of {@code d}, given the digits-and-spaces parameter string (or null). */
    String valueOf(Def d, String params) {
        if (d.fn == null) {
            return d.value;
        }
        randomParams = params;
        return d.fn.get();
    }

    private String random() {
        long min = 0;
        long max = 32767;
        if (randomParams != null) {
            String[] p = randomParams.trim().split("\\s+");
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
