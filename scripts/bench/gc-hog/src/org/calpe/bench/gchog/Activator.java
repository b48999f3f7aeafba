package org.calpe.bench.gchog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Bench-only bundle (scripts/bench/vrrp-gc.sh): threads that allocate garbage as fast as they can, keeping a
 * ring of recent arrays alive so that some survive young collections and the old generation fills too.
 * Framework properties: calpe.bench.gchog.threads (default 1), calpe.bench.gchog.retain (ring slots per
 * thread, default 8192), calpe.bench.gchog.maxbytes (largest array, default 4096). Prints a line to standard
 * output at start, every 10 s (MB allocated so far) and at stop.
 */
public final class Activator implements BundleActivator {
    private final AtomicLong allocated = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private Thread reporter;
    private long startNanos;

    @Override
    public void start(BundleContext context) {
        int n = intProperty(context, "calpe.bench.gchog.threads", 1);
        int retain = intProperty(context, "calpe.bench.gchog.retain", 8192);
        int maxBytes = intProperty(context, "calpe.bench.gchog.maxbytes", 4096);
        running = true;
        startNanos = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> churn(retain, maxBytes), "gc-hog-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        reporter = new Thread(this::report, "gc-hog-report");
        reporter.setDaemon(true);
        reporter.start();
        System.out.println("gc-hog: started, threads " + n + ", retain " + retain + ", maxbytes " + maxBytes);
    }

    @Override
    public void stop(BundleContext context) throws InterruptedException {
        running = false;
        reporter.interrupt();
        for (Thread t : threads) {
            t.join(2000);
        }
        reporter.join(2000);
        System.out.println("gc-hog: stopped, " + line());
    }

    private void churn(int retain, int maxBytes) {
        Object[] ring = new Object[Math.max(1, retain)];
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long local = 0;
        while (running) {
            for (int i = 0; i < 1024; i++) {
                int size = 16 + rnd.nextInt(Math.max(1, maxBytes - 16));
                byte[] b = new byte[size];
                b[size - 1] = (byte) i;
                // one array in 16 replaces a random slot of the ring: it lives a while and may be promoted
                if ((i & 15) == 0) {
                    ring[rnd.nextInt(ring.length)] = b;
                }
                local += size;
            }
            allocated.addAndGet(local);
            local = 0;
        }
    }

    private void report() {
        while (running) {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                return;
            }
            System.out.println("gc-hog: " + line());
        }
    }

    private String line() {
        double secs = (System.nanoTime() - startNanos) / 1e9;
        double mb = allocated.get() / 1e6;
        return String.format("allocated %.0f MB in %.1f s (%.0f MB/s)", mb, secs, secs > 0 ? mb / secs : 0.0);
    }

    private static int intProperty(BundleContext context, String key, int dflt) {
        String v = context.getProperty(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        return Integer.parseInt(v.trim());
    }
}
