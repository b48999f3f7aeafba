package org.calpe.vrrp.core.codec;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * One counter per {@link DropReason}: every dropped datagram is counted exactly once. Written by the receive
 * path, read from any thread (shell, JSON dump, metrics).
 */
public final class DropCounters {
    private final EnumMap<DropReason, LongAdder> counters = new EnumMap<>(DropReason.class);

    public DropCounters() {
        for (DropReason r : DropReason.values()) {
            counters.put(r, new LongAdder());
        }
    }

    /** Counts one drop. */
    public void increment(DropReason reason) {
        counters.get(reason).increment();
    }

    /** Drops counted for one reason. */
    public long get(DropReason reason) {
        return counters.get(reason).sum();
    }

    /** All drops. */
    public long total() {
        long sum = 0;
        for (LongAdder a : counters.values()) {
            sum += a.sum();
        }
        return sum;
    }

    /** Drops counted under one keepalived statistics counter name (e.g. "addr_list_err"). */
    public long keepalivedCounter(String name) {
        long sum = 0;
        for (DropReason r : DropReason.values()) {
            if (r.keepalivedCounter().filter(name::equals).isPresent()) {
                sum += get(r);
            }
        }
        return sum;
    }

    /** A snapshot of every counter, in reason order. */
    public Map<DropReason, Long> snapshot() {
        EnumMap<DropReason, Long> m = new EnumMap<>(DropReason.class);
        counters.forEach((r, a) -> m.put(r, a.sum()));
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("DropCounters{");
        counters.forEach((r, a) -> {
            long v = a.sum();
            if (v != 0) {
                sb.append(r).append('=').append(v).append(' ');
            }
        });
        return sb.append("total=").append(total()).append('}').toString();
    }
}
