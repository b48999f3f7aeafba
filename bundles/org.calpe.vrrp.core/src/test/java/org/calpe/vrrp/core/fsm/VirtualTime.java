package org.calpe.vrrp.core.fsm;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/** Virtual time for tests: timers and deliveries run in time order when the test advances the clock. */
final class VirtualTime {
    private long now;
    private long seq;
    private final PriorityQueue<Event> queue = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));

    private static final class Event {
        final long at;
        final long seq;
        final Runnable run;
        boolean cancelled;

        Event(long at, long seq, Runnable run) {
            this.at = at;
            this.seq = seq;
            this.run = run;
        }
    }

    long now() {
        return now;
    }

    void at(long delay, Runnable run) {
        queue.add(new Event(now + delay, seq++, run));
    }

    /** A scheduler whose expiries call {@code target}. */
    Scheduler scheduler(Consumer<VrrpTimer> target) {
        Map<VrrpTimer, Event> pending = new HashMap<>();
        return new Scheduler() {
            @Override
            public long nowMicros() {
                return now;
            }

            @Override
            public void schedule(VrrpTimer timer, long delayMicros) {
                if (delayMicros < 0) {
                    throw new IllegalArgumentException("negative delay");
                }
                cancel(timer);
                Event[] self = new Event[1];
                self[0] = new Event(now + delayMicros, seq++, () -> {
                    pending.remove(timer, self[0]);
                    target.accept(timer);
                });
                pending.put(timer, self[0]);
                queue.add(self[0]);
            }

            @Override
            public void cancel(VrrpTimer timer) {
                Event e = pending.remove(timer);
                if (e != null) {
                    e.cancelled = true;
                }
            }
        };
    }

    /** Runs everything due up to now + micros (inclusive), then sets the clock there. */
    void advance(long micros) {
        runUntil(now + micros);
    }

    void runUntil(long time) {
        while (!queue.isEmpty() && queue.peek().at <= time) {
            Event e = queue.poll();
            if (e.cancelled) {
                continue;
            }
            now = e.at;
            e.run.run();
        }
        now = time;
    }
}
