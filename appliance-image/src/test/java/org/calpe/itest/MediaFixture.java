package org.calpe.itest;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.calpe.config.api.ConfigMedia;
import org.calpe.config.api.MediaStatus;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * A temporary config media for one test: points the media component at it (PID org.calpe.config.media, property
 * path), records the pipeline's events and Config Admin's change events, and waits (bounded) for things.
 */
final class MediaFixture implements AutoCloseable {
    static final long WAIT_MS = 20_000;
    static final String MEDIA_PID = "org.calpe.config.media";

    final Path dir;
    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<ConfigurationEvent> cmEvents = new CopyOnWriteArrayList<>();
    private final BundleContext context;
    private final ConfigurationAdmin cm;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    MediaFixture(BundleContext context, ConfigurationAdmin cm) throws IOException {
        this.context = context;
        this.cm = cm;
        this.dir = Files.createTempDirectory("calpe-media-it");
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, new String[] {"org/calpe/config/*"});
        registrations.add(context.registerService(EventHandler.class, events::add, topics));
        registrations.add(context.registerService(ConfigurationListener.class, cmEvents::add, null));
    }

    Path write(String rel, String content) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Path tmp = p.resolveSibling("." + p.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        return Files.move(tmp, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Configures the media component onto this directory and waits until its configuration is applied. */
    ConfigMedia start() throws Exception {
        Configuration c = cm.getConfiguration(MEDIA_PID, "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("path", dir.toString());
        p.put("checkInterfaces", Boolean.FALSE);
        p.put("pollIntervalMs", 200L);
        p.put("debounceMs", 100L);
        c.update(p);
        waitFor("media component on " + dir + " with its configuration applied", () -> {
            ConfigMedia m = current();
            MediaStatus s = m == null ? null : m.status();
            return s != null && s.directory().equals(dir.toString()) && s.state() == MediaStatus.State.OK;
        });
        // Event Admin delivers asynchronously: the first apply's event may come after the state says OK, and a
        // test counting events from here would take it for the event of its own change
        waitFor("the event of the first apply from " + dir, () -> events.stream().anyMatch(e ->
                e.getTopic().equals(org.calpe.config.api.ConfigTopics.APPLIED)
                        && String.valueOf(e.getProperty(org.calpe.config.api.ConfigTopics.PROP_FILE))
                                .startsWith(dir.toString())));
        return media();
    }

    /** The media service (waiting, bounded, while it is being re-registered). */
    ConfigMedia media() {
        waitFor("the ConfigMedia service", () -> current() != null);
        return current();
    }

    private ConfigMedia current() {
        ServiceReference<ConfigMedia> ref = context.getServiceReference(ConfigMedia.class);
        return ref == null ? null : context.getService(ref);
    }

    Event awaitEvent(String topic, int index) {
        waitFor("event " + topic + " #" + index, () -> topicEvents(topic).size() > index);
        return topicEvents(topic).get(index);
    }

    List<Event> topicEvents(String topic) {
        return events.stream().filter(e -> e.getTopic().equals(topic)).toList();
    }

    /** PID → change count of every managed configuration. */
    Map<String, Long> changeCounts() throws IOException, InvalidSyntaxException {
        Map<String, Long> m = new HashMap<>();
        Configuration[] all = cm.listConfigurations("(calpe.managed=true)");
        if (all != null) {
            for (Configuration c : all) {
                m.put(c.getPid(), c.getChangeCount());
            }
        }
        return m;
    }

    Configuration[] list(String filter) throws IOException, InvalidSyntaxException {
        Configuration[] all = cm.listConfigurations(filter);
        return all == null ? new Configuration[0] : all;
    }

    static void waitFor(String what, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("timed out after " + WAIT_MS + " ms waiting for " + what);
    }

    /**
     * Unregisters the media and removes its directory. The media controller may still be finishing a write into
     * it when it is unregistered (a file appears while the tree is deleted), so the removal is retried, bounded.
     */
    @Override
    public void close() throws IOException {
        registrations.forEach(ServiceRegistration::unregister);
        for (int attempt = 1; Files.exists(dir); attempt++) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (java.nio.file.DirectoryNotEmptyException | java.nio.file.NoSuchFileException
                    | java.io.UncheckedIOException e) {
                if (attempt >= 40) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
