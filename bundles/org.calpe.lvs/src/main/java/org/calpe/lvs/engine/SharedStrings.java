package org.calpe.lvs.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One instance of each equal string the engine derives per real server but that repeats over real servers (a
 * virtual server's name, a timeout given to the checker as an option string): thousands of real servers then hold
 * one copy. Bounded: past {@link #LIMIT} distinct strings it starts over (sharing is an optimisation, never
 * needed for correctness). Loop thread only.
 */
final class SharedStrings implements UnaryOperator<String> {
    static final int LIMIT = 4096;

    private final Map<String, String> known = new HashMap<>();

    @Override
    public String apply(String s) {
        if (s == null) {
            return null;
        }
        String k = known.get(s);
        if (k != null) {
            return k;
        }
        if (known.size() >= LIMIT) {
            known.clear();
        }
        known.put(s, s);
        return s;
    }

    int size() {
        return known.size();
    }
}
