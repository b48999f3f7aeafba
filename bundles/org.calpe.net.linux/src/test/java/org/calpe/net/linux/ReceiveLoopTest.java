package org.calpe.net.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

/**
 * The busy pause follows the datagram rate: a socket that receives bursts (many instances' adverts on one timer)
 * is read once per burst, not once for the first datagram of each burst and again for the rest; a quiet one is
 * read at once. An eventfd stands in for the socket: each write of 1 is a datagram, a read takes them all.
 */
class ReceiveLoopTest {
    private static final long PAUSE = TimeUnit.MILLISECONDS.toNanos(2);

    private final Posix posix = new Posix();

    @Test
    void burstsAreReadOncePerBurst() throws Exception {
        int bursts = 40;
        int perBurst = 16;
        Counted c = run(bursts, perBurst, TimeUnit.MILLISECONDS.toNanos(6), TimeUnit.MICROSECONDS.toNanos(50));
        assertEquals(bursts * perBurst, c.datagrams.get(), "every datagram read");
        // the first bursts (before the rate is known) may take two reads each; a read per datagram would be 640
        assertTrue(c.reads.get() <= bursts * 14 / 10, "reads for " + bursts + " bursts: " + c.reads.get());
        assertTrue(c.longestWaitNanos >= PAUSE / 2, "no burst waited for the pause");
    }

    @Test
    void aQuietSocketIsReadAtOnce() throws Exception {
        Counted c = run(15, 1, TimeUnit.MILLISECONDS.toNanos(10), 0);
        assertEquals(15, c.datagrams.get());
        assertEquals(15, c.reads.get(), "one read per datagram");
        long[] waits = c.waits.stream().mapToLong(Long::longValue).sorted().toArray();
        long median = waits[waits.length / 2];
        assertTrue(median < PAUSE / 2, "a quiet socket's datagrams waited (median) " + median + " ns");
    }

    /** Bursts that reach three sockets at once (masters on three interfaces, one phase) are read in one round. */
    @Test
    void burstsOnSeveralSocketsShareOneWakeUp() throws Exception {
        ReceivePoller poller = new ReceivePoller(posix, "test-shared-poller");
        int sockets = 3;
        int bursts = 40;
        int perBurst = 8;
        int[] fds = new int[sockets];
        ReceiveLoop[] loops = new ReceiveLoop[sockets];
        List<long[]> reads = new CopyOnWriteArrayList<>(); // {socket, time}
        Set<Thread> readers = ConcurrentHashMap.newKeySet();
        AtomicInteger datagrams = new AtomicInteger();
        try {
            for (int i = 0; i < sockets; i++) {
                fds[i] = eventfd();
                int k = i;
                loops[i] = new ReceiveLoop(posix, fds[i], poller, fd -> {
                    int got = readCount(fd);
                    if (got > 0) {
                        readers.add(Thread.currentThread());
                        reads.add(new long[] {k, System.nanoTime()});
                        datagrams.addAndGet(got);
                    }
                    return got;
                }, Throwable::printStackTrace, PAUSE);
                loops[i].start();
            }
            long next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(6);
            List<Long> burstStarts = new ArrayList<>();
            for (int b = 0; b < bursts; b++) {
                LockSupport.parkNanos(next - System.nanoTime());
                next += TimeUnit.MILLISECONDS.toNanos(6);
                burstStarts.add(System.nanoTime());
                for (int i = 0; i < perBurst; i++) {
                    for (int fd : fds) {
                        write(fd, 1);
                    }
                }
            }
            awaitCount(datagrams, sockets * bursts * perBurst);
            assertEquals(sockets * bursts * perBurst, datagrams.get(), "every datagram read");
            assertEquals(1, readers.size(), "one thread read all sockets");
            // after the rate is known (the first 10 bursts), a burst's sockets are read together after one pause
            int together = 0;
            int counted = 0;
            for (int b = 10; b < bursts; b++) {
                long from = burstStarts.get(b);
                long to = b + 1 < bursts ? burstStarts.get(b + 1) : Long.MAX_VALUE;
                long first = Long.MAX_VALUE;
                long last = Long.MIN_VALUE;
                int n = 0;
                for (long[] r : reads) {
                    if (r[1] >= from && r[1] < to) {
                        first = Math.min(first, r[1]);
                        last = Math.max(last, r[1]);
                        n++;
                    }
                }
                counted++;
                if (n == sockets && last - first < PAUSE / 2 && first - from >= PAUSE / 2) {
                    together++;
                }
            }
            assertTrue(together >= counted * 8 / 10,
                    together + " of " + counted + " bursts read in one round after one pause: " + reads.size()
                            + " reads");
        } finally {
            for (ReceiveLoop l : loops) {
                if (l != null) {
                    l.close();
                }
            }
        }
        assertFalse(poller.running(), "the thread ends with its last loop");
    }

    /** A quiet socket that shares the thread with a busy one is read at once when it alone is readable. */
    @Test
    void aQuietSocketBesideABusyOneIsReadAtOnce() throws Exception {
        ReceivePoller poller = new ReceivePoller(posix, "test-shared-poller");
        int busyFd = eventfd();
        int quietFd = eventfd();
        AtomicInteger busyCount = new AtomicInteger();
        AtomicInteger quietCount = new AtomicInteger();
        long[] quietWritten = {0};
        List<Long> waits = new CopyOnWriteArrayList<>();
        ReceiveLoop busy = counting(poller, busyFd, busyCount, PAUSE);
        ReceiveLoop quiet = new ReceiveLoop(posix, quietFd, poller, fd -> {
            int got = readCount(fd);
            if (got > 0) {
                waits.add(System.nanoTime() - quietWritten[0]);
                quietCount.addAndGet(got);
            }
            return got;
        }, Throwable::printStackTrace, PAUSE);
        try {
            busy.start();
            quiet.start();
            long period = TimeUnit.MILLISECONDS.toNanos(8);
            long next = System.nanoTime() + period;
            int rounds = 30;
            for (int b = 0; b < rounds; b++) {
                LockSupport.parkNanos(next - System.nanoTime());
                next += period;
                for (int i = 0; i < 16; i++) {
                    write(busyFd, 1);
                }
                if (b >= 10) { // once the busy socket is known to be busy: between its bursts, after its pause
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(4));
                    quietWritten[0] = System.nanoTime();
                    write(quietFd, 1);
                }
            }
            awaitCount(quietCount, rounds - 10);
            assertEquals(rounds - 10, quietCount.get());
            long[] sorted = waits.stream().mapToLong(Long::longValue).sorted().toArray();
            long median = sorted[sorted.length / 2];
            assertTrue(median < PAUSE / 2, "the quiet socket's datagrams waited (median) " + median + " ns");
        } finally {
            busy.close();
            quiet.close();
        }
    }

    /** A reader that fails ends its own loop (descriptor closed, failure reported), not the others on the thread. */
    @Test
    void aFailingReaderEndsOnlyItsLoop() throws Exception {
        ReceivePoller poller = new ReceivePoller(posix, "test-shared-poller");
        int badFd = eventfd();
        int goodFd = eventfd();
        AtomicInteger good = new AtomicInteger();
        List<Exception> failures = new CopyOnWriteArrayList<>();
        ReceiveLoop bad = new ReceiveLoop(posix, badFd, poller, fd -> {
            throw new IOException("reader failed");
        }, failures::add, 0);
        ReceiveLoop ok = counting(poller, goodFd, good, 0);
        try {
            bad.start();
            ok.start();
            write(badFd, 1);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (!bad.isClosed() && System.nanoTime() < until) {
                Thread.sleep(2);
            }
            assertTrue(bad.isClosed(), "the failed loop ended");
            assertEquals(1, failures.size(), "its failure reported once: " + failures);
            for (int i = 0; i < 5; i++) {
                write(goodFd, 1);
                Thread.sleep(5);
            }
            awaitCount(good, 5);
            assertEquals(5, good.get(), "the other loop goes on");
            assertTrue(poller.running());
        } finally {
            bad.close();
            ok.close();
        }
        assertFalse(poller.running(), "the thread ends with its last loop");
    }

    /** A loop on {@code poller} that adds what it reads from an eventfd to {@code count}. */
    private ReceiveLoop counting(ReceivePoller poller, int fd, AtomicInteger count, long pause) {
        return new ReceiveLoop(posix, fd, poller, socket -> {
            int got = readCount(socket);
            count.addAndGet(Math.max(0, got));
            return got;
        }, Throwable::printStackTrace, pause);
    }

    private int eventfd() throws Posix.NativeException {
        return posix.check(posix.libc().eventfd(0, Posix.EFD_NONBLOCK | Posix.EFD_CLOEXEC), "eventfd");
    }

    private void write(int fd, long n) {
        posix.libc().write(fd, ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(n).array(), 8);
    }

    /** Reads an eventfd's count (its "datagrams"); 0 when there is none. */
    private int readCount(int fd) {
        byte[] buf = new byte[8];
        long n = posix.libc().read(fd, buf, 8);
        return n == 8 ? (int) ByteBuffer.wrap(buf).order(ByteOrder.nativeOrder()).getLong() : 0;
    }

    private static void awaitCount(AtomicInteger count, int expected) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (count.get() < expected && System.nanoTime() < until) {
            Thread.sleep(2);
        }
    }

    private static final class Counted {
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger datagrams = new AtomicInteger();
        volatile long lastWrite;
        long longestWaitNanos;
        final java.util.List<Long> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
    }

    /** {@code bursts} bursts of {@code perBurst} writes {@code spacing} apart, bursts {@code every} ns apart. */
    private Counted run(int bursts, int perBurst, long every, long spacing) throws Exception {
        int fd = posix.check(posix.libc().eventfd(0, Posix.EFD_NONBLOCK | Posix.EFD_CLOEXEC), "eventfd");
        Counted c = new Counted();
        byte[] buf = new byte[8];
        long[] firstOfBurst = {0}; // (a racy read is no harm: off by a burst at most)
        ReceiveLoop loop = new ReceiveLoop(posix, fd, "test-receive-loop", socket -> {
            long n = posix.libc().read(socket, buf, 8);
            if (n != 8) {
                return 0;
            }
            long got = ByteBuffer.wrap(buf).order(ByteOrder.nativeOrder()).getLong();
            c.reads.incrementAndGet();
            c.datagrams.addAndGet((int) got);
            long first = firstOfBurst[0];
            if (first != 0 && c.reads.get() > 3) { // (the first reads run cold code)
                long waited = System.nanoTime() - first;
                c.waits.add(waited);
                c.longestWaitNanos = Math.max(c.longestWaitNanos, waited);
            }
            return (int) got;
        }, Throwable::printStackTrace, PAUSE);
        loop.start();
        try {
            byte[] one = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(1).array();
            long next = System.nanoTime() + every;
            for (int b = 0; b < bursts; b++) {
                LockSupport.parkNanos(next - System.nanoTime());
                next += every;
                firstOfBurst[0] = System.nanoTime();
                for (int i = 0; i < perBurst; i++) {
                    long until = System.nanoTime() + spacing;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    posix.libc().write(fd, one, 8);
                }
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (c.datagrams.get() < bursts * perBurst && System.nanoTime() < until) {
                Thread.sleep(2);
            }
        } finally {
            loop.close();
        }
        return c;
    }
}
