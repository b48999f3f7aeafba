package org.calpe.net.linux;

import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import jnr.ffi.Pointer;

/**
 * A thread that waits with {@code poll(2)} on a non-blocking socket and an {@code eventfd} used to wake it
 * for closing. It owns the socket descriptor: {@link #close()} wakes it, waits a bounded time, and the
 * descriptor is closed under a write lock so a concurrent sender (holding {@link #sendLock()}) never writes
 * to a reused descriptor number.
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

    private static final long CLOSE_WAIT_MILLIS = 1000;
    /** The window over which a busy socket's datagrams are counted (this one and the one before). */
    static final long BUSY_WINDOW_NANOS = 50_000_000L;

    private final Posix posix;
    private final int fd;
    private final int wakeFd;
    private final Reader reader;
    private final FailureHandler onFailure;
    private final Thread thread;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final long busyPauseNanos;
    private volatile boolean closing;
    private boolean fdClosed;

    public ReceiveLoop(Posix posix, int fd, String name, Reader reader, FailureHandler onFailure)
            throws Posix.NativeException {
        this(posix, fd, name, reader, onFailure, 0);
    }

    /**
     * @param busyPauseNanos while datagrams arrive more often than once per twice this time on average (over the
     *                       last one to two windows of {@value #BUSY_WINDOW_NANOS} ns), the thread, woken by a
     *                       datagram, waits this long before reading, so that it reads everything that arrived
     *                       meanwhile in one go (0: never). The rate, not the time since the last read,
     *                       decides: datagrams that come in bursts (many senders on one timer) are read once
     *                       per burst, not once for its first datagram and again for the rest.
     */
    public ReceiveLoop(Posix posix, int fd, String name, Reader reader, FailureHandler onFailure,
            long busyPauseNanos) throws Posix.NativeException {
        this.busyPauseNanos = busyPauseNanos;
        this.posix = posix;
        this.fd = fd;
        this.wakeFd = posix.check(posix.libc().eventfd(0, Posix.EFD_NONBLOCK | Posix.EFD_CLOEXEC), "eventfd");
        this.reader = reader;
        this.onFailure = onFailure;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** @return the lock senders hold (read side) while they use the descriptor */
    public ReentrantReadWriteLock.ReadLock sendLock() {
        return lock.readLock();
    }

    /** @return true once the descriptor has been closed */
    public boolean isClosed() {
        return fdClosed || closing;
    }

    private void run() {
        Pointer fds = posix.allocate(16);
        // busy: at least this many datagrams in the current and the previous window
        long busyCount = busyPauseNanos > 0 ? BUSY_WINDOW_NANOS / (2 * busyPauseNanos) : Long.MAX_VALUE;
        long windowStart = System.nanoTime();
        long inWindow = 0;
        long previous = 0;
        try {
            while (!closing) {
                fds.putInt(0, fd);
                fds.putShort(4, (short) Posix.POLLIN);
                fds.putShort(6, (short) 0);
                fds.putInt(8, wakeFd);
                fds.putShort(12, (short) Posix.POLLIN);
                fds.putShort(14, (short) 0);
                int n = posix.libc().poll(fds, 2, -1);
                if (n < 0) {
                    if (posix.errno() == Posix.EINTR) {
                        continue;
                    }
                    throw posix.error("poll");
                }
                if (closing || fds.getShort(14) != 0) {
                    break;
                }
                if (fds.getShort(6) != 0) {
                    long now = System.nanoTime();
                    if (now - windowStart >= BUSY_WINDOW_NANOS) {
                        previous = now - windowStart < 2 * BUSY_WINDOW_NANOS ? inWindow : 0;
                        inWindow = 0;
                        windowStart = now;
                    }
                    if (previous + inWindow >= busyCount && !closing) {
                        // datagrams come faster than the pause: let the rest of this burst arrive, read it in one go
                        LockSupport.parkNanos(busyPauseNanos);
                    }
                    int read = reader.drain(fd);
                    if (read < 0) {
                        break;
                    }
                    inWindow += read;
                }
            }
        } catch (Exception e) {
            if (!closing) {
                onFailure.failed(e);
            }
        } finally {
            closeDescriptors();
        }
    }

    private void closeDescriptors() {
        lock.writeLock().lock();
        try {
            if (!fdClosed) {
                fdClosed = true;
                posix.closeQuietly(fd);
                posix.closeQuietly(wakeFd);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Wakes the thread and waits up to one second for it; the thread closes the descriptors. Idempotent. */
    @Override
    public void close() {
        closing = true;
        lock.readLock().lock();
        try {
            if (!fdClosed) {
                posix.libc().write(wakeFd, Bytes.nativeBuffer(8).putLong(1).array(), 8);
            }
        } finally {
            lock.readLock().unlock();
        }
        if (Thread.currentThread() != thread) {
            if (!thread.isAlive() && !fdClosed) {
                closeDescriptors(); // never started
            }
            try {
                thread.join(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
