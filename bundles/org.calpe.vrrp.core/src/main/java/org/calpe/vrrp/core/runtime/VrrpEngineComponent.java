package org.calpe.vrrp.core.runtime;

import java.util.ArrayList;
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
import org.calpe.net.api.LinkMonitor;
import org.calpe.net.api.NetNamespace;
import org.calpe.net.api.RawIpTransport;
import org.calpe.vrrp.api.VrrpAuthType;
import org.calpe.vrrp.api.VrrpAuthenticator;
import org.calpe.vrrp.api.VrrpStatus;
import org.calpe.vrrp.api.dto.GroupStatus;
import org.calpe.vrrp.api.dto.InstanceStatus;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
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
 * instances run.
 */
@Component(service = VrrpStatus.class, immediate = true, configurationPid = "org.calpe.Global",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class VrrpEngineComponent implements VrrpStatus {
    static final String INSTANCE_FACTORY_PID = "org.calpe.vrrp.Instance";
    static final String SCRIPT_FACTORY_PID = "org.calpe.vrrp.Script";
    static final String GROUP_FACTORY_PID = "org.calpe.vrrp.SyncGroup";
    static final String ROLE_PROPERTY = "calpe.role";
    private static final Logger LOG = LoggerFactory.getLogger("org.calpe.vrrp");

    private final Map<VrrpAuthType, VrrpAuthenticator> authenticators = new ConcurrentHashMap<>();
    private final VrrpRuntime runtime;
    private final List<ServiceRegistration<ManagedServiceFactory>> factories = new ArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ScriptRunner scriptRunner;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin eventAdmin;

    @Activate
    public VrrpEngineComponent(BundleContext context, Map<String, Object> global,
            @Reference(name = "transport") RawIpTransport transport,
            @Reference(name = "addresses") AddressManager addresses,
            @Reference(name = "announcer") Announcer announcer, @Reference(name = "links") LinkMonitor links) {
        if ("check".equals(context.getProperty(ROLE_PROPERTY))) {
            LOG.info("calpe.role=check: VRRP is not run");
            runtime = null;
            return;
        }
        NetNamespace ns = new Props(global).string("net_namespace").map(NetNamespace::named)
                .orElse(NetNamespace.CURRENT);
        RuntimeServices services = new RuntimeServices(ns, transport, addresses, announcer, links,
                this::runScript, authenticators::get, this::post);
        AtomicInteger n = new AtomicInteger();
        runtime = new VrrpRuntime(services, r -> {
            Thread t = new Thread(r, "calpe-vrrp-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.MAX_PRIORITY);
            return t;
        });
        runtime.updateGlobal(global);
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
        }
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<ManagedServiceFactory> factory : factories) {
            try {
                factory.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + VrrpAuthenticator.AUTH_TYPE + "=*)")
    void bindAuthenticator(VrrpAuthenticator a, Map<String, Object> props) {
        authType(props).ifPresent(t -> authenticators.put(t, a));
    }

    void unbindAuthenticator(VrrpAuthenticator a, Map<String, Object> props) {
        authType(props).ifPresent(t -> authenticators.remove(t, a));
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
