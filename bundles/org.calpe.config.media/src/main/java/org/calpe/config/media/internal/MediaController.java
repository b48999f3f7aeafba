package org.calpe.config.media.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.calpe.config.api.ApplyResult;
import org.calpe.config.api.ConfigTopics;
import org.calpe.config.api.ConfigurationApplier;
import org.calpe.config.api.ConfigurationParser;
import org.calpe.config.api.Diagnostic;
import org.calpe.config.api.MediaStatus;
import org.calpe.config.api.MediaStatus.State;
import org.calpe.config.api.ParseOptions;
import org.calpe.config.api.ParseResult;
import org.calpe.config.api.ReloadOutcome;
import org.calpe.config.api.SnapshotInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The config media's logic, without threads: each {@link #poll()} compares the watched files with what was last
 * processed and, once a change has been stable for the debounce time, parses keepalived.conf and either
 * snapshots and applies it or rejects it, leaving the running configuration alone. A missing or unreadable
 * media is reported (log, {@link MediaStatus}, {@link ConfigTopics#MEDIA_LOST}) and picked up again when it
 * returns. The bundle drop folder is handled the same way.
 */
final class MediaController {
    private static final Logger LOG = LoggerFactory.getLogger(MediaController.class);

    /** Where events go (Event Admin in the framework). */
    interface EventSink {
        void post(String topic, Map<String, Object> properties);
    }

    private final MediaLocation media;
    private final ConfigurationParser parser;
    private final ConfigurationApplier applier;
    private final SnapshotStore snapshots;
    private final DropFolder dropFolder;
    private final EventSink events;
    private final Clock clock;
    private final ParseOptions options;
    private final Duration debounce;

    private State state = State.STARTING;
    private String message = "not read yet";
    private Instant lastApplied;
    private String lastSnapshot = "";
    private List<Diagnostic> diagnostics = List.of();
    private Set<Path> configFiles;
    private Fingerprint seenConfig;
    private Fingerprint doneConfig;
    private Instant seenConfigAt;
    private Fingerprint seenBundles;
    private Fingerprint doneBundles;
    private Instant seenBundlesAt;

    MediaController(MediaLocation media, ConfigurationParser parser, ConfigurationApplier applier,
            SnapshotStore snapshots, DropFolder dropFolder, EventSink events, Clock clock, ParseOptions options,
            Duration debounce) {
        this.media = media;
        this.parser = parser;
        this.applier = applier;
        this.snapshots = snapshots;
        this.dropFolder = dropFolder;
        this.events = events;
        this.clock = clock;
        this.options = options;
        this.debounce = debounce;
        this.configFiles = Set.of(media.mainFile());
    }

    /** Processes changes that have been stable for the debounce time. */
    synchronized void poll() {
        Instant now = clock.instant();
        Fingerprint c = configFingerprint();
        if (!c.equals(seenConfig)) {
            seenConfig = c;
            seenConfigAt = now;
        }
        if (!c.equals(doneConfig) && stable(seenConfigAt, now)) {
            load("applied", c);
        }
        if (dropFolder != null) {
            Fingerprint b = bundlesFingerprint();
            if (!b.equals(seenBundles)) {
                seenBundles = b;
                seenBundlesAt = now;
            }
            if (!b.equals(doneBundles) && stable(seenBundlesAt, now)) {
                deployBundles(b);
            }
        }
    }

    /** Reads and applies now, and deploys the drop folder (used at start and by {@code calpe:reload}). */
    synchronized ReloadOutcome reload() {
        ReloadOutcome outcome = load("applied", configFingerprint());
        if (dropFolder != null) {
            deployBundles(bundlesFingerprint());
        }
        return outcome;
    }

    synchronized ReloadOutcome rollback(String id) {
        if (snapshots.find(id).isEmpty()) {
            throw new IllegalArgumentException("no snapshot " + id + " (see calpe:snapshots)");
        }
        Set<Path> current = new LinkedHashSet<>(configFiles);
        try {
            SnapshotInfo before = snapshots.create(current, "before rollback to " + id);
            LOG.info("Snapshot {} taken of the current configuration before rolling back to {}", before.id(), id);
            snapshots.restore(id, current);
        } catch (IOException | UncheckedIOException e) {
            String msg = "rollback to " + id + " failed, nothing changed: " + e.getMessage();
            LOG.error(msg);
            return new ReloadOutcome(false, 0, List.of(), Optional.empty(), "", msg);
        }
        LOG.info("Restored snapshot {} onto the media {}", id, media.directory());
        return load("rollback to " + id, configFingerprint());
    }

    synchronized List<SnapshotInfo> snapshots() {
        try {
            return snapshots.list();
        } catch (UncheckedIOException e) {
            return List.of();
        }
    }

    synchronized MediaStatus status() {
        Set<String> watched = new TreeSet<>();
        configFiles.forEach(p -> watched.add(p.toString()));
        return new MediaStatus(media.directory().toString(), media.origin(), state, message,
                Optional.ofNullable(lastApplied), lastSnapshot, diagnostics, watched);
    }

    /** Directories worth a WatchService key: those of the files read, the media root and the drop folder. */
    synchronized Set<Path> watchedDirectories() {
        Set<Path> dirs = new LinkedHashSet<>();
        dirs.add(media.directory());
        configFiles.forEach(f -> dirs.add(f.getParent()));
        dirs.add(media.bundles());
        return dirs;
    }

    private boolean stable(Instant since, Instant now) {
        return Duration.between(since, now).compareTo(debounce) >= 0;
    }

    private Fingerprint configFingerprint() {
        Set<Path> dirs = new LinkedHashSet<>();
        configFiles.forEach(f -> dirs.add(f.getParent()));
        dirs.add(media.directory());
        return Fingerprint.of(configFiles, dirs);
    }

    private Fingerprint bundlesFingerprint() {
        return Fingerprint.of(List.of(), List.of(media.bundles()));
    }

    private ReloadOutcome load(String reason, Fingerprint fingerprint) {
        doneConfig = fingerprint;
        seenConfig = fingerprint;
        Path main = media.mainFile();
        if (!Files.isDirectory(media.directory())) {
            return lost("config media " + media.directory() + " is missing");
        }
        if (!Files.isReadable(main)) {
            return lost(main + " is missing or unreadable");
        }
        ParseResult r;
        try {
            r = parser.parse(main, options);
        } catch (RuntimeException e) {
            LOG.error("Parser failed on {}", main, e);
            return lost("cannot read " + main + ": " + e);
        }
        Set<Path> files = new LinkedHashSet<>();
        files.add(main);
        r.files().forEach(f -> files.add(f.toAbsolutePath().normalize()));
        configFiles = files;
        if (!Files.isReadable(main)) {
            return lost(main + " vanished while being read");
        }
        restored();
        if (!r.applicable()) {
            return rejected(main, r);
        }
        String snap = "";
        try {
            snap = snapshots.create(files, reason).id();
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Cannot snapshot the configuration into {}: {}; applying it anyway", snapshots.directory(),
                    e.toString());
        }
        ApplyResult result;
        try {
            result = applier.apply(r.config().orElseThrow());
        } catch (IOException | RuntimeException e) {
            LOG.error("Config Admin failed while applying {}", main, e);
            state = State.REJECTED;
            message = "applying " + main + " failed: " + e + "; " + lastGood();
            diagnostics = r.diagnostics();
            return new ReloadOutcome(false, r.exitCode(), r.diagnostics(), Optional.empty(), snap, message);
        }
        state = State.OK;
        lastApplied = clock.instant();
        lastSnapshot = snap;
        diagnostics = r.diagnostics();
        r.diagnostics().forEach(d -> LOG.warn("{}", d));
        message = "running " + main + " (" + reason + (snap.isEmpty() ? "" : ", snapshot " + snap) + ")";
        if (result.changes() > 0) {
            LOG.info("Configuration {} from {}: {} (snapshot {})", reason, main, result,
                    snap.isEmpty() ? "none" : snap);
        } else {
            LOG.debug("Configuration {} re-read: nothing changed", main);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(ConfigTopics.PROP_FILE, main.toString());
        p.put(ConfigTopics.PROP_SNAPSHOT, snap);
        p.put(ConfigTopics.PROP_CHANGED, java.util.stream.Stream.concat(result.created().stream(),
                result.updated().stream()).toArray(String[]::new));
        p.put(ConfigTopics.PROP_DELETED, result.deleted().toArray(String[]::new));
        events.post(ConfigTopics.APPLIED, p);
        return new ReloadOutcome(true, r.exitCode(), r.diagnostics(), Optional.of(result), snap,
                "applied: " + result);
    }

    private ReloadOutcome rejected(Path main, ParseResult r) {
        state = State.REJECTED;
        diagnostics = r.diagnostics();
        for (Diagnostic d : r.diagnostics()) {
            LOG.warn("{}", d);
        }
        message = main + " rejected (" + r.diagnostics().size() + " diagnostics, exit code " + r.exitCode()
                + "), nothing changed; " + lastGood();
        LOG.error(message);
        events.post(ConfigTopics.REJECTED, Map.of(ConfigTopics.PROP_FILE, main.toString(),
                ConfigTopics.PROP_DIAGNOSTICS, r.diagnostics().stream().map(Diagnostic::toString)
                        .toArray(String[]::new)));
        return new ReloadOutcome(false, r.exitCode(), r.diagnostics(), Optional.empty(), "", message);
    }

    private ReloadOutcome lost(String why) {
        boolean wasLost = state == State.LOST;
        state = State.LOST;
        message = why + "; " + lastGood() + "; polling for it to return";
        if (!wasLost) {
            LOG.warn("Config media lost: {}", message);
            events.post(ConfigTopics.MEDIA_LOST, Map.of(ConfigTopics.PROP_FILE, media.mainFile().toString()));
        }
        return new ReloadOutcome(false, 0, List.of(), Optional.empty(), "", message);
    }

    private void restored() {
        if (state == State.LOST) {
            LOG.info("Config media is back: {}", media.directory());
            events.post(ConfigTopics.MEDIA_RESTORED, Map.of(ConfigTopics.PROP_FILE, media.mainFile().toString()));
        }
    }

    private String lastGood() {
        return lastApplied == null ? "no configuration applied yet"
                : "running on the last good configuration, applied " + lastApplied
                        + (lastSnapshot.isEmpty() ? "" : " (snapshot " + lastSnapshot + ")");
    }

    private void deployBundles(Fingerprint fingerprint) {
        doneBundles = fingerprint;
        seenBundles = fingerprint;
        for (DropFolder.Deployment d : dropFolder.scan(media.bundles())) {
            if (d.action() != DropFolder.Action.IGNORE && !d.failed()) {
                events.post(ConfigTopics.BUNDLE_DEPLOYED, Map.of("bsn", d.symbolicName(), "version",
                        d.version().toString(), "action", d.action().name()));
            }
        }
    }

    /** Whether the media or its keepalived.conf is missing or unreadable right now. */
    synchronized boolean lost() {
        return state == State.LOST;
    }

    /** The main configuration file being watched. */
    Path mainFile() {
        return media.mainFile();
    }
}
