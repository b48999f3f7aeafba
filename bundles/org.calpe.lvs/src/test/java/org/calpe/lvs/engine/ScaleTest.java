package org.calpe.lvs.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTarget;
import org.calpe.check.api.Checker;
import org.calpe.exec.api.ScriptCommand;
import org.junit.jupiter.api.Test;

/**
 * The real {@link ThreadLoop} at scale: 10,000 TCP_CHECK + 2,000 HTTP_GET real servers at {@code delay_loop 1}
 * run about 12,000 checks per second without gross start lag (the 10 ms p99 target is the benchmark's,
 * scripts/bench/checks.sh), with at most 2 KiB of engine heap per real server. The checkers answer on their own
 * thread, as a Netty event loop would.
 */
class ScaleTest {
    private static final int TCP = 10_000;
    private static final int HTTP = 2_000;

    /** Answers success on its own thread. */
    private static final class LoopChecker implements Checker {
        final String type;
        final ExecutorService io;
        final AtomicLong calls = new AtomicLong();

        LoopChecker(String type, ExecutorService io) {
            this.type = type;
            this.io = io;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public CompletionStage<CheckResult> check(CheckTarget target) {
            calls.incrementAndGet();
            CompletableFuture<CheckResult> f = new CompletableFuture<>();
            io.execute(() -> f.complete(CheckResult.success(Duration.ofNanos(1000))));
            return f;
        }
    }

    private static final EngineOutput QUIET = new EngineOutput() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }

        @Override
        public void post(String topic, Map<String, Object> properties) {
        }

        @Override
        public void runScript(String name, ScriptCommand command) {
        }
    };

    @Test
    void twelveThousandRealServersAtDelayLoopOne() throws Exception {
        ExecutorService io = Executors.newSingleThreadExecutor();
        LoopChecker tcp = new LoopChecker("TCP_CHECK", io);
        LoopChecker http = new LoopChecker("HTTP_GET", io);
        long s = 1_000_000L;
        System.gc();
        long heapBefore = usedHeap();
        try (ThreadLoop loop = new ThreadLoop("scale-test", Throwable::printStackTrace)) {
            CheckEngine engine = new CheckEngine(loop, QUIET, new java.util.SplittableRandom(), Duration.ofSeconds(10),
                    Duration.ZERO);
            loop.call(() -> {
                engine.bindChecker("TCP_CHECK", tcp);
                engine.bindChecker("HTTP_GET", http);
                engine.updateVirtualServer(Fixture.VS, Fixture.vs("delay_loop", s, "warmup", s));
                for (int i = 0; i < TCP + HTTP; i++) {
                    String rs = "org.calpe.lvs.RealServer~rs" + i;
                    String ip = "198.18." + (1 + i / 250) + "." + (i % 250);
                    engine.updateRealServer(rs, Fixture.rsAt(ip, 80));
                    String type = i < TCP ? "TCP_CHECK" : "HTTP_GET";
                    Map<String, Object> c = Fixture.checker(type, 0, rs);
                    c.remove("warmup");
                    if (i >= TCP) {
                        c.put("url", new String[] {"path /health status_code 200-299"});
                    }
                    engine.updateChecker("org.calpe.check.X~c" + i, c);
                }
                engine.reconcileDirty();
                return null;
            }, 60_000);
            assertEquals(TCP + HTTP, loop.call(engine::size, 10_000));
            System.gc();
            long perServer = (usedHeap() - heapBefore) / (TCP + HTTP);
            Thread.sleep(2_500); // warm up: bootstrap 1 s + warmup up to 1 s, then JIT
            loop.call(() -> {
                engine.lag().reset();
                return null;
            }, 10_000);
            long calls0 = tcp.calls.get() + http.calls.get();
            double load0 = systemLoad();
            Thread.sleep(4_000);
            boolean quiet = Math.max(load0, systemLoad()) <= Runtime.getRuntime().availableProcessors();
            LagHistogram.Snapshot lag = loop.call(() -> engine.lag().snapshot(), 10_000);
            long calls = tcp.calls.get() + http.calls.get() - calls0;
            System.out.println("ScaleTest: " + lag.line() + " calls=" + calls + " heap_per_rs_bytes=" + perServer
                    + " loadavg=" + systemLoad());
            assertTrue(calls > 4 * (TCP + HTTP) * 9 / 10, "about 12,000 checks per second: " + calls);
            // The target (10 ms at p99) is measured by scripts/bench/checks.sh (BENCHMARKS.md, "Health checks at
            // scale"), not here: a full test run on a shared 2-core VM saw 28.7 ms at load < 2 from the host alone.
            // This catches gross failures (a thread per check, blocking calls, allocation storms: hundreds of ms);
            // when other processes keep the run queue longer than the core count, the OS scheduler alone adds
            // 100s of ms, so only the grossest are caught then.
            long budget = quiet ? 100_000_000L : 1_000_000_000L;
            assertTrue(lag.percentileNanos(0.99) <= budget, "p99 start lag (quiet=" + quiet + ") " + lag.line());
            assertTrue(perServer <= 2048, "heap per real server " + perServer + " bytes");
            loop.call(() -> {
                engine.close();
                return null;
            }, 10_000);
        } finally {
            io.shutdownNow();
        }
    }

    private static double systemLoad() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
