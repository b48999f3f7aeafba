package org.calpe.lvs.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.calpe.check.api.CheckStatus;
import org.calpe.check.api.Checker;
import org.calpe.check.api.dto.RealServerStatus;
import org.calpe.check.api.dto.VirtualServerStatus;
import org.calpe.exec.api.ScriptCommand;
import org.calpe.exec.api.ScriptRequest;
import org.calpe.exec.api.ScriptRunner;
import org.calpe.net.api.SchedulingClass;
import org.calpe.net.api.ThreadScheduling;
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
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check engine in the framework: one {@link CheckEngine} on one {@link ThreadLoop}, fed by
 * {@link ManagedServiceFactory}s for {@code org.calpe.lvs.VirtualServer}, {@code org.calpe.lvs.RealServer} and
 * every {@code org.calpe.check.*} checker PID (config.keepalived's layout), by the {@link Checker} services
 * (dynamic: a checker bundle can be updated or removed while checks run) and by its own configuration
 * {@code org.calpe.lvs.CheckEngine} ({@code checker_grace_period} ms, default 10000; {@code settle_delay} ms,
 * default 200) merged with {@code org.calpe.Global} ({@code checker_log_all_failures}, {@code lvs_flush_on_stop}).
 * Deactivation (bundle or framework stop; checker bundles coming and going never deactivate it) is keepalived's
 * checker process exit: {@link CheckEngine#shutdown}.
 */
@Component(service = {CheckStatus.class, CheckDiagnostics.class}, immediate = true,
        configurationPid = {CheckEngineComponent.PID, "org.calpe.Global"},
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class CheckEngineComponent implements CheckStatus, CheckDiagnostics {
    static final String PID = "org.calpe.lvs.CheckEngine";
    static final String VIRTUAL_SERVER_PID = "org.calpe.lvs.VirtualServer";
    static final String REAL_SERVER_PID = "org.calpe.lvs.RealServer";
    /** config.keepalived's checker factory PIDs (its CmPids.CHECKERS, an implementation class we cannot import). */
    static final List<String> CHECKER_PIDS = List.of("org.calpe.check.HttpGet", "org.calpe.check.SslGet",
            "org.calpe.check.Tcp", "org.calpe.check.Misc", "org.calpe.check.Smtp", "org.calpe.check.Dns",
            "org.calpe.check.Udp", "org.calpe.check.Ping", "org.calpe.check.File", "org.calpe.check.Bfd");
    static final long DEFAULT_GRACE_MS = 10_000;
    static final long DEFAULT_SETTLE_MS = 200;
    private static final Logger LOG = LoggerFactory.getLogger("org.calpe.lvs");

    private final ThreadLoop loop;
    private final CheckEngine engine;
    private final List<ServiceRegistration<ManagedServiceFactory>> factories = new ArrayList<>();
    private volatile boolean flushOnStop;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ScriptRunner scriptRunner;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin eventAdmin;

    /** Sets the engine thread's class (checker_priority / checker_rt_priority), when available. */
    private volatile ThreadScheduling scheduling;
    /** The configuration last applied (merged with org.calpe.Global). */
    private volatile Map<String, Object> settings;
    /** Loop thread only: the class last put on the engine thread, as logged. */
    private String priority = "";

    @Activate
    public CheckEngineComponent(BundleContext context, Map<String, Object> config) {
        loop = new ThreadLoop("calpe-check-engine", e -> LOG.error("check engine task failed", e));
        engine = new CheckEngine(loop, new Output(), new SplittableRandom(), grace(config), settle(config));
        applySettings(config);
        register(context, VIRTUAL_SERVER_PID, "Calpe virtual servers", engine::updateVirtualServer,
                engine::deleteVirtualServer);
        register(context, REAL_SERVER_PID, "Calpe real servers", engine::updateRealServer, engine::deleteRealServer);
        for (String pid : CHECKER_PIDS) {
            register(context, pid, "Calpe checkers " + pid, engine::updateChecker, engine::deleteChecker);
        }
    }

    private void register(BundleContext context, String pid, String name,
            BiConsumer<String, Map<String, Object>> update, Consumer<String> delete) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_PID, pid);
        ManagedServiceFactory f = new ManagedServiceFactory() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public void updated(String p, Dictionary<String, ?> properties) {
                Map<String, Object> map = new HashMap<>();
                for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
                    String k = keys.nextElement();
                    map.put(k, properties.get(k));
                }
                loop.execute(() -> update.accept(p, map));
            }

            @Override
            public void deleted(String p) {
                loop.execute(() -> delete.accept(p));
            }
        };
        factories.add(context.registerService(ManagedServiceFactory.class, f, props));
    }

    @Modified
    void modified(Map<String, Object> config) {
        applySettings(config);
    }

    private void applySettings(Map<String, Object> config) {
        settings = config;
        applyPriority();
        Props p = new Props(config);
        boolean logAll = p.bool("checker_log_all_failures").orElse(false);
        flushOnStop = p.bool("lvs_flush_on_stop").orElse(false);
        Duration grace = grace(config);
        Duration settle = settle(config);
        loop.execute(() -> engine.settings(grace, settle, logAll));
    }

    private static Duration grace(Map<String, Object> config) {
        return Duration.ofMillis(Math.max(0, new Props(config).number("checker_grace_period").orElse(DEFAULT_GRACE_MS)));
    }

    private static Duration settle(Map<String, Object> config) {
        return Duration.ofMillis(Math.max(0, new Props(config).number("settle_delay").orElse(DEFAULT_SETTLE_MS)));
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindScheduling(ThreadScheduling s) {
        scheduling = s;
        applyPriority();
    }

    void unbindScheduling(ThreadScheduling s) {
        if (scheduling == s) {
            scheduling = null;
        }
    }

    /** The engine thread's scheduling class from the configuration (see {@link EnginePriority}). */
    private void applyPriority() {
        ThreadScheduling s = scheduling;
        Map<String, Object> config = settings;
        if (s == null || config == null) {
            return;
        }
        loop.execute(() -> {
            try {
                SchedulingClass c = EnginePriority.apply(s, config);
                String what = c.toString();
                if (!what.equals(priority)) {
                    priority = what;
                    if (c.refusedRealtime().isPresent()) {
                        LOG.warn("check engine thread runs {}", what);
                    } else {
                        LOG.info("check engine thread runs {}", what);
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("check engine thread keeps its scheduling class: {}", e.getMessage());
            }
        });
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<ManagedServiceFactory> f : factories) {
            try {
                f.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
        boolean flush = flushOnStop;
        loop.call(() -> {
            engine.shutdown(flush);
            return null;
        }, 5000);
        loop.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + Checker.TYPE + "=*)")
    void bindChecker(Checker checker, Map<String, Object> props) {
        String type = type(checker, props);
        loop.execute(() -> engine.bindChecker(type, checker));
    }

    void unbindChecker(Checker checker, Map<String, Object> props) {
        String type = type(checker, props);
        loop.execute(() -> engine.unbindChecker(type, checker));
    }

    private static String type(Checker checker, Map<String, Object> props) {
        Object t = props.get(Checker.TYPE);
        return t != null ? String.valueOf(t) : checker.type();
    }

    @Override
    public List<RealServerStatus> realServers() {
        return loop.call(engine::snapshot, 10_000);
    }

    @Override
    public List<VirtualServerStatus> virtualServers() {
        return loop.call(engine::virtualServerSnapshot, 10_000);
    }

    @Override
    public LagHistogram.Snapshot lag() {
        return loop.call(() -> engine.lag().snapshot(), 10_000);
    }

    @Override
    public void resetLag() {
        loop.call(() -> {
            engine.lag().reset();
            return null;
        }, 10_000);
    }

    @Override
    public int realServerCount() {
        return loop.call(engine::size, 10_000);
    }

    /** Logs through slf4j, events through Event Admin, scripts through the script runner. */
    private final class Output implements EngineOutput {
        @Override
        public void info(String message) {
            LOG.info(message);
        }

        @Override
        public void warn(String message) {
            LOG.warn(message);
        }

        @Override
        public void post(String topic, Map<String, Object> properties) {
            EventAdmin ea = eventAdmin;
            if (ea != null) {
                ea.postEvent(new Event(topic, properties));
            }
        }

        @Override
        public void runScript(String name, ScriptCommand command) {
            ScriptRunner r = scriptRunner;
            if (r == null) {
                LOG.warn("no script runner: {} ({}) not run", name, command.logString());
                return;
            }
            r.run(ScriptRequest.of(name, command));
        }
    }
}
