package org.calpe.vrrp.core.fsm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The current values of an instance's trackers and what they add up to: the weight sum for the effective
 * priority, the number of trackers that hold the instance in FAULT, and the number of weight-0 scripts that
 * have no result yet (keepalived's {@code total_priority}, {@code num_script_if_fault}, {@code num_script_init}).
 * Values: for boolean trackers 1 up, 0 down, null unknown; for files the number in the file.
 */
final class TrackerSet {
    private final Map<String, Tracker> trackers = new LinkedHashMap<>();
    private final Map<String, Integer> values = new LinkedHashMap<>();

    TrackerSet(List<Tracker> list) {
        for (Tracker t : list) {
            if (trackers.putIfAbsent(t.id(), t) != null) {
                throw new IllegalArgumentException("duplicate tracker " + t.id());
            }
            Integer initial;
            if (t.kind() == Tracker.Kind.SCRIPT) {
                initial = t.initiallyDown() ? 0 : null;
            } else if (t.kind() == Tracker.Kind.FILE) {
                initial = 0;
            } else {
                initial = t.initiallyDown() ? 0 : 1;
            }
            values.put(t.id(), initial);
        }
    }

    Tracker get(String id) {
        Tracker t = trackers.get(id);
        if (t == null) {
            throw new IllegalArgumentException("unknown tracker " + id);
        }
        return t;
    }

    Iterable<Tracker> all() {
        return trackers.values();
    }

    /** Sets a value; returns false if it did not change. */
    boolean set(String id, int value) {
        get(id);
        Integer old = values.put(id, value);
        return old == null || old != value;
    }

    /** True if this tracker currently holds the instance in FAULT. */
    boolean faulted(Tracker t) {
        Integer v = values.get(t.id());
        if (v == null) {
            return false;
        }
        if (t.kind() == Tracker.Kind.FILE) {
            if (t.weight() == 0) {
                return (v != 0) != t.reverse();
            }
            return fileProduct(t, v) <= -254;
        }
        return t.weight() == 0 && (v != 0) == t.reverse();
    }

    int faultCount() {
        int n = 0;
        for (Tracker t : trackers.values()) {
            if (faulted(t)) {
                n++;
            }
        }
        return n;
    }

    /** Weight-0 trackers without a result yet. */
    int initCount() {
        int n = 0;
        for (Tracker t : trackers.values()) {
            if (t.weight() == 0 && values.get(t.id()) == null) {
                n++;
            }
        }
        return n;
    }

    /** The sum of the weights that apply now. */
    int weightSum() {
        int sum = 0;
        for (Tracker t : trackers.values()) {
            Integer v = values.get(t.id());
            if (v == null || t.weight() == 0) {
                continue;
            }
            int m = t.reverse() ? -1 : 1;
            if (t.kind() == Tracker.Kind.FILE) {
                long p = fileProduct(t, v);
                if (p > -254) {
                    sum += (int) Math.min(p, 253);
                }
            } else if (v != 0) {
                sum += t.weight() > 0 ? t.weight() * m : 0;
            } else {
                sum += t.weight() < 0 ? t.weight() * m : 0;
            }
        }
        return sum;
    }

    int value(Tracker t) {
        Integer v = values.get(t.id());
        return v == null ? 0 : v;
    }

    private static long fileProduct(Tracker t, int v) {
        return (long) v * t.weight() * (t.reverse() ? -1 : 1);
    }
}
