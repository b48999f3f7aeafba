package org.calpe.vrrp.core.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.calpe.exec.api.ScriptRequest;
import org.calpe.exec.api.ScriptRunner;
import org.calpe.net.api.NetNamespace;
import org.calpe.net.linux.LinuxAddressManager;
import org.calpe.net.linux.LinuxAnnouncer;
import org.calpe.net.linux.LinuxLinkMonitor;
import org.calpe.net.linux.LinuxRawIpTransport;
import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.auth.ah.internal.AhAuthenticator;
import org.calpe.vrrp.auth.pass.internal.PassAuthenticator;
import org.calpe.vrrp.api.VrrpTopics;
import org.calpe.vrrp.api.dto.InstanceStatus;

/**
 * A {@link VrrpRuntime} on the real Linux ports in one namespace, fed with Config Admin-shaped properties as
 * config.keepalived writes them, recording its events and notify requests.
 */
final class Engine implements AutoCloseable {
    /** A state change seen on the event sink, with {@link System#nanoTime()} when it was posted. */
    record Change(String instance, VrrpState state, long nanos) {
    }

    final List<Change> changes = Collections.synchronizedList(new ArrayList<>());
    final List<ScriptRequest> scripts = Collections.synchronizedList(new ArrayList<>());
    final VrrpRuntime runtime;

    Engine(NetNamespace ns, String name) {
        this(ns, name, null);
    }

    /** @param runner runs the scripts (also recorded); null: scripts are only recorded, never run */
    Engine(NetNamespace ns, String name, ScriptRunner runner) {
        RuntimeServices services = new RuntimeServices(ns, new LinuxRawIpTransport(), new LinuxAddressManager(),
                new LinuxAnnouncer(), new LinuxLinkMonitor(), r -> {
                    scripts.add(r);
                    return runner == null ? new CompletableFuture<>() : runner.run(r);
                }, t -> switch (t) {
                    case PASS -> new PassAuthenticator();
                    case AH -> new AhAuthenticator();
                    default -> null;
                }, (topic, p) -> {
                    if (topic.equals(VrrpTopics.INSTANCE_STATE_CHANGED)) {
                        changes.add(new Change((String) p.get(VrrpTopics.PROP_INSTANCE),
                                VrrpState.valueOf((String) p.get(VrrpTopics.PROP_STATE)), System.nanoTime()));
                    }
                }, new org.calpe.net.linux.LinuxRouteManager(), new org.calpe.net.linux.LinuxNamedPipes(),
                new org.calpe.net.linux.LinuxLinkManager());
        runtime = new VrrpRuntime(services, r -> {
            Thread t = new Thread(r, "vrrp-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Properties of a vrrp_instance on {@code dev} with one VIP. */
    static Map<String, Object> instance(String name, String dev, int vrid, int priority, int version,
            double advertInt, String vip) {
        Map<String, Object> p = new HashMap<>();
        p.put("calpe.name", name);
        p.put("calpe.hash", "test");
        p.put("interface", dev);
        p.put("virtual_router_id", vrid);
        p.put("priority", priority);
        p.put("version", version);
        p.put("advert_int", advertInt);
        p.put("state", "BACKUP");
        p.put("virtual_ipaddress", new String[] {vip});
        return p;
    }

    VrrpState state(String instance) {
        return runtime.instances().stream().filter(i -> i.name().equals(instance)).map(InstanceStatus::state)
                .findFirst().orElse(VrrpState.INIT);
    }

    /** The first time {@code instance} entered {@code state} after {@code afterNanos}, or -1. */
    long entered(String instance, VrrpState state, long afterNanos) {
        synchronized (changes) {
            for (Change c : changes) {
                if (c.instance().equals(instance) && c.state() == state && c.nanos() >= afterNanos) {
                    return c.nanos();
                }
            }
        }
        return -1;
    }

    /** Waits (bounded) for {@code condition}; returns whether it became true. */
    static boolean await(BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() {
        runtime.close();
    }
}
