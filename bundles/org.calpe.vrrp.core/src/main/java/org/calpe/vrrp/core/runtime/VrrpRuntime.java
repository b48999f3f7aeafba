package org.calpe.vrrp.core.runtime;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.calpe.net.api.MacAddress;
import org.calpe.vrrp.api.dto.InstanceStatus;
import org.calpe.vrrp.core.garp.Announcement;
import org.calpe.vrrp.core.garp.AnnouncementScheduler;
import org.calpe.vrrp.core.garp.GarpPacing;
import org.calpe.vrrp.core.notify.FifoSink;
import org.calpe.vrrp.core.notify.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;

/**
 * Runs the VRRP instances of one network namespace on one event loop thread (keepalived's model: one thread, no
 * locks). Fed with Config Admin properties: {@link #update} for a new or changed {@code org.calpe.vrrp.Instance}
 * configuration, {@link #delete} when it is gone, {@link #updateGlobal} for {@code org.calpe.Global}. An update
 * whose resolved {@link InstanceSpec} equals the running one leaves that instance alone; any other change stops
 * the old instance (priority 0 if MASTER) and starts the new one.
 * <p>
 * Every method may be called from any thread; the work happens on the loop and the returned future completes
 * when it is done.
 */
public final class VrrpRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("org.calpe.vrrp");

    private final EventExecutor loop;
    private final RuntimeContext ctx;
    private final Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
    private final Map<String, InstanceRunner> running = new LinkedHashMap<>();
    private Map<String, Object> global = Map.of();

    VrrpRuntime(RuntimeServices services, ThreadFactory threads) {
        this.loop = new DefaultEventExecutor(threads);
        Map<Integer, MacAddress> macs = new HashMap<>();
        AnnouncementScheduler announcements = new AnnouncementScheduler(new LoopClock(loop),
                a -> announce(services, macs, a), GarpPacing.none());
        this.ctx = new RuntimeContext(loop, services, announcements, new Notifier(services.scripts(), FifoSink.NONE),
                macs);
    }

    /** The {@code org.calpe.Global} properties changed: instances whose resolved spec changes are restarted. */
    public Future<?> updateGlobal(Map<String, ?> properties) {
        Map<String, Object> copy = properties == null ? Map.of() : new HashMap<>(properties);
        return loop.submit(() -> {
            global = copy;
            for (String pid : new ArrayList<>(configurations.keySet())) {
                apply(pid);
            }
        });
    }

    /** A configuration of {@code org.calpe.vrrp.Instance} was created or changed. */
    public Future<?> update(String pid, Map<String, ?> properties) {
        Objects.requireNonNull(pid, "pid");
        Map<String, Object> copy = new HashMap<>(properties);
        return loop.submit(() -> {
            configurations.put(pid, copy);
            apply(pid);
        });
    }

    /** A configuration of {@code org.calpe.vrrp.Instance} was deleted: its instance stops. */
    public Future<?> delete(String pid) {
        return loop.submit(() -> {
            configurations.remove(pid);
            InstanceRunner r = running.remove(pid);
            if (r != null) {
                r.stop();
            }
        });
    }

    /** Snapshots of every instance, in the order their configurations arrived. */
    public List<InstanceStatus> instances() {
        if (loop.inEventLoop()) {
            return snapshot();
        }
        return await(loop.submit((Callable<List<InstanceStatus>>) this::snapshot), List.of());
    }

    private List<InstanceStatus> snapshot() {
        return running.values().stream().map(InstanceRunner::status).toList();
    }

    private void apply(String pid) {
        InstanceSpec spec;
        try {
            spec = InstanceSpec.parse(configurations.get(pid), global);
        } catch (RuntimeException e) {
            LOG.error("{}: cannot run this vrrp_instance: {}", pid, e.getMessage());
            stopRunning(pid);
            return;
        }
        InstanceRunner old = running.get(pid);
        if (old != null && old.spec().equals(spec)) {
            return; // untouched by the reload: leave it alone
        }
        stopRunning(pid);
        InstanceRunner r = new InstanceRunner(spec, ctx);
        try {
            r.start();
            running.put(pid, r);
        } catch (IOException | RuntimeException e) {
            LOG.error("({}) cannot start: {}", spec.name(), e.getMessage());
            r.stop();
        }
    }

    private void stopRunning(String pid) {
        InstanceRunner r = running.remove(pid);
        if (r != null) {
            r.stop();
        }
    }

    private static void announce(RuntimeServices services, Map<Integer, MacAddress> macs, Announcement a) {
        MacAddress mac = macs.get(a.ifindex());
        if (mac == null) {
            return;
        }
        try {
            if (a.address() instanceof Inet4Address v4) {
                services.announcer().gratuitousArp(services.namespace(), a.ifindex(), mac, v4);
            } else if (a.address() instanceof Inet6Address v6) {
                services.announcer().unsolicitedNeighbourAdvert(services.namespace(), a.ifindex(), mac, v6, false);
            }
        } catch (IOException e) {
            LOG.warn("({}) cannot announce {}: {}", a.instance(), a.address().getHostAddress(), e.getMessage());
        }
    }

    /** Stops every instance (a master sends priority 0 and releases its addresses) and ends the loop. */
    @Override
    public void close() {
        if (!loop.isShuttingDown()) {
            await(loop.submit(() -> {
                for (InstanceRunner r : running.values()) {
                    r.stop();
                }
                running.clear();
            }), null);
        }
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private static <T> T await(Future<T> f, T fallback) {
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("VRRP event loop did not answer: {}", e.toString());
            return fallback;
        }
    }
}
