package org.calpe.config.media.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.calpe.config.api.ConfigMedia;
import org.calpe.config.api.ConfigTopics;
import org.calpe.config.api.ConfigurationApplier;
import org.calpe.config.api.ConfigurationParser;
import org.calpe.config.api.MediaStatus;
import org.calpe.config.api.ParseOptions;
import org.calpe.config.api.ReloadOutcome;
import org.calpe.config.api.SnapshotInfo;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The config media service: finds the media ({@link MediaLocator}; the partition search and its mount run on
 * the media thread, so activation stays fast), applies keepalived.conf at start and on
 * every change ({@link MediaController}, driven by a poll timer and a {@link DirectoryWatcher}), offers
 * snapshots and rollback, and deploys the {@code bundles/} drop folder.
 */
@Component(service = {ConfigMedia.class, EventHandler.class}, immediate = true,
        configurationPid = ConfigMediaComponent.PID,
        property = EventConstants.EVENT_TOPIC + "=" + ConfigTopics.RELOAD_REQUESTED)
@Designate(ocd = ConfigMediaComponent.Config.class)
public final class ConfigMediaComponent implements ConfigMedia, EventHandler {
    static final String PID = "org.calpe.config.media";
    static final String MEDIA_PROPERTY = "calpe.media";
    static final String CONFIG_ID_PROPERTY = "calpe.config.id";
    /** The launcher's {@code -f}: the main file when it is not keepalived.conf in the media directory. */
    static final String CONFIG_FILE_PROPERTY = "calpe.config.file";
    /** {@code off}: never search for (or mount) the partition labelled CALPE; for test runtimes. */
    static final String PARTITION_PROPERTY = "calpe.media.partition";
    /** The instance's state directory; the partition is mounted on {@code STATE/media}. */
    static final String STATE_DIR_PROPERTY = "calpe.state.dir";
    /** How long {@code reload} and {@code rollback} wait for the partition search at start. */
    private static final Duration LOCATE_WAIT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(ConfigMediaComponent.class);

    @ObjectClassDefinition(name = "Calpe config media",
            description = "Where keepalived.conf is read from, how it is watched, and the snapshots kept")
    public @interface Config {
        @AttributeDefinition(name = "Media directory", description = "Empty: the framework property "
                + "calpe.media, else the partition labelled CALPE (mounted on STATE/media if nobody mounted it), else the "
                + "bundled example")
        String path() default "";

        @AttributeDefinition(name = "Poll interval (ms)", description = "How often the media is checked, also "
                + "while it is missing", min = "100")
        long pollIntervalMs() default 1000;

        @AttributeDefinition(name = "Debounce (ms)", description = "A change must be stable this long before "
                + "it is read", min = "0")
        long debounceMs() default 300;

        @AttributeDefinition(name = "Check interfaces", description = "Interfaces named in the configuration "
                + "must exist, as keepalived -t checks")
        boolean checkInterfaces() default true;

        @AttributeDefinition(name = "Snapshots kept", min = "1")
        int maxSnapshots() default 100;

        @AttributeDefinition(name = "Bundle drop folder", description = "Install and update bundles from "
                + "bundles/ on the media")
        boolean dropFolder() default true;
    }

    private final BundleContext context;
    private final Config config;
    private final ConfigurationParser parser;
    private final ConfigurationApplier applier;
    private final ScheduledExecutorService executor;
    private final DirectoryWatcher watcher;
    private final CountDownLatch located = new CountDownLatch(1);
    /** Null until the media is located (at once when named, after the partition search otherwise). */
    private volatile MediaController controller;
    /** The partition searched for, if it was: what Calpe mounted is unmounted on deactivation. */
    private volatile LabelledPartition partition;
    /** Whether a lost media is the partition on Calpe's own mount point, to be mounted again. */
    private volatile boolean remount;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin eventAdmin;

    @Activate
    public ConfigMediaComponent(BundleContext context, Config config, @Reference ConfigurationParser parser,
            @Reference ConfigurationApplier applier) {
        this.context = context;
        this.config = config;
        this.parser = parser;
        this.applier = applier;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "calpe-media");
            t.setDaemon(true);
            return t;
        });
        long debounce = Math.max(0, config.debounceMs());
        this.watcher = new DirectoryWatcher(() -> {
            try {
                executor.execute(this::pollSafely);
                executor.schedule(this::pollSafely, debounce + 10, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // deactivating
            }
        });
        // A named media is used at once; the partition search (blkid, mount) runs on the media thread.
        MediaLocator.explicit(config.path(), context.getProperty(MEDIA_PROPERTY)).ifPresent(this::start);
        executor.execute(() -> {
            try {
                if (controller == null) {
                    start(search());
                }
                controller.reload();
            } catch (RuntimeException e) {
                LOG.error("First read of the config media failed", e);
            }
            MediaController c = controller;
            if (c != null) {
                watcher.watch(c.watchedDirectories());
            }
        });
        long interval = Math.max(100, config.pollIntervalMs());
        executor.scheduleWithFixedDelay(this::pollSafely, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** The partition labelled CALPE (unless {@code calpe.media.partition=off}), else the bundled example. */
    private MediaLocation search() {
        String mode = context.getProperty(PARTITION_PROPERTY);
        if (mode != null && mode.trim().equalsIgnoreCase("off")) {
            LOG.info("No config media named and {}=off: using the bundled example", PARTITION_PROPERTY);
            return new MediaLocation(example(context), MediaLocator.EXAMPLE);
        }
        LabelledPartition p = LabelledPartition.system(
                LabelledPartition.mountDirFor(context.getProperty(STATE_DIR_PROPERTY)));
        partition = p;
        try {
            MediaLocation l = MediaLocator.search(p, () -> example(context));
            remount = MediaLocator.isPartition(l) && l.directory().equals(p.mountDir());
            return l;
        } catch (RuntimeException e) {
            LOG.error("Searching for the partition labelled {} failed; using the bundled example",
                    MediaLocator.LABEL, e);
            return new MediaLocation(example(context), MediaLocator.EXAMPLE);
        }
    }

    private void start(MediaLocation found) {
        String configFile = context.getProperty(CONFIG_FILE_PROPERTY);
        // -f applies to the media the launcher named, not to one configured later in the console
        MediaLocation location = configFile != null && !configFile.isBlank() && config.path().isBlank()
                && found.origin().equals(MediaLocator.FRAMEWORK_PROPERTY) ? found.withMainFile(configFile.trim())
                        : found;
        LOG.info("Config media: {} ({})", location.directory(), location.origin());
        // The bundled example names the demo veth; it must apply on any machine, so its interfaces are not checked.
        boolean example = location.origin().equals(MediaLocator.EXAMPLE);
        ParseOptions options = ParseOptions.defaults().withCheckInterfaces(config.checkInterfaces() && !example);
        String configId = context.getProperty(CONFIG_ID_PROPERTY);
        if (configId != null && !configId.isBlank()) {
            options = options.withConfigId(configId.trim());
        }
        Clock clock = Clock.systemUTC();
        DropFolder drop = config.dropFolder() ? new DropFolder(new FrameworkBundleOps(context)) : null;
        this.controller = new MediaController(location, parser, applier,
                new SnapshotStore(location.directory(), clock, config.maxSnapshots()), drop, this::post, clock,
                options, Duration.ofMillis(Math.max(0, config.debounceMs())));
        this.located.countDown();
    }

    @Deactivate
    void deactivate() {
        watcher.close();
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LabelledPartition p = partition;
        if (p != null) {
            p.release();
        }
    }

    private void pollSafely() {
        MediaController c = controller;
        if (c == null) {
            return;
        }
        try {
            if (remount && c.lost()) {
                partition.retry();
            }
            c.poll();
            watcher.watch(c.watchedDirectories());
        } catch (RuntimeException e) {
            LOG.error("Config media poll failed", e);
        }
    }

    /** The controller, waiting (bounded) while the partition search is still running. */
    private MediaController located() {
        MediaController c = controller;
        if (c != null) {
            return c;
        }
        try {
            located.await(LOCATE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        c = controller;
        if (c == null) {
            throw new IllegalStateException("the config media is still being located (partition labelled "
                    + MediaLocator.LABEL + ")");
        }
        return c;
    }

    private void post(String topic, Map<String, Object> properties) {
        EventAdmin ea = eventAdmin;
        if (ea != null) {
            Dictionary<String, Object> d = new Hashtable<>(properties);
            ea.postEvent(new Event(topic, d));
        }
    }

    @Override
    public MediaStatus status() {
        MediaController c = controller;
        if (c == null) {
            return new MediaStatus("", "searching for the " + MediaLocator.PARTITION, MediaStatus.State.STARTING,
                    "locating the config media", Optional.empty(), "", List.of(), Set.of());
        }
        return c.status();
    }

    @Override
    public List<SnapshotInfo> snapshots() {
        MediaController c = controller;
        return c == null ? List.of() : c.snapshots();
    }

    @Override
    public ReloadOutcome reload() {
        return located().reload();
    }

    /** SIGHUP: re-read the media now, on the media thread (serialised with the polls). */
    @Override
    public void handleEvent(Event event) {
        MediaController known = controller;
        LOG.info("Reload requested ({}): re-reading {}", event.getProperty("signal"),
                known == null ? "the config media once located" : known.mainFile());
        try {
            executor.execute(() -> {
                try {
                    located().reload();
                } catch (RuntimeException e) {
                    LOG.error("Reload of the config media failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // deactivating
        }
    }

    @Override
    public ReloadOutcome rollback(String snapshotId) {
        return located().rollback(snapshotId);
    }

    /** Copies the bundled example media (resources under {@code example/}) into the bundle's data area once. */
    private static Path example(BundleContext context) {
        Path dir = context.getDataFile("example-media").toPath();
        try {
            Enumeration<URL> entries = context.getBundle().findEntries("example", "*", true);
            while (entries != null && entries.hasMoreElements()) {
                URL url = entries.nextElement();
                String rel = url.getPath().substring(url.getPath().indexOf("example/") + "example/".length());
                if (rel.isEmpty() || rel.endsWith("/")) {
                    continue;
                }
                Path target = dir.resolve(rel);
                if (!Files.exists(target)) {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = url.openStream()) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            LOG.error("Cannot copy the bundled example media into {}", dir, e);
        }
        return dir;
    }
}
