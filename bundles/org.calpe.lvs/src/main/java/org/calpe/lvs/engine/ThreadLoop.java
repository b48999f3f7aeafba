package org.calpe.lvs.engine;

import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * {@link EngineLoop} on one dedicated thread: a lock-free inbox for tasks from other threads and a
 * {@link TimerHeap}; the thread parks until the next timer is due or a task arrives. No thread per check.
 * <p>
 * Wake-ups cost more than the work they do (two context switches for a check that takes microseconds to hand
 * over), so the loop batches them within a {@linkplain #slackNanos() slack} (default
 * {@value #DEFAULT_SLACK_NANOS} ns): parked until a timer is due, it sleeps up to the slack longer and then fires
 * every timer due by then at once. A task handed in with {@link #executeSoon} (a check's result) does not wake
 * it when it wakes on its own within twice the slack anyway; when it does wake it, the loop first waits one slack
 * more, so that the results of the checks started together (which end within a few milliseconds of each other)
 * are served in one wake-up rather than one each — a real-time loop thread would otherwise run, and preempt the
 * checkers' I/O thread, once per result. A timer never fires early; it may fire up to the slack late, which the
 * start lag ({@link LagHistogram}) shows.
 */
public final class ThreadLoop implements EngineLoop, AutoCloseable {
    private final Queue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final TimerHeap timers = new TimerHeap();
    private final AtomicBoolean parked = new AtomicBoolean();
    /** A task from {@link #execute} arrived since the loop last drained its inbox: serve it without waiting. */
    private volatile boolean urgent;
    /** The loop was woken by {@link #executeSoon}: it waits one slack more for the results that follow. */
    private volatile boolean gather;
    private final Consumer<Throwable> onError;
    private final Thread thread;
    private final long slackNanos;
    /** When the parked thread wakes on its own ({@link System#nanoTime()} scale); valid while {@link #parked}. */
    private volatile long wakeAt;
    private volatile boolean running = true;

    /** Default {@link #slackNanos()}: 2 ms (against 1 ms, 3 % less CPU at 12,000 checks a second; BENCHMARKS.md). */
    public static final long DEFAULT_SLACK_NANOS = 2_000_000L;

    public ThreadLoop(String name, Consumer<Throwable> onError) {
        this(name, onError, DEFAULT_SLACK_NANOS);
    }

    /** A loop that batches wake-ups within {@code slackNanos} (0: wakes for every timer and task at once). */
    public ThreadLoop(String name, Consumer<Throwable> onError, long slackNanos) {
        if (slackNanos < 0) {
            throw new IllegalArgumentException("negative slack " + slackNanos);
        }
        this.slackNanos = slackNanos;
        this.onError = onError;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    @Override
    public void execute(Runnable task) {
        inbox.add(task);
        urgent = true;
        if (parked.get() && parked.compareAndSet(true, false)) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Like {@link #execute}, for work that may wait up to twice the {@linkplain #slackNanos() slack} (check
     * results): the loop is only woken when it would otherwise sleep longer than that.
     */
    @Override
    public void executeSoon(Runnable task) {
        inbox.add(task);
        if (parked.get() && wakeAt - System.nanoTime() > 2 * slackNanos && parked.compareAndSet(true, false)) {
            gather = true;
            LockSupport.unpark(thread);
        }
    }

    /** How late the loop may serve a due timer or a task from {@link #executeSoon} to batch its wake-ups. */
    public long slackNanos() {
        return slackNanos;
    }

    /** Runs {@code task} on the loop and waits for its value (inline when called on the loop thread). */
    public <T> T call(Callable<T> task, long timeoutMillis) {
        if (Thread.currentThread() == thread) {
            try {
                return task.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        execute(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("check engine did not answer", e);
        }
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
        return System.nanoTime();
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    private void run() {
        while (running) {
            urgent = false;
            Runnable task;
            while ((task = inbox.poll()) != null) {
                safely(task);
            }
            long now = System.nanoTime();
            Timer t;
            int fired = 0;
            // at most 64 timers per round, so that results and configuration changes get in between bursts
            while (fired < 64 && (t = timers.pollDue(now)) != null) {
                Timer due = t;
                safely(due::fire);
                fired++;
            }
            if (!inbox.isEmpty()) {
                continue;
            }
            Timer next = timers.peek();
            long wait = next == null ? TimeUnit.SECONDS.toNanos(1) : next.due - System.nanoTime();
            if (wait <= 0) {
                continue;
            }
            if (next != null) {
                wait += slackNanos; // the timers due meanwhile fire in the same wake-up
            }
            wakeAt = System.nanoTime() + wait;
            parked.set(true);
            if (inbox.isEmpty() && running) {
                LockSupport.parkNanos(this, wait);
            }
            parked.set(false);
            if (gather) { // woken for a result: let the results that follow catch up (unless something is urgent)
                gather = false;
                Timer first = timers.peek();
                long gatherNanos = first == null ? slackNanos
                        : Math.min(slackNanos, first.due + slackNanos - System.nanoTime()); // no timer later for it
                if (gatherNanos > 0) {
                    wakeAt = System.nanoTime() + gatherNanos;
                    parked.set(true);
                    if (!urgent && running) {
                        LockSupport.parkNanos(this, gatherNanos);
                    }
                    parked.set(false);
                }
            }
        }
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (Throwable e) {
            onError.accept(e);
        }
    }

    /** Stops the thread; pending tasks and timers are dropped. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isLoopThread() {
        return Thread.currentThread() == thread;
    }
}
