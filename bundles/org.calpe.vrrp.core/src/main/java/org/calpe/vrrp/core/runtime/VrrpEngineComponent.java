package org.calpe.vrrp.core.runtime;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.calpe.exec.api.ScriptResult;
import org.calpe.exec.api.ScriptRunner;
import org.calpe.net.api.AddressManager;
import org.calpe.net.api.Announcer;
import org.calpe.net.api.LinkManager;
import org.calpe.net.api.LinkMonitor;
import org.calpe.net.api.NetNamespace;
import org.calpe.net.api.RawIpTransport;
import org.calpe.net.api.NamedPipes;
import org.calpe.net.api.RouteManager;
import org.calpe.net.api.ThreadScheduling;
import org.calpe.vrrp.api.VrrpAuthType;
import org.calpe.vrrp.api.VrrpAuthenticator;
import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.api.VrrpStatus;
import org.calpe.vrrp.api.dto.GroupStatus;
import org.calpe.vrrp.api.dto.InstanceStatus;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VRRP engine in the framework: one {@link VrrpRuntime} fed by {@link ManagedServiceFactory}s for
 * {@code org.calpe.vrrp.Instance}, {@code org.calpe.vrrp.Script} and {@code org.calpe.vrrp.SyncGroup} (Config
 * Admin only calls them for configurations that were created, changed or deleted, and the runtime also leaves
 * alone an instance whose resolved spec, trackers and group are unchanged) and by this component's own
 * configuration {@code org.calpe.Global}. With the framework property {@code calpe.role=check} no VRRP runs.
 * <p>
 * The script runner, the authenticators and Event Admin are dynamic: their bundles can be updated while
 * instances run (an authenticator that goes away stays in use until a replacement comes).
 * <p>
 * Updating this bundle does not flap VRRP: a deactivation that is not a real stop ({@link HandOverPolicy}) hands
 * the instances over to the next engine (a {@link HandOver} in the bundle's data area, read by the next
 * activation in the same JVM within {@value #DEFAULT_HANDOVER_MAX_AGE_MS} ms); the old engine's masters go on
 * advertising until the new one has resumed them, or stop cleanly if nobody does (see {@link VrrpRuntime}).
 */
@Component(service = VrrpStatus.class, immediate = true, configurationPid = "org.calpe.Global",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class VrrpEngineComponent implements VrrpStatus {
    static final String INSTANCE_FACTORY_PID = "org.calpe.vrrp.Instance";
    static final String SCRIPT_FACTORY_PID = "org.calpe.vrrp.Script";
    static final String GROUP_FACTORY_PID = "org.calpe.vrrp.SyncGroup";
    static final String ROLE_PROPERTY = "calpe.role";
    /** Framework property: how old (ms) a hand-over may be, and how long it stays open for configurations. */
    static final String HANDOVER_MAX_AGE_PROPERTY = "calpe.vrrp.handover.max_age_ms";
    static final long DEFAULT_HANDOVER_MAX_AGE_MS = 5000;
    /**
     * Framework property: how long (ms) the old engine's masters may go on advertising while the next engine
     * starts (0: no bridge, one last advert instead).
     */
    static final String HANDOVER_BRIDGE_PROPERTY = "calpe.vrrp.handover.bridge_ms";
    static final long DEFAULT_HANDOVER_BRIDGE_MS = 2000;
    /**
     * Framework property: at a start without a hand-over, how long (ms) the instances configured {@code state
     * BACKUP} wait before they start, so that a peer started at the same moment becomes MASTER first (see
     * {@link StartBatch}); 0 starts them at once, as keepalived does.
     */
    static final String COLD_START_HOLD_PROPERTY = "calpe.vrrp.cold_start_hold_ms";
    static final long DEFAULT_COLD_START_HOLD_MS = 2000;
    private static final Logger LOG = LoggerFactory.getLogger("org.calpe.vrrp");

    private final Map<VrrpAuthType, VrrpAuthenticator> authenticators = new ConcurrentHashMap<>();
    private final Map<VrrpAuthType, Deque<VrrpAuthenticator>> bound = new HashMap<>();
    private volatile boolean deactivating;
    private final VrrpRuntime runtime;
    private final List<ServiceRegistration<ManagedServiceFactory>> factories = new ArrayList<>();
    private final BundleContext context;
    private final HandOverStore handOvers;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ScriptRunner scriptRunner;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin eventAdmin;

    @Activate
    public VrrpEngineComponent(BundleContext context, Map<String, Object> global,
            @Reference(name = "transport") RawIpTransport transport,
            @Reference(name = "addresses") AddressManager addresses,
            @Reference(name = "announcer") Announcer announcer, @Reference(name = "links") LinkMonitor links,
            @Reference(name = "scheduling") ThreadScheduling scheduling,
            @Reference(name = "routes") RouteManager routes, @Reference(name = "pipes") NamedPipes pipes,
            @Reference(name = "vmacs") LinkManager vmacs) {
        this.context = context;
        java.io.File data = context.getDataFile(HandOverStore.FILE_NAME);
        this.handOvers = data == null ? null : new HandOverStore(data.toPath());
        if ("check".equals(context.getProperty(ROLE_PROPERTY))) {
            LOG.info("calpe.role=check: VRRP is not run");
            runtime = null;
            return;
        }
        NetNamespace ns = new Props(global).string("net_namespace").map(NetNamespace::named)
                .orElse(NetNamespace.CURRENT);
        RuntimeServices services = new RuntimeServices(ns, transport, addresses, announcer, links,
                this::runScript, authenticators::get, this::post, routes, pipes, vmacs,
                new PromptWakeups(scheduling));
        AtomicInteger n = new AtomicInteger();
        runtime = new VrrpRuntime(services, r -> {
            Thread t = new Thread(LoopPriority.wrap(r, scheduling, global), "calpe-vrrp-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.MAX_PRIORITY);
            return t;
        });
        runtime.coldStartHold(millis(context, COLD_START_HOLD_PROPERTY, DEFAULT_COLD_START_HOLD_MS));
        Optional<HandOver> handOver = pendingHandOver(context);
        if (handOver.isPresent()) {
            runtime.continuing(); // the previous engine's start already ran: init_file does not overwrite again
        }
        runtime.updateGlobal(global);
        // gathering the instances to resume together takes at most half of what the old engine bridges
        handOver.ifPresent(h -> runtime.offer(h, maxAgeMillis(context),
                Math.min(VrrpRuntime.DEFAULT_GATHER_MILLIS, bridgeMillis(context) / 2), handOvers));
        runtime.notifyFifos(global, handOver.isPresent());
        // scripts and groups first, so that at start-up instances usually find what they track
        register(context, SCRIPT_FACTORY_PID, "Calpe VRRP scripts", runtime::updateScript, runtime::deleteScript);
        register(context, GROUP_FACTORY_PID, "Calpe VRRP sync groups", runtime::updateGroup, runtime::deleteGroup);
        register(context, INSTANCE_FACTORY_PID, "Calpe VRRP instances", runtime::update, runtime::delete);
    }

    private void register(BundleContext context, String pid, String name,
            BiConsumer<String, Map<String, Object>> update, Consumer<String> delete) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_PID, pid);
        factories.add(context.registerService(ManagedServiceFactory.class, new Factory(name, update, delete),
                props));
    }

    @Modified
    void modified(Map<String, Object> global) {
        if (runtime != null) {
            runtime.updateGlobal(global); // net_namespace changes take effect on restart
            runtime.notifyFifos(global, false);
        }
    }

    @Deactivate
    void deactivate() {
        deactivating = true;
        for (ServiceRegistration<ManagedServiceFactory> factory : factories) {
            try {
                factory.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
        if (runtime == null) {
            return;
        }
        boolean handOver = handOvers != null && handOverWanted();
        if (!handOver) {
            runtime.close();
            return;
        }
        HandOver h = runtime.handOver(bridgeMillis(context), handOvers);
        if (h == null) {
            return;
        }
        try {
            handOvers.write(h);
            long masters = h.instances().values().stream().filter(i -> i.state() == VrrpState.MASTER).count();
            LOG.info("VRRP hand-over: {} instance(s) ({} MASTER) left to the next engine, addresses kept",
                    h.instances().size(), masters);
        } catch (IOException e) {
            LOG.error("VRRP hand-over could not be saved ({}): the next engine starts its instances anew",
                    e.toString());
        }
    }

    /** A hand-over (update, refresh, a dependency replaced) or a real stop (see {@link HandOverPolicy}). */
    private boolean handOverWanted() {
        try {
            Bundle self = context.getBundle();
            boolean persistent = self.adapt(BundleStartLevel.class).isPersistentlyStarted();
            int system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).getState();
            return HandOverPolicy.handOver(system, persistent);
        } catch (RuntimeException e) {
            return false; // the bundle or framework is already going away
        }
    }

    /**
     * Consumes the previous engine's hand-over, if any; a foreign or stale one is only logged.
     *
     * @return the hand-over of the previous engine revision to resume from, or empty
     */
    private Optional<HandOver> pendingHandOver(BundleContext context) {
        if (handOvers == null) {
            return Optional.empty();
        }
        try {
            Optional<HandOver> h = handOvers.consume();
            if (h.isEmpty()) {
                return Optional.empty();
            }
            HandOver.Verdict v = h.get().check(HandOver.JvmIdentity.current(), System.nanoTime(),
                    System.currentTimeMillis(), maxAgeMillis(context));
            if (!v.usable()) {
                LOG.info("VRRP hand-over ignored: {}; every instance starts anew", v.reason());
                return Optional.empty();
            }
            LOG.info("VRRP hand-over taken ({}): {} instance(s) resume", v.reason(), h.get().instances().size());
            return h;
        } catch (IOException e) {
            LOG.warn("VRRP hand-over ignored: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static long maxAgeMillis(BundleContext context) {
        return millis(context, HANDOVER_MAX_AGE_PROPERTY, DEFAULT_HANDOVER_MAX_AGE_MS);
    }

    private static long bridgeMillis(BundleContext context) {
        return millis(context, HANDOVER_BRIDGE_PROPERTY, DEFAULT_HANDOVER_BRIDGE_MS);
    }

    private static long millis(BundleContext context, String property, long fallback) {
        String v = context.getProperty(property);
        try {
            return v == null ? fallback : Math.max(0, Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * A new authenticator is used at once. When one goes away (its bundle is updated) the newest one still
     * registered takes over; if none is left, the one that went away stays in use until a replacement binds:
     * its classes stay usable until the old bundle revision is refreshed away, so adverts are signed and
     * checked without a gap while auth.pass / auth.ah is replaced.
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + VrrpAuthenticator.AUTH_TYPE + "=*)")
    void bindAuthenticator(VrrpAuthenticator a, Map<String, Object> props) {
        authType(props).ifPresent(t -> {
            synchronized (bound) {
                bound.computeIfAbsent(t, k -> new ArrayDeque<>()).addLast(a);
                authenticators.put(t, a);
            }
            if (runtime != null) {
                runtime.authenticatorsChanged();
            }
        });
    }

    void unbindAuthenticator(VrrpAuthenticator a, Map<String, Object> props) {
        authType(props).ifPresent(t -> {
            synchronized (bound) {
                Deque<VrrpAuthenticator> d = bound.get(t);
                if (d != null) {
                    d.remove(a);
                }
                if (d != null && !d.isEmpty()) {
                    authenticators.put(t, d.peekLast());
                } else if (authenticators.get(t) == a && !deactivating) {
                    LOG.info("{} authenticator went away: kept in use until a replacement is registered", t);
                }
            }
        });
    }

    private static Optional<VrrpAuthType> authType(Map<String, Object> props) {
        try {
            return Optional.of(VrrpAuthType.valueOf(String.valueOf(props.get(VrrpAuthenticator.AUTH_TYPE))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private java.util.concurrent.CompletionStage<ScriptResult> runScript(org.calpe.exec.api.ScriptRequest r) {
        ScriptRunner s = scriptRunner;
        if (s == null) {
            LOG.warn("no script runner: {} not run", r);
            return new CompletableFuture<>();
        }
        return s.run(r);
    }

    private void post(String topic, Map<String, Object> properties) {
        EventAdmin ea = eventAdmin;
        if (ea != null) {
            ea.postEvent(new Event(topic, properties));
        }
    }

    @Override
    public List<InstanceStatus> instances() {
        return runtime == null ? List.of() : runtime.instances();
    }

    @Override
    public List<GroupStatus> groups() {
        return runtime == null ? List.of() : runtime.groups();
    }

    /** Config Admin's view of one factory PID: {@code org.calpe.vrrp.Instance}, {@code .Script}, {@code .SyncGroup}. */
    private static final class Factory implements ManagedServiceFactory {
        private final String name;
        private final BiConsumer<String, Map<String, Object>> update;
        private final Consumer<String> delete;

        Factory(String name, BiConsumer<String, Map<String, Object>> update, Consumer<String> delete) {
            this.name = name;
            this.update = update;
            this.delete = delete;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public void updated(String pid, Dictionary<String, ?> properties) {
            Map<String, Object> map = new HashMap<>();
            for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
                String k = keys.nextElement();
                map.put(k, properties.get(k));
            }
            update.accept(pid, map);
        }

        @Override
        public void deleted(String pid) {
            delete.accept(pid);
        }
    }
}
