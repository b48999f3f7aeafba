package org.calpe.vrrp.core.codec;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One counter per {@link DropReason}: every dropped datagram is counted exactly once. Written by the receive
 * path, read from any thread (shell, JSON dump, metrics). The counters exist from the first drop on: most
 * instances never drop a datagram, and with a thousand instances a counter set each (a LongAdder per reason
 * before) was 0.7 kB of every instance's heap.
 */
public final class DropCounters {
    private static final DropReason[] REASONS = DropReason.values();

    private volatile AtomicLongArray counts;

    /** Counts one drop. */
    public void increment(DropReason reason) {
        AtomicLongArray c = counts;
        if (c == null) {
            c = create();
        }
        c.incrementAndGet(reason.ordinal());
    }

    private synchronized AtomicLongArray create() {
        if (counts == null) {
            counts = new AtomicLongArray(REASONS.length);
        }
        return counts;
    }

    /** Drops counted for one reason. */
    public long get(DropReason reason) {
        AtomicLongArray c = counts;
        return c == null ? 0 : c.get(reason.ordinal());
    }

    /** All drops. */
    public long total() {
        AtomicLongArray c = counts;
        long sum = 0;
        for (int i = 0; c != null && i < REASONS.length; i++) {
            sum += c.get(i);
        }
        return sum;
    }

    /** Drops counted under one keepalived statistics counter name (e.g. "addr_list_err"). */
    public long keepalivedCounter(String name) {
        long sum = 0;
        for (DropReason r : REASONS) {
            if (r.keepalivedCounter().filter(name::equals).isPresent()) {
                sum += get(r);
            }
        }
        return sum;
    }

    /** A snapshot of every counter, in reason order. */
    public Map<DropReason, Long> snapshot() {
        EnumMap<DropReason, Long> m = new EnumMap<>(DropReason.class);
        for (DropReason r : REASONS) {
            m.put(r, get(r));
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("DropCounters{");
        for (DropReason r : REASONS) {
            long v = get(r);
            if (v != 0) {
                sb.append(r).append('=').append(v).append(' ');
            }
        }
        return sb.append("total=").append(total()).append('}').toString();
    }
}
