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

    /** Reads everything readable on the socket; returns false to stop the loop. */
    @FunctionalInterface
    public interface Reader {
        boolean drain(int fd) throws Exception;
    }

    /** Told when the loop ends because of an error. */
    @FunctionalInterface
    public interface FailureHandler {
        void failed(Exception cause);
    }

    private static final long CLOSE_WAIT_MILLIS = 1000;

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
     * @param busyPauseNanos when a read follows the previous one within twice this time (the pause itself lies
     *                       between two reads of a busy socket), the thread waits this long before the next
     *                       poll, so that it reads everything that arrived meanwhile in one go (0: never)
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
        long busyWithin = 2 * busyPauseNanos;
        long lastRead = System.nanoTime() - busyWithin;
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
                    if (!reader.drain(fd)) {
                        break;
                    }
                    long now = System.nanoTime();
                    boolean busy = now - lastRead < busyWithin;
                    lastRead = now;
                    if (busy && !closing) {
                        // datagrams come faster than the pause: let them gather, the next poll finds them at once
                        LockSupport.parkNanos(busyPauseNanos);
                    }
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
