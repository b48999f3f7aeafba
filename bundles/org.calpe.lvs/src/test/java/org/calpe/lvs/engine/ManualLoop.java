package org.calpe.lvs.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** Virtual-time {@link EngineLoop}: nothing happens until the test advances the clock. */
final class ManualLoop implements EngineLoop {
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private final TimerHeap timers = new TimerHeap();
    private final Deque<Runnable> tasks = new ArrayDeque<>();
    private long nanos;

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    @Override
    public void schedule(Timer timer, long dueNanos) {
        timers.schedule(timer, dueNanos);
    }

    @Override
    public void cancel(Timer timer) {
        timers.cancel(timer);
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public Instant now() {
        return EPOCH.plusNanos(nanos);
    }

    /** Runs queued tasks and every timer due up to now + {@code d}, in time order. */
    void advance(Duration d) {
        long target = nanos + d.toNanos();
        while (true) {
            runTasks();
            Timer t = timers.peek();
            if (t == null || t.due() > target) {
                break;
            }
            nanos = Math.max(nanos, t.due());
            timers.pollDue(nanos).fire();
        }
        nanos = target;
        runTasks();
    }

    /** Moves the clock without running anything: tasks queued meanwhile are served late. */
    void skip(Duration d) {
        nanos += d.toNanos();
    }

    void runTasks() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            r.run();
        }
    }

    long millis() {
        return nanos / 1_000_000;
    }
}
