package org.calpe.net.linux;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

import jnr.ffi.Pointer;

/**
 * One thread that waits with {@code poll(2)} on the descriptors of several {@link ReceiveLoop}s and an
 * {@code eventfd} that wakes it when the set changes, and reads each descriptor that became readable with its
 * loop's reader. The thread starts with the first loop and ends when the last has left; it closes the descriptor
 * of a loop that left (see {@link ReceiveLoop#close()}).
 * <p>
 * The busy pause ({@link ReceiveLoop}) is per loop: a readable loop that is not busy is read at once; when a busy
 * one is readable, the thread then waits for the longest pause among them and reads every loop that is readable
 * after it. The point of sharing: datagrams that arrive on several sockets at the same moment (a node's masters on
 * several interfaces keep to the same phases of their interval) cost one wake-up of one thread, not one of each
 * socket's thread — at 1,000 instances on four interfaces the backup's receive threads spent most of their time
 * switching in and out.
 */
final class ReceivePoller {
    private static final ReceiveLoop[] NONE = new ReceiveLoop[0];
    private static final long JOIN_MILLIS = 1000;

    private final Posix posix;
    private final String name;
    /** Guards {@link #members}, {@link #thread} and {@link #wakeFd}. */
    private final Object lock = new Object();
    private ReceiveLoop[] members = NONE;
    /** Loops taken out whose descriptors the thread closes at the start of its next round. */
    private ReceiveLoop[] leaving = NONE;
    /** The running thread; null: none (it is started by the next {@link #add}). */
    private Thread thread;
    /** The running thread's eventfd; it closes it when it ends. */
    private int wakeFd = -1;

    /** @param name the thread's name */
    ReceivePoller(Posix posix, String name) {
        this.posix = posix;
        this.name = name;
    }

    /** Adds {@code loop}, starting the thread if none runs. */
    void add(ReceiveLoop loop) throws Posix.NativeException {
        synchronized (lock) {
            members = with(members, loop);
            if (thread == null) {
                int fd;
                try {
                    fd = posix.check(posix.libc().eventfd(0, Posix.EFD_NONBLOCK | Posix.EFD_CLOEXEC), "eventfd");
                } catch (Posix.NativeException e) {
                    members = without(members, loop);
                    throw e;
                }
                wakeFd = fd;
                Thread t = new Thread(() -> run(fd), name);
                t.setDaemon(true);
                thread = t;
                t.start();
            } else {
                wake();
            }
        }
    }

    /**
     * Takes {@code loop} out; the thread closes its descriptor at the start of its next round. Waits up to a second
     * for that unless called on the thread itself (a reader that closes its own loop).
     */
    void remove(ReceiveLoop loop) {
        Thread t;
        synchronized (lock) {
            members = without(members, loop);
            t = thread;
            if (t == null) {
                loop.closeDescriptor(); // nobody polls it
                return;
            }
            leaving = with(leaving, loop);
            wake();
        }
        if (Thread.currentThread() != t) {
            loop.awaitReleased(JOIN_MILLIS);
        }
    }

    private void wake() {
        posix.libc().write(wakeFd, Bytes.nativeBuffer(8).putLong(1).array(), 8);
    }

    private void run(int wake) {
        int capacity = 4;
        Pointer fds = posix.allocate(8 * capacity);
        byte[] eight = new byte[8];
        try {
            while (true) {
                ReceiveLoop[] now = round(false);
                if (now.length == 0) {
                    return;
                }
                if (capacity < now.length + 1) {
                    capacity = 2 * (now.length + 1);
                    fds = posix.allocate(8 * capacity);
                }
                fill(fds, wake, now);
                int n = posix.libc().poll(fds, now.length + 1, -1);
                if (n < 0) {
                    if (posix.errno() == Posix.EINTR) {
                        continue;
                    }
                    throw posix.error("poll");
                }
                if (fds.getShort(6) != 0) {
                    posix.libc().read(wake, eight, 8); // reset; the next round reads the members again
                }
                long pause = 0;
                long at = System.nanoTime();
                for (int i = 0; i < now.length; i++) {
                    if (fds.getShort(8L * (i + 1) + 6) == 0) {
                        continue;
                    }
                    ReceiveLoop l = now[i];
                    if (l.busy(at)) {
                        pause = Math.max(pause, l.busyPauseNanos());
                    } else {
                        drain(l);
                    }
                }
                if (pause > 0) {
                    // datagrams come faster than the pause: let the rest of this burst arrive, read it in one go
                    LockSupport.parkNanos(pause);
                    fill(fds, wake, now);
                    if (posix.libc().poll(fds, now.length + 1, 0) > 0) {
                        for (int i = 0; i < now.length; i++) {
                            if (fds.getShort(8L * (i + 1) + 6) != 0) {
                                drain(now[i]);
                            }
                        }
                    }
                }
            }
        } catch (Exception | Error e) {
            for (ReceiveLoop l : round(true)) {
                if (!l.closing()) {
                    l.failed(e instanceof Exception x ? x : new IllegalStateException(e));
                }
                l.closeDescriptor();
            }
            if (e instanceof Error err) {
                throw err;
            }
        } finally {
            posix.closeQuietly(wake);
        }
    }

    /**
     * At the start of a round: closes the descriptors of the loops that left, and returns the members to poll; none
     * (or {@code stop}: all are taken out) ends the thread, and the next {@link #add} starts another.
     */
    private ReceiveLoop[] round(boolean stop) {
        ReceiveLoop[] now;
        ReceiveLoop[] left;
        synchronized (lock) {
            now = members;
            left = leaving;
            leaving = NONE;
            if (stop) {
                members = NONE;
            }
            if (stop || now.length == 0) {
                thread = null;
                wakeFd = -1;
            }
        }
        for (ReceiveLoop l : left) {
            l.closeDescriptor(); // polled no more
        }
        return now;
    }

    /** Reads {@code l} unless it is closing; a failure or a negative count ends it (on this thread). */
    private void drain(ReceiveLoop l) {
        if (l.closing()) {
            return;
        }
        int read;
        try {
            read = l.reader().drain(l.fd());
        } catch (Exception e) {
            if (!l.closing()) {
                l.failed(e);
            }
            read = -1;
        }
        if (read < 0) {
            l.ended();
            synchronized (lock) {
                members = without(members, l);
                leaving = with(leaving, l);
            }
        } else {
            l.count(read);
        }
    }

    private static void fill(Pointer fds, int wake, ReceiveLoop[] loops) {
        put(fds, 0, wake);
        for (int i = 0; i < loops.length; i++) {
            put(fds, i + 1, loops[i].fd());
        }
    }

    private static void put(Pointer fds, int i, int fd) {
        fds.putInt(8L * i, fd);
        fds.putShort(8L * i + 4, (short) Posix.POLLIN);
        fds.putShort(8L * i + 6, (short) 0);
    }

    private static boolean contains(ReceiveLoop[] a, ReceiveLoop l) {
        for (ReceiveLoop x : a) {
            if (x == l) {
                return true;
            }
        }
        return false;
    }

    private static ReceiveLoop[] with(ReceiveLoop[] a, ReceiveLoop l) {
        if (contains(a, l)) {
            return a;
        }
        ReceiveLoop[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = l;
        return b;
    }

    private static ReceiveLoop[] without(ReceiveLoop[] a, ReceiveLoop l) {
        if (!contains(a, l)) {
            return a;
        }
        ReceiveLoop[] b = new ReceiveLoop[a.length - 1];
        int j = 0;
        for (ReceiveLoop x : a) {
            if (x != l) {
                b[j++] = x;
            }
        }
        return b;
    }

    /** For tests: whether the thread runs. */
    boolean running() {
        synchronized (lock) {
            return thread != null;
        }
    }
}
