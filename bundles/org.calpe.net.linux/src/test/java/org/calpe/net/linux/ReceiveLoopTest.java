package org.calpe.net.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
