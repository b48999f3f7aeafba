package org.calpe.vrrp.core.track;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.Executor;

import org.calpe.vrrp.core.garp.EventClock;

/**
 * A single-threaded event loop in virtual time: timers in deadline order, and an executor whose tasks (results
 * handed back from the runner) run only when the test lets the loop run.
 */
final class LoopTime implements EventClock, Executor {
    static final long SECOND = 1_000_000_000L;

    private final PriorityQueue<Entry> timers = new PriorityQueue<>((a, b) ->
            a.deadline != b.deadline ? Long.compare(a.deadline, b.deadline) : Long.compare(a.seq, b.seq));
    private final Queue<Runnable> tasks = new ArrayDeque<>();
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
        timers.add(e);
        return e;
    }

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
    }

    /** Runs the handed-back tasks, then the timers due up to {@code t}, in order; leaves the clock at {@code t}. */
    void advanceTo(long t) {
        runTasks();
        while (!timers.isEmpty() && timers.peek().deadline <= t) {
            Entry e = timers.poll();
            now = e.deadline;
            if (!e.cancelled) {
                e.task.run();
            }
            runTasks();
        }
        now = t;
    }

    void advanceSeconds(double s) {
        advanceTo(now + (long) (s * SECOND));
    }

    /** Runs the tasks handed to the loop so far. */
    void runTasks() {
        Runnable r;
        while ((r = poll()) != null) {
            r.run();
        }
    }

    synchronized int pendingTasks() {
        return tasks.size();
    }

    int liveTimers() {
        return (int) timers.stream().filter(e -> !e.cancelled).count();
    }

    private synchronized Runnable poll() {
        return tasks.poll();
    }
}
