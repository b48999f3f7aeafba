package org.calpe.vrrp.core.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/** Real FIFOs for tests: mkfifo(1) and a reader thread that collects lines until end of file. */
final class FifoTestSupport {
    static final ThreadFactory DAEMONS = r -> {
        Thread t = new Thread(r, "notify-fifo-test");
        t.setDaemon(true);
        return t;
    };

    private FifoTestSupport() {
    }

    static final FifoMaker MKFIFO = path -> {
        try {
            Process p = new ProcessBuilder("mkfifo", "-m", "0644", path.toString()).redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("mkfifo " + path + " failed: "
                        + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    };

    /** Reads lines from a FIFO on a daemon thread (the open waits for a writer, as a FIFO reader does). */
    static final class Reader {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final Thread thread;
        private final java.util.concurrent.CountDownLatch opened = new java.util.concurrent.CountDownLatch(1);

        Reader(Path fifo) {
            thread = DAEMONS.newThread(() -> {
                try (BufferedReader r = Files.newBufferedReader(fifo, StandardCharsets.UTF_8)) {
                    opened.countDown();
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("!" + e);
                }
            });
            thread.start();
        }

        /** Whether the reader has the FIFO open (waiting up to 20 s): before that, removing the FIFO loses it. */
        boolean awaitOpen() throws InterruptedException {
            return opened.await(20, TimeUnit.SECONDS);
        }

        /** The next {@code n} lines, waiting up to 5 s for each. */
        List<String> take(int n) throws InterruptedException {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String l = lines.poll(5, TimeUnit.SECONDS);
                if (l == null) {
                    break;
                }
                out.add(l);
            }
            return out;
        }
    }
}
