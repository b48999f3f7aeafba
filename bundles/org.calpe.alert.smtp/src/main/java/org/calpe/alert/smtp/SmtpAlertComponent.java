package org.calpe.alert.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.calpe.alert.smtp.client.SmtpClient;
import org.calpe.alert.smtp.mail.MessageFormatter;
import org.calpe.alert.smtp.queue.AlertQueue;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's SMTP alerts: listens to the VRRP and check topics on Event Admin and mails what keepalived 2.2.7
 * would mail, through a bounded persistent queue, to the relay of {@code global_defs}.
 * <p>
 * Configuration: {@code org.calpe.Global} (global_defs, written by config.keepalived) and, for tuning and tests,
 * {@code org.calpe.alert.smtp} with {@code retry.initial.ms} (1000), {@code retry.max.ms} (60000),
 * {@code batch.size} (50) and {@code window.ms} (500, how long a checker event waits for its real-server event).
 * The queue lives in {@code <calpe.state.dir>/alert-smtp}, or in the bundle's data area without that framework
 * property.
 */
@Component(service = EventHandler.class, configurationPid = {"org.calpe.alert.smtp", "org.calpe.Global"},
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {EventConstants.EVENT_TOPIC + "=org/calpe/vrrp/*", EventConstants.EVENT_TOPIC + "=org/calpe/lvs/*"})
public final class SmtpAlertComponent implements EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpAlertComponent.class);
    static final String STATE_DIR = "calpe.state.dir";

    private final ScheduledExecutorService worker;
    private final SmtpClient client;
    private final AlertEngine engine;
    private final String hostName;

    @Activate
    public SmtpAlertComponent(BundleContext context, Map<String, Object> props, @Reference ConfigurationAdmin cm)
            throws IOException {
        hostName = hostName();
        GlobalSettings g = GlobalSettings.from(props, hostName, System.getProperty("user.name", "root"));
        String stateDir = context.getProperty(STATE_DIR);
        Path dir = stateDir != null && !stateDir.isBlank() ? Path.of(stateDir, "alert-smtp")
                : context.getDataFile("alert-smtp").toPath();
        AlertQueue queue = new AlertQueue(dir, g.queueMax());
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "calpe-smtp-alert");
            t.setDaemon(true);
            return t;
        });
        client = new SmtpClient(new MessageFormatter(ZoneId.systemDefault()));
        engine = new AlertEngine(worker, queue, client::send, new ConfigLookup(cm), Clock.systemUTC(), g,
                number(props, "retry.initial.ms", 1000), number(props, "retry.max.ms", 60000),
                (int) number(props, "batch.size", 50), number(props, "window.ms", 500));
        LOG.info("SMTP alerts: queue {} ({} waiting), relay {}", dir, queue.size(),
                g.smtp() == null ? "none (no smtp_server)" : g.smtp().display());
    }

    @Modified
    void modified(Map<String, Object> props) {
        engine.settings(GlobalSettings.from(props, hostName, System.getProperty("user.name", "root")));
    }

    @Deactivate
    void deactivate() {
        worker.shutdownNow();
        client.close();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void handleEvent(Event event) {
        Map<String, Object> p = new HashMap<>();
        for (String name : event.getPropertyNames()) {
            p.put(name, event.getProperty(name));
        }
        engine.event(event.getTopic(), p);
    }

    private static long number(Map<String, Object> p, String key, long dflt) {
        Object v = p.get(key);
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return v == null ? dflt : Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** keepalived's local name: uname's node name. */
    static String hostName() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII).trim();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
