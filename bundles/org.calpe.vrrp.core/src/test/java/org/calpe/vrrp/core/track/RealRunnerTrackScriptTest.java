package org.calpe.vrrp.core.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.calpe.exec.api.ScriptCommand;
import org.calpe.exec.internal.DefaultScriptRunner;
import org.calpe.vrrp.core.garp.EventClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The scheduler on a real single-threaded loop with the real script runner running /bin/true and /bin/false. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RealRunnerTrackScriptTest {

    /** The runner's configuration with every attribute at its default. */
    private static DefaultScriptRunner.Config defaults() {
        return (DefaultScriptRunner.Config) Proxy.newProxyInstance(RealRunnerTrackScriptTest.class.getClassLoader(),
                new Class<?>[] {DefaultScriptRunner.Config.class}, (proxy, method, args) -> {
                    Object v = method.getDefaultValue();
                    if (v == null) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return v;
                });
    }

    /** An {@link EventClock} on a scheduled executor's single thread. */
    private static EventClock clockOn(ScheduledExecutorService ses) {
        return new EventClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Timer schedule(long deadlineNanos, Runnable task) {
                ScheduledFuture<?> f = ses.schedule(task, Math.max(0, deadlineNanos - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                return () -> f.cancel(false);
            }
        };
    }

    /** DS would call the package-private {@code @Deactivate} method; it stops the runner's threads. */
    private static void deactivate(DefaultScriptRunner runner) throws Exception {
        var m = DefaultScriptRunner.class.getDeclaredMethod("deactivate");
        m.setAccessible(true);
        m.invoke(runner);
    }

    @Test
    void trueGoesUpAndFalseGoesDown() throws Exception {
        DefaultScriptRunner runner = new DefaultScriptRunner(defaults());
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "vrrp-loop"));
        BlockingQueue<ScriptStateChange> changes = new LinkedBlockingQueue<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        List<String> log = new CopyOnWriteArrayList<>();
        TrackScriptScheduler[] scheduler = new TrackScriptScheduler[1];
        try {
            List<TrackScript> scripts = List.of(
                    TrackScript.of("ok", ScriptCommand.of("/bin/true")).withInterval(Duration.ofMillis(200)),
                    TrackScript.of("bad", ScriptCommand.of("/bin/false")).withInterval(Duration.ofMillis(200))
                            .withWeight(-10, false));
            loop.submit(() -> {
                scheduler[0] = new TrackScriptScheduler(scripts, runner, clockOn(loop), loop, c -> {
                    threads.add(Thread.currentThread().getName());
                    changes.add(c);
                }, log::add);
                scheduler[0].start();
            }).get();
            ScriptStateChange a = changes.poll(20, TimeUnit.SECONDS);
            ScriptStateChange b = changes.poll(20, TimeUnit.SECONDS);
            assertNotNull(a);
            assertNotNull(b);
            ScriptStateChange ok = a.name().equals("ok") ? a : b;
            ScriptStateChange bad = a.name().equals("ok") ? b : a;
            assertEquals(new ScriptStateChange("ok", true, 0, false), ok);
            assertEquals(new ScriptStateChange("bad", false, -10, false), bad);
            assertEquals(List.of("vrrp-loop", "vrrp-loop"), threads);
            assertTrue(log.contains("VRRP_Script(ok) succeeded"), log::toString);
            assertTrue(log.contains("Script `bad` now returning 1"), log::toString);
            assertTrue(log.contains("VRRP_Script(bad) failed (exited with status 1)"), log::toString);
            // further runs with the same results change nothing
            Thread.sleep(600);
            assertTrue(changes.isEmpty());
            List<TrackScriptStatus> status = loop.submit(() -> scheduler[0].status()).get();
            assertEquals("GOOD", status.get(0).status());
            assertEquals("BAD", status.get(1).status());
            assertTrue(status.get(0).runs() >= 2, status::toString);
        } finally {
            loop.submit(() -> scheduler[0].stop()).get();
            loop.shutdownNow();
            deactivate(runner);
        }
    }
}
