package org.calpe.vrrp.core.garp;

import java.util.PriorityQueue;

/** Virtual time for tests: timers run in deadline order, ties in scheduling order. */
final class VirtualClock implements EventClock {
    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) ->
            a.deadline != b.deadline ? Long.compare(a.deadline, b.deadline) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    private static final class Entry implements Timer {
        final long deadline;
        final long seq;
        final Runnable task;
        boolean cancelled;

        Entry(long deadline, long seq, Runnable task) {
            this.deadline = deadline;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Timer schedule(long deadlineNanos, Runnable task) {
        Entry e = new Entry(Math.max(deadlineNanos, now), seq++, task);
        queue.add(e);
        return e;
    }

    /** Runs everything due up to {@code t} and leaves the clock at {@code t}. */
    void advanceTo(long t) {
        while (!queue.isEmpty() && queue.peek().deadline <= t) {
            Entry e = queue.poll();
            now = e.deadline;
            if (!e.cancelled) {
                e.task.run();
            }
        }
        now = t;
    }

    int liveTimers() {
        return (int) queue.stream().filter(e -> !e.cancelled).count();
    }
}
