package org.calpe.vrrp.core.runtime;

import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.calpe.net.api.LinkInfo;
import org.calpe.net.api.NetlinkEvent;
import org.calpe.vrrp.core.fsm.Tracker;
import org.calpe.vrrp.core.track.ScriptStateChange;
import org.calpe.vrrp.core.track.TrackScript;
import org.calpe.vrrp.core.track.TrackScriptScheduler;
import org.calpe.vrrp.core.track.TrackScriptStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the running instances' trackers on the loop: link changes from the {@link org.calpe.net.api.LinkMonitor}
 * ({@code track_interface} and each instance's own interface) and good/bad changes of the tracked
 * {@code vrrp_script}s, run by one {@link TrackScriptScheduler} through the script runner, and the values of the
 * {@code track_file}s, watched by a {@link TrackFileWatcher}.
 */
final class Tracking implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("org.calpe.vrrp");

    private final RuntimeContext ctx;
    private final Supplier<Collection<InstanceRunner>> runners;
    private List<TrackScript> scripts = List.of();
    private TrackScriptScheduler scheduler;
    private Closeable watch;
    private boolean closed;
    private java.util.function.Consumer<String> linkRemoved = name -> { };
    private final TrackFileWatcher files;

    Tracking(RuntimeContext ctx, Supplier<Collection<InstanceRunner>> runners) {
        this.ctx = ctx;
        this.runners = runners;
        this.files = new TrackFileWatcher(name -> {
            try {
                ctx.loop().execute(() -> fileChanged(name));
            } catch (RejectedExecutionException e) {
                // shutting down
            }
        }, r -> {
            Thread t = new Thread(r, "calpe-vrrp-track-file");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The track_files of a new global configuration (any thread but the loop's: init files are written and
     * every file is read here, see {@link TrackFileWatcher#define}).
     */
    void defineFiles(Collection<TrackFileSpec> specs) {
        files.define(specs);
    }

    /** See {@link TrackFileWatcher#continuing()}. */
    void continuing() {
        files.continuing();
    }

    /** The track_files that can be tracked (their directory exists). */
    Set<String> usableFiles() {
        return files.usable();
    }

    /** A track_file's value changed (on the loop). */
    private void fileChanged(String name) {
        if (closed) {
            return;
        }
        int value = files.value(name);
        for (InstanceRunner r : List.copyOf(runners.get())) {
            r.fileChanged("file:" + name, value);
        }
    }

    /** Runs exactly {@code wanted}; an unchanged list leaves the running scripts alone. */
    void scripts(List<TrackScript> wanted) {
        if (closed || wanted.equals(scripts)) {
            return;
        }
        if (scheduler != null) {
            scheduler.stop();
            scheduler = null;
        }
        scripts = List.copyOf(wanted);
        if (scripts.isEmpty()) {
            return;
        }
        scheduler = new TrackScriptScheduler(scripts, ctx.services().scripts(), new LoopClock(ctx.loop()),
                ctx.loop(), this::scriptChanged, LOG::info);
        scheduler.start();
    }

    private void scriptChanged(ScriptStateChange c) {
        for (InstanceRunner r : List.copyOf(runners.get())) {
            r.scriptChanged(c);
        }
    }

    /** Gives a prepared (not yet started) instance the scripts' current results and the track_files' values. */
    void prime(InstanceRunner r) {
        for (Tracker t : r.trackers()) {
            if (t.kind() == Tracker.Kind.FILE) {
                r.fsm().fileChanged(t.id(), files.value(t.name()));
            }
        }
        if (scheduler == null) {
            return;
        }
        for (TrackScriptStatus s : scheduler.status()) {
            boolean known = s.status().equals("GOOD") || s.status().equals("BAD");
            if (known && r.trackers().stream().anyMatch(t -> t.kind() == Tracker.Kind.SCRIPT
                    && t.name().equals(s.name()))) {
                r.fsm().trackerChanged("script:" + s.name(), s.status().equals("GOOD"));
            }
        }
    }

    /** Told (on the loop) the name of every link that disappears, after the trackers saw it go down. */
    void onLinkRemoved(java.util.function.Consumer<String> listener) {
        linkRemoved = listener;
    }

    /** Follows the namespace's links (once). */
    void watchLinks() {
        if (closed || watch != null) {
            return;
        }
        try {
            // links only: a takeover adds one address per VIP, and each would wake the subscription's thread
            watch = ctx.services().links().watchLinks(ctx.services().namespace(), e -> {
                try {
                    ctx.loop().execute(() -> linkEvent(e));
                } catch (RejectedExecutionException ex) {
                    // shutting down
                }
            });
        } catch (IOException e) {
            LOG.error("cannot follow link changes in {}: {}", ctx.services().namespace(), e.getMessage());
        }
    }

    private void linkEvent(NetlinkEvent e) {
        if (closed) {
            return;
        }
        if (e instanceof NetlinkEvent.LinkChanged c) {
            linkState(c.link().name(), !c.removed() && c.link().isUp());
            if (c.removed()) {
                linkRemoved.accept(c.link().name());
            }
        } else if (e instanceof NetlinkEvent.Overrun) {
            try {
                for (LinkInfo l : ctx.services().links().links(ctx.services().namespace())) {
                    linkState(l.name(), l.isUp());
                }
            } catch (IOException ex) {
                LOG.error("cannot re-read links: {}", ex.getMessage());
            }
        }
    }

    private void linkState(String name, boolean up) {
        for (InstanceRunner r : List.copyOf(runners.get())) {
            r.interfaceChanged(name, up);
        }
    }

    @Override
    public void close() {
        closed = true;
        files.close();
        if (scheduler != null) {
            scheduler.stop();
            scheduler = null;
        }
        if (watch != null) {
            try {
                watch.close();
            } catch (IOException e) {
                LOG.debug("closing the link watch: {}", e.getMessage());
            }
            watch = null;
        }
    }
}
