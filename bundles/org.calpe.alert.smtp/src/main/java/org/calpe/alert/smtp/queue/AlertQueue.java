package org.calpe.alert.smtp.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

import org.calpe.alert.smtp.mail.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded, persistent FIFO of alerts waiting for the relay. Every alert is a file in {@code dir} before
 * {@link #add} returns; {@link #remove} deletes it once the relay has answered 250 to the end of DATA. A restart
 * loads what is left, in order. At the bound the <em>oldest</em> alert is dropped (deleted, logged with its
 * subject, counted in {@link #dropped()}) so that the newest state of the system always gets through.
 * <p>
 * Thread-safe; the methods do small file operations and never wait for the network.
 */
public final class AlertQueue {
    private static final Logger LOG = LoggerFactory.getLogger(AlertQueue.class);

    private final Path dir;
    private final Deque<Alert> alerts = new ArrayDeque<>();
    private int capacity;
    private long nextSeq;
    private long dropped;

    /** Opens (creating if needed) the queue in {@code dir} and loads the alerts left there. */
    public AlertQueue(Path dir, int capacity) throws IOException {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.dir = dir;
        this.capacity = capacity;
        Files.createDirectories(dir);
        load();
        trim();
    }

    private void load() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(AlertFiles.SUFFIX)).sorted().toList();
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path tmp : s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.deleteIfExists(tmp); // a write that never completed: the alert was never accepted
            }
        }
        for (Path f : files) {
            try {
                Alert a = AlertFiles.read(f);
                alerts.addLast(a);
                nextSeq = Math.max(nextSeq, a.seq() + 1);
            } catch (IOException | RuntimeException e) {
                Path bad = f.resolveSibling(f.getFileName() + ".bad");
                LOG.error("SMTP alert queue: unreadable alert {} ({}); moved aside to {}", f, e.getMessage(), bad);
                Files.move(f, bad, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!alerts.isEmpty()) {
            LOG.info("SMTP alert queue: {} alert(s) left from before, sending them first", alerts.size());
        }
    }

    /**
     * Appends an alert (its seq is assigned here) and writes it to disk; drops the oldest when full.
     *
     * @return the alert as queued
     */
    public synchronized Alert add(Alert alert) throws IOException {
        Alert a = alert.withSeq(nextSeq++);
        AlertFiles.write(dir, a);
        alerts.addLast(a);
        trim();
        return a;
    }

    private void trim() throws IOException {
        while (alerts.size() > capacity) {
            Alert old = alerts.removeFirst();
            Files.deleteIfExists(AlertFiles.fileOf(dir, old.seq()));
            dropped++;
            LOG.warn("SMTP alert queue full ({} alerts): dropped the oldest alert '{}' ({} dropped so far)",
                    capacity, old.subject(), dropped);
        }
    }

    /** Up to {@code max} alerts from the head, in order, without removing them. */
    public synchronized List<Alert> peek(int max) {
        List<Alert> out = new ArrayList<>(Math.min(max, alerts.size()));
        for (Alert a : alerts) {
            if (out.size() >= max) {
                break;
            }
            out.add(a);
        }
        return out;
    }

    /** Removes a delivered (or permanently rejected) alert; nothing happens if it was dropped meanwhile. */
    public synchronized void remove(Alert alert) throws IOException {
        if (alerts.removeIf(a -> a.seq() == alert.seq())) {
            Files.deleteIfExists(AlertFiles.fileOf(dir, alert.seq()));
        }
    }

    /** Changes the bound; shrinking drops the oldest alerts at once. */
    public synchronized void capacity(int newCapacity) throws IOException {
        if (newCapacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + newCapacity);
        }
        capacity = newCapacity;
        trim();
    }

    public synchronized int size() {
        return alerts.size();
    }

    public synchronized boolean isEmpty() {
        return alerts.isEmpty();
    }

    /** Alerts dropped at the bound since this queue was opened. */
    public synchronized long dropped() {
        return dropped;
    }

    public Path directory() {
        return dir;
    }
}
