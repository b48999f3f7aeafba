package org.calpe.check.http.core;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parsed {@link HttpGetSpec} of each options map, so that a check does not parse its url lines (and compile
 * its regex) again every {@code delay_loop}. The engine hands the same {@code CheckTarget} (and so the same
 * immutable options map) to every check of a checker and a new one when the configuration changes; the cache is
 * keyed by the map's identity and holds it weakly, so a replaced configuration's entry goes with its map.
 */
final class SpecCache {
    private final ConcurrentHashMap<Object, HttpGetSpec> specs = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> gone = new ReferenceQueue<>();

    /**
     * The spec of {@code options}, parsed on first use.
     *
     * @throws IllegalArgumentException as {@link HttpGetSpec#fromOptions} (not cached: it fails again)
     */
    HttpGetSpec of(Map<String, Object> options) {
        HttpGetSpec spec = specs.get(new Probe(options));
        if (spec != null) {
            return spec;
        }
        spec = HttpGetSpec.fromOptions(options);
        expunge();
        specs.put(new Key(options, gone), spec);
        return spec;
    }

    /** Number of entries (tests). */
    int size() {
        expunge();
        return specs.size();
    }

    private void expunge() {
        for (Object k; (k = gone.poll()) != null;) {
            specs.remove(k);
        }
    }

    /** The stored key: the map, weakly, by identity. */
    private static final class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (o instanceof Probe p) {
                return refersTo(p.referent);
            }
            return o instanceof Key k && get() != null && k.refersTo(get());
        }
    }

    /** A lookup key: the map, strongly, by identity. */
    private record Probe(Object referent) {
        @Override
        public int hashCode() {
            return System.identityHashCode(referent);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k ? k.refersTo(referent) : o instanceof Probe p && p.referent == referent;
        }
    }
}
