package org.calpe.net.linux;

import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.calpe.net.api.ScheduledSend;

import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * Datagrams the kernel sends at a given time, whatever the JVM is doing then: one io_uring (two system calls and
 * three shared rings, through jnr-ffi) in which each round is an absolute timeout on {@code CLOCK_MONOTONIC} (the
 * clock of {@link System#nanoTime()}) linked to one {@code sendmsg} per datagram. When the timeout expires the
 * kernel runs the sends as task work of the thread that submitted them, which it interrupts wherever it is —
 * sleeping, waiting at a collector's safepoint, or running Java code — so a master's adverts leave on time through
 * a stop-the-world pause. A round can be withdrawn until its timeout has expired. A round ends with the thread
 * that submitted it (the kernel withdraws a thread's pending requests when it exits), and everything with the
 * process: a killed master stops advertising as its VRRP thread exits.
 * <p>
 * The sends use their own duplicate of the socket's descriptor ({@link #retire(int)} closes it once nothing
 * pending refers to it), so a socket closed meanwhile can never have its number reused under a pending send.
 * Needs Linux 5.16 ({@code IORING_TIMEOUT_ETIME_SUCCESS}: an expired timeout does not break its link); {@link #open}
 * checks that the kernel runs a linked operation after an expired timeout. Thread-safe.
 */
final class TimedSends implements AutoCloseable {
    private static final long SYS_IO_URING_SETUP = 425; // x86_64 and the generic table (aarch64) agree
    private static final long SYS_IO_URING_ENTER = 426;
    private static final int SETUP_CQSIZE = 1 << 3;
    private static final int SETUP_CLAMP = 1 << 4;
    private static final int FEAT_SINGLE_MMAP = 1;
    private static final int FEAT_NODROP = 1 << 1;
    private static final long OFF_SQ_RING = 0;
    private static final long OFF_SQES = 0x10000000L;
    private static final int OP_NOP = 0;
    private static final int OP_SENDMSG = 9;
    private static final int OP_TIMEOUT = 11;
    private static final int OP_TIMEOUT_REMOVE = 12;
    private static final int SQE_IO_LINK = 1 << 2;
    private static final int TIMEOUT_ABS = 1;
    private static final int TIMEOUT_ETIME_SUCCESS = 1 << 5;
    private static final int ENTER_GETEVENTS = 1;
    private static final int PROT_READ_WRITE = 3;
    private static final int MAP_SHARED = 1;
    private static final int MAP_POPULATE = 0x8000;
    private static final int ETIME = 62;
    private static final int ECANCELED = 125;
    private static final int SQE = 64;
    private static final int CQE = 16;
    private static final int MSGHDR = 56;
    private static final int IOVEC = 16;
    private static final int TIMESPEC = 16;
    private static final int NAME = 32;
    /** The last byte of a round's user data: 0 its timeout, 1… its sends, this its withdrawal. */
    private static final int WITHDRAWAL = 0xff;
    private static final int MOST_DATAGRAMS = 254;
    private static final int BLOCK = 512;
    private static final int MOST_SPARE = 4096;

    private final Posix posix;
    private final int ring;
    private final long ringLength;
    private final long sqesLength;
    private final Pointer rings;
    private final Pointer sqes;
    private final int sqTail;
    private final int sqEntries;
    private final int sqArray;
    private final int cqHead;
    private final int cqTail;
    private final int cqes;
    private final int sqMaskValue;
    private final int cqMaskValue;
    private final Map<Long, Round> rounds = new HashMap<>();
    /** Per duplicate descriptor: its rounds still pending; retired ones are closed when this reaches 0. */
    private final Map<Integer, int[]> pendingByFd = new HashMap<>();
    private final List<Integer> retired = new ArrayList<>();
    /** Spare memory blocks for rounds that fit one (most adverts): a round every few ms allocates nothing. */
    private final java.util.ArrayDeque<Pointer> spare = new java.util.ArrayDeque<>();
    private final Completion onCompletion = this::completed;
    private long nextRound = 1;
    private boolean closed;

    private TimedSends(Posix posix, int ring, Pointer params) throws IOException {
        this.posix = posix;
        Runtime runtime = Runtime.getRuntime(posix.libc());
        this.ring = ring;
        int features = params.getInt(20);
        if ((features & FEAT_SINGLE_MMAP) == 0 || (features & FEAT_NODROP) == 0) {
            throw new IOException("io_uring lacks single mmap or no-drop completions (Linux 5.5 or later)");
        }
        sqEntries = params.getInt(0);
        int cqEntries = params.getInt(4);
        sqTail = params.getInt(44);
        sqArray = params.getInt(64);
        cqHead = params.getInt(80);
        cqTail = params.getInt(84);
        cqes = params.getInt(100);
        ringLength = Math.max(sqArray + 4L * sqEntries, cqes + (long) CQE * cqEntries);
        rings = Pointer.wrap(runtime, map(ringLength, OFF_SQ_RING));
        sqesLength = (long) SQE * sqEntries;
        try {
            sqes = Pointer.wrap(runtime, map(sqesLength, OFF_SQES));
        } catch (IOException e) {
            posix.libc().munmap(rings, ringLength);
            throw e;
        }
        sqMaskValue = rings.getInt(params.getInt(48));
        cqMaskValue = rings.getInt(params.getInt(88));
    }

    private long map(long length, long offset) throws IOException {
        Pointer m = posix.libc().mmap(null, length, PROT_READ_WRITE, MAP_SHARED | MAP_POPULATE, ring, offset);
        long a = m == null ? 0 : m.address();
        if (a == -1 || a == 0) {
            throw posix.error("mmap io_uring");
        }
        return a;
    }

    /**
     * Sets up the ring and checks that the kernel runs an operation linked to an expired timeout.
     *
     * @throws IOException if io_uring is unavailable (an old kernel, {@code kernel.io_uring_disabled}, a seccomp
     *                     profile that forbids it) or does not run linked operations after a timeout
     */
    static TimedSends open(Posix posix) throws IOException {
        Pointer params = posix.allocate(120);
        for (int i = 0; i < 120; i += 8) {
            params.putLong(i, 0);
        }
        params.putInt(4, 8192); // completions: room for every pending operation of a large node
        params.putInt(8, SETUP_CQSIZE | SETUP_CLAMP);
        long fd = posix.libc().syscall(SYS_IO_URING_SETUP, 512, params.address(), 0, 0, 0, 0);
        if (fd < 0) {
            throw posix.error("io_uring_setup");
        }
        TimedSends t;
        try {
            t = new TimedSends(posix, (int) fd, params);
        } catch (IOException | RuntimeException e) {
            posix.libc().close((int) fd);
            throw e;
        }
        try {
            t.probe();
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    /** A timeout that expires at once, linked to a no-op: the no-op must complete with 0, not be cancelled. */
    private synchronized void probe() throws IOException {
        Pointer ts = posix.allocate(TIMESPEC);
        ts.putLong(0, 0);
        ts.putLong(8, 0);
        int tail = rings.getInt(sqTail);
        long timeoutTag = -1;
        long nopTag = -2;
        putSqe(tail, OP_TIMEOUT, SQE_IO_LINK, -1, 0, ts.address(), 1, TIMEOUT_ETIME_SUCCESS, timeoutTag);
        putSqe(tail + 1, OP_NOP, 0, -1, 0, 0, 0, 0, nopTag);
        publish(tail + 2);
        long n = posix.libc().syscall(SYS_IO_URING_ENTER, ring, 2, 2, ENTER_GETEVENTS, 0, 0);
        if (n != 2) {
            throw n < 0 ? posix.error("io_uring_enter") : new IOException("io_uring took " + n + " of 2 operations");
        }
        Integer[] nop = {null};
        drainCompletions((data, res) -> {
            if (data == nopTag) {
                nop[0] = res;
            }
        });
        if (nop[0] == null || nop[0] != 0) {
            throw new IOException("io_uring does not run an operation linked to an expired timeout (result "
                    + nop[0] + "; Linux 5.16 or later needed)");
        }
    }

    /**
     * Submits a round: at {@code atNanos} ({@link System#nanoTime()}), each packet is sent on {@code fd} to the
     * sockaddr at the same index, in order (a failing send cancels the ones after it).
     */
    synchronized Round submit(int fd, long atNanos, List<byte[]> packets, List<byte[]> sockaddrs)
            throws IOException {
        if (closed) {
            throw new IOException("timed sends closed");
        }
        int n = packets.size();
        if (n == 0 || n > MOST_DATAGRAMS || sockaddrs.size() != n) {
            throw new IllegalArgumentException(n + " datagrams, " + sockaddrs.size() + " addresses");
        }
        reapLocked();
        int size = TIMESPEC;
        for (byte[] p : packets) {
            size += MSGHDR + IOVEC + NAME + align(p.length);
        }
        Pointer mem = size <= BLOCK && !spare.isEmpty() ? spare.pop() : posix.allocate(Math.max(size, BLOCK));
        long base = mem.address();
        mem.putLong(0, atNanos / 1_000_000_000L);
        mem.putLong(8, atNanos % 1_000_000_000L);
        long id = nextRound++;
        Round r = new Round(id, fd, mem, n + 1);
        int tail = rings.getInt(sqTail);
        putSqe(tail, OP_TIMEOUT, SQE_IO_LINK, -1, 0, base, 1, TIMEOUT_ABS | TIMEOUT_ETIME_SUCCESS, id << 8);
        int off = TIMESPEC;
        for (int i = 0; i < n; i++) {
            byte[] p = packets.get(i);
            byte[] sa = sockaddrs.get(i);
            int msg = off;
            int iov = msg + MSGHDR;
            int name = iov + IOVEC;
            int data = name + NAME;
            mem.put(name, sa, 0, Math.min(sa.length, NAME));
            mem.put(data, p, 0, p.length);
            mem.putLong(iov, base + data);
            mem.putLong(iov + 8, p.length);
            mem.putLong(msg, base + name);
            mem.putInt(msg + 8, sa.length);
            mem.putInt(msg + 12, 0);
            mem.putLong(msg + 16, base + iov);
            mem.putLong(msg + 24, 1);
            mem.putLong(msg + 32, 0);
            mem.putLong(msg + 40, 0);
            mem.putLong(msg + 48, 0);
            putSqe(tail + 1 + i, OP_SENDMSG, i + 1 < n ? SQE_IO_LINK : 0, fd, 0, base + msg, 1,
                    Posix.MSG_DONTWAIT, (id << 8) | (i + 1));
            off = data + align(p.length);
        }
        enter(tail, n + 1);
        rounds.put(id, r);
        pendingByFd.computeIfAbsent(fd, k -> new int[1])[0]++;
        return r;
    }

    /** Withdraws {@code r} if its timeout has not expired yet. */
    synchronized boolean cancel(Round r) {
        if (closed || r.done || r.cancelled) {
            return r.cancelled;
        }
        int tail = rings.getInt(sqTail);
        putSqe(tail, OP_TIMEOUT_REMOVE, 0, -1, 0, r.id << 8, 0, 0, (r.id << 8) | WITHDRAWAL);
        r.outstanding++;
        try {
            enter(tail, 1);
        } catch (IOException e) {
            r.outstanding--;
            return false;
        }
        reapLocked(); // the removal completes at once: 0 if it found the timeout before it expired
        return r.cancelled;
    }

    /**
     * The socket of duplicate descriptor {@code fd} is closing: its pending rounds are withdrawn and {@code fd} is
     * closed once none refers to it.
     */
    synchronized void retire(int fd) {
        if (closed) {
            posix.closeQuietly(fd);
            return;
        }
        List<Round> mine = new ArrayList<>();
        for (Round r : rounds.values()) {
            if (r.fd == fd) {
                mine.add(r);
            }
        }
        for (Round r : mine) {
            cancel(r);
        }
        retired.add(fd);
        closeRetired();
    }

    /** Reads the completions the kernel has posted. */
    synchronized void reap() {
        if (!closed) {
            reapLocked();
        }
    }

    private void reapLocked() {
        drainCompletions(onCompletion);
        closeRetired();
    }

    /** What the kernel posted for one operation. */
    private interface Completion {
        void completed(long userData, int result);
    }

    /** Hands every completion the kernel has posted to {@code c} and frees their slots. */
    private void drainCompletions(Completion c) {
        int head = rings.getInt(cqHead);
        VarHandle.acquireFence();
        int end = rings.getInt(cqTail);
        for (; head != end; head++) {
            long at = cqes + (long) CQE * (head & cqMaskValue);
            c.completed(rings.getLong(at), rings.getInt(at + 8));
        }
        VarHandle.releaseFence();
        rings.putInt(cqHead, head);
    }

    private void completed(long data, int res) {
        Round r = rounds.get(data >>> 8);
        if (r == null) {
            return;
        }
        int part = (int) (data & 0xff);
        if (part == WITHDRAWAL) {
            if (res == 0) {
                r.cancelled = true;
            }
        } else if (part == 0) {
            if (res < 0 && res != -ETIME && res != -ECANCELED) {
                r.fail("timer: " + posix.libc().strerror(-res));
            }
        } else if (res < 0 && res != -ECANCELED) {
            r.fail("sendmsg: " + posix.libc().strerror(-res) + " (errno " + -res + ")");
        }
        if (--r.outstanding == 0) {
            r.done = true;
            rounds.remove(r.id);
            if (r.memory.size() == BLOCK && spare.size() < MOST_SPARE) {
                spare.push(r.memory);
            }
            int[] left = pendingByFd.get(r.fd);
            if (left != null && --left[0] == 0) {
                pendingByFd.remove(r.fd);
            }
        }
    }

    private void closeRetired() {
        for (Iterator<Integer> it = retired.iterator(); it.hasNext();) {
            int fd = it.next();
            if (!pendingByFd.containsKey(fd)) {
                posix.closeQuietly(fd);
                it.remove();
            }
        }
    }

    private void putSqe(int index, int opcode, int flags, int fd, long off, long addr, int len, int opFlags,
            long userData) {
        long at = (long) SQE * (index & sqMaskValue);
        for (int i = 0; i < SQE; i += 8) {
            sqes.putLong(at + i, 0);
        }
        sqes.putByte(at, (byte) opcode);
        sqes.putByte(at + 1, (byte) flags);
        sqes.putInt(at + 4, fd);
        sqes.putLong(at + 8, off);
        sqes.putLong(at + 16, addr);
        sqes.putInt(at + 24, len);
        sqes.putInt(at + 28, opFlags);
        sqes.putLong(at + 32, userData);
        rings.putInt(sqArray + 4L * (index & sqMaskValue), index & sqMaskValue);
    }

    private void publish(int tail) {
        VarHandle.releaseFence();
        rings.putInt(sqTail, tail);
    }

    private void enter(int tail, int count) throws IOException {
        if (count > sqEntries) {
            throw new IllegalArgumentException(count + " operations, ring of " + sqEntries);
        }
        publish(tail + count);
        long n = posix.libc().syscall(SYS_IO_URING_ENTER, ring, count, 0, 0, 0, 0);
        if (n != count) {
            // what the kernel did not take stays in the ring and would go with the next call: take it back
            int taken = (int) Math.max(0, n);
            publish(tail + taken);
            throw n < 0 ? posix.error("io_uring_enter") : new IOException("io_uring took " + n + " of " + count);
        }
    }

    private static int align(int n) {
        return (n + 7) & ~7;
    }

    /** Withdraws everything pending, closes the duplicate descriptors and the ring. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        for (Round r : new ArrayList<>(rounds.values())) {
            cancel(r);
        }
        reapLocked();
        closed = true;
        // closing the ring cancels whatever is still in flight; retired descriptors go after it (the sockets
        // still open retire theirs when they close)
        posix.libc().munmap(sqes, sqesLength);
        posix.libc().munmap(rings, ringLength);
        posix.closeQuietly(ring);
        for (Integer fd : retired) {
            posix.closeQuietly(fd);
        }
        retired.clear();
        pendingByFd.clear();
        rounds.clear();
    }

    /** Where a socket gets its transport's timed sends. */
    interface Source {
        /** No timed sends: {@link #get()} says so, {@link #retire(int)} closes the descriptor. */
        Source NONE = new Source() {
            @Override
            public TimedSends get() throws IOException {
                throw new IOException("no timed sends here");
            }

            @Override
            public void retire(int fd) {
                throw new IllegalStateException("no timed sends here, yet descriptor " + fd + " to retire");
            }
        };

        /**
         * @return the transport's timed sends
         * @throws IOException if io_uring is unavailable here (why)
         */
        TimedSends get() throws IOException;

        /** The socket with duplicate descriptor {@code fd} closes (see {@link TimedSends#retire(int)}). */
        void retire(int fd);
    }

    /** One round: a timeout and its sends. */
    final class Round implements ScheduledSend {
        final long id;
        final int fd;
        /** The timespec, headers and data the kernel reads when the round goes out: kept until it completes. */
        private final Pointer memory;
        private int outstanding;
        private boolean done;
        private boolean cancelled;
        private String failure;

        Round(long id, int fd, Pointer memory, int operations) {
            this.id = id;
            this.fd = fd;
            this.memory = memory;
            this.outstanding = operations;
        }

        private void fail(String why) {
            if (failure == null) {
                failure = why;
            }
        }

        @Override
        public boolean cancel() {
            return TimedSends.this.cancel(this);
        }

        @Override
        public boolean done() {
            synchronized (TimedSends.this) {
                if (!done) {
                    reap();
                }
                return done;
            }
        }

        @Override
        public Optional<String> failure() {
            synchronized (TimedSends.this) {
                return Optional.ofNullable(failure);
            }
        }
    }
}
