package org.calpe.net.linux;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Reads a non-blocking socket when it becomes readable, on a thread that waits with {@code poll(2)}: its own, or one
 * it shares with other sockets' loops ({@link ReceivePoller}). It owns the socket descriptor: {@link #close()} takes
 * the loop out of the thread's set, waits a bounded time for the thread to let go of it, and the descriptor is closed
 * under a write lock so a concurrent sender (holding {@link #sendLock()}) never writes to a reused descriptor number.
 */
public final class ReceiveLoop implements AutoCloseable {

    /** Reads everything readable on the socket; returns how many datagrams it read, or a negative number to stop. */
    @FunctionalInterface
    public interface Reader {
        int drain(int fd) throws Exception;
    }

    /** Told when the loop ends because of an error. */
    @FunctionalInterface
    public interface FailureHandler {
        void failed(Exception cause);
    }

    /** The window over which a busy socket's datagrams are counted (this one and the one before). */
    static final long BUSY_WINDOW_NANOS = 50_000_000L;

    private final Posix posix;
    private final int fd;
    private final Reader reader;
    private final FailureHandler onFailure;
    private final ReceivePoller poller;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final long busyPauseNanos;
    /** Busy: at least this many datagrams in the current and the previous window. */
    private final long busyCount;
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean closing;
    private boolean fdClosed;
    private boolean started;
    // the rate, on the polling thread only
    private long windowStart = System.nanoTime();
    private long inWindow;
    private long previous;

    public ReceiveLoop(Posix posix, int fd, String name, Reader reader, FailureHandler onFailure)
            throws Posix.NativeException {
        this(posix, fd, name, reader, onFailure, 0);
    }

    /**
     * A loop on a thread of its own, named {@code name}.
     *
     * @param busyPauseNanos while datagrams arrive more often than once per twice this time on average (over the
     *                       last one to two windows of {@value #BUSY_WINDOW_NANOS} ns), the thread, woken by a
     *                       datagram, waits this long before reading, so that it reads everything that arrived
     *                       meanwhile in one go (0: never). The rate, not the time since the last read,
     *                       decides: datagrams that come in bursts (many senders on one timer) are read once
     *                       per burst, not once for its first datagram and again for the rest.
     */
    public ReceiveLoop(Posix posix, int fd, String name, Reader reader, FailureHandler onFailure,
            long busyPauseNanos) throws Posix.NativeException {
        this(posix, fd, new ReceivePoller(posix, name), reader, onFailure, busyPauseNanos);
    }

    /** A loop on {@code poller}'s thread, shared with its other loops; otherwise as above. */
    ReceiveLoop(Posix posix, int fd, ReceivePoller poller, Reader reader, FailureHandler onFailure,
            long busyPauseNanos) {
        this.busyPauseNanos = busyPauseNanos;
        this.busyCount = busyPauseNanos > 0 ? BUSY_WINDOW_NANOS / (2 * busyPauseNanos) : Long.MAX_VALUE;
        this.posix = posix;
        this.fd = fd;
        this.reader = reader;
        this.onFailure = onFailure;
        this.poller = poller;
    }

    /** Starts reading (once). If that fails, the descriptor is the caller's to close. */
    public void start() throws Posix.NativeException {
        synchronized (this) {
            if (started || closing) {
                return;
            }
            started = true;
        }
        try {
            poller.add(this);
        } catch (Posix.NativeException | RuntimeException e) {
            synchronized (this) {
                started = false;
                closing = true;
                fdClosed = true; // not ours to close: the caller's
            }
            throw e;
        }
    }

    /** @return the lock senders hold (read side) while they use the descriptor */
    public ReentrantReadWriteLock.ReadLock sendLock() {
        return lock.readLock();
    }

    /** @return true once the descriptor has been closed */
    public boolean isClosed() {
        return fdClosed || closing;
    }

    int fd() {
        return fd;
    }

    Reader reader() {
        return reader;
    }

    boolean closing() {
        return closing;
    }

    long busyPauseNanos() {
        return busyPauseNanos;
    }

    /** On the polling thread, woken for this loop at {@code now}: whether its datagrams come in faster than the pause. */
    boolean busy(long now) {
        if (now - windowStart >= BUSY_WINDOW_NANOS) {
            previous = now - windowStart < 2 * BUSY_WINDOW_NANOS ? inWindow : 0;
            inWindow = 0;
            windowStart = now;
        }
        return previous + inWindow >= busyCount;
    }

    /** On the polling thread: {@code read} datagrams read. */
    void count(int read) {
        inWindow += read;
    }

    /** On the polling thread: its reader failed. */
    void failed(Exception cause) {
        onFailure.failed(cause);
    }

    /** On the polling thread: its reader asked to stop, or failed; the descriptor is closed next. */
    void ended() {
        closing = true;
    }

    /** Closes the descriptor (idempotent) and releases a {@link #close()} waiting for it. */
    void closeDescriptor() {
        lock.writeLock().lock();
        try {
            if (!fdClosed) {
                fdClosed = true;
                posix.closeQuietly(fd);
            }
        } finally {
            lock.writeLock().unlock();
            released.countDown();
        }
    }

    /** Waits up to {@code millis} for {@link #closeDescriptor()}. */
    void awaitReleased(long millis) {
        try {
            released.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Takes the loop off its thread, which closes the descriptor; waits up to one second for that (not on the thread
     * itself). Idempotent.
     */
    @Override
    public void close() {
        boolean wasStarted;
        synchronized (this) {
            closing = true;
            wasStarted = started;
        }
        if (wasStarted) {
            poller.remove(this);
        } else {
            closeDescriptor(); // never started
        }
    }
}
