package org.calpe.vrrp.core.notify;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes lines to one notify FIFO without ever blocking the caller.
 * <p>
 * keepalived opens its FIFOs {@code O_RDWR | O_NONBLOCK | O_NOFOLLOW}: read-write so that the open never waits
 * for a reader (opening a FIFO write-only blocks until one appears), and writes that would block are dropped.
 * Java has no non-blocking file writes, so this opens the FIFO read-write the same way (never blocks, no
 * symbolic links followed) and hands every line to one writer thread through a bounded queue. Without a reader
 * the kernel's pipe buffer (64 KiB) takes lines as it does for keepalived; once it is full the writer thread
 * waits, the queue fills, and further lines are dropped and counted. The caller only ever does a queue offer.
 */
public final class FifoWriter implements FifoSink, AutoCloseable {

    /** Lines kept waiting for a slow reader before lines are dropped. */
    public static final int DEFAULT_CAPACITY = 1024;

    private static final String STOP = new String("stop"); // identity marker, never written

    private final Path path;
    private final FileChannel channel;
    private final BlockingQueue<String> queue;
    private final Thread writer;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closed;

    private FifoWriter(Path path, FileChannel channel, int capacity, ThreadFactory threads) {
        this.path = path;
        this.channel = channel;
        this.queue = new ArrayBlockingQueue<>(capacity + 1); // + 1: room for the stop marker
        this.writer = threads.newThread(this::drain);
    }

    /**
     * Opens an existing FIFO (or file) read-write and starts the writer thread.
     *
     * @param capacity lines that may wait for the writer thread
     * @throws IOException if it cannot be opened (missing, a symbolic link, no permission)
     */
    public static FifoWriter open(Path fifo, int capacity, ThreadFactory threads) throws IOException {
        Objects.requireNonNull(fifo, "fifo");
        Objects.requireNonNull(threads, "threads");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        FileChannel ch = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        FifoWriter w = new FifoWriter(fifo, ch, capacity, threads);
        w.writer.start();
        return w;
    }

    public Path path() {
        return path;
    }

    @Override
    public boolean offer(String line) {
        Objects.requireNonNull(line, "line");
        if (closed || queue.remainingCapacity() <= 1 || !queue.offer(line)) {
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    /** Lines written to the FIFO so far. */
    public long written() {
        return written.get();
    }

    /** Lines dropped because the queue was full or the writer closed. */
    public long dropped() {
        return dropped.get();
    }

    /** Lines whose write failed (the FIFO went away). */
    public long failed() {
        return failed.get();
    }

    /**
     * Stops accepting lines, gives the writer thread up to {@code grace} to write what is queued (keepalived
     * writes its STOP lines before it closes its FIFOs), then closes the FIFO, which also ends a write that is
     * blocked on a full pipe.
     */
    public void close(Duration grace) {
        if (closed) {
            return;
        }
        closed = true;
        queue.offer(STOP); // the queue always keeps one slot for it
        try {
            writer.join(Math.max(1, grace.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
        try {
            channel.close();
        } catch (IOException e) {
            failed.incrementAndGet();
        }
    }

    @Override
    public void close() {
        close(Duration.ofMillis(500));
    }

    private void drain() {
        try {
            while (true) {
                String line = queue.poll(1, TimeUnit.SECONDS);
                if (line == STOP) {
                    return;
                }
                if (line == null) {
                    if (closed && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                write(line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(String line) {
        ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            written.incrementAndGet();
        } catch (IOException e) { // closed (also by interrupt) or the reader side failed: keepalived ignores it
            failed.incrementAndGet();
        }
    }
}
