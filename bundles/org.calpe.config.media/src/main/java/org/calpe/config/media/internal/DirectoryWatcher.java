package org.calpe.config.media.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shortens the reaction time to edits: a WatchService on the directories of interest calls {@code onChange}
 * whenever something in them changes. Polling remains the source of truth (a WatchService can miss events,
 * e.g. on some removable or network file systems), so a failure here only costs latency.
 */
final class DirectoryWatcher implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatcher.class);

    private final WatchService service;
    private final Runnable onChange;
    private final Map<Path, WatchKey> keys = new HashMap<>();
    private final Thread thread;

    DirectoryWatcher(Runnable onChange) {
        this.onChange = onChange;
        WatchService ws = null;
        try {
            ws = FileSystems.getDefault().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            LOG.info("No WatchService ({}); config media changes are found by polling only", e.toString());
        }
        this.service = ws;
        this.thread = new Thread(this::run, "calpe-media-watch");
        thread.setDaemon(true);
        if (service != null) {
            thread.start();
        }
    }

    /** Watches exactly these directories (those that exist now). */
    synchronized void watch(Set<Path> directories) {
        if (service == null) {
            return;
        }
        for (Iterator<Map.Entry<Path, WatchKey>> it = keys.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Path, WatchKey> e = it.next();
            if (!directories.contains(e.getKey()) || !e.getValue().isValid()) {
                e.getValue().cancel();
                it.remove();
            }
        }
        for (Path d : directories) {
            if (!keys.containsKey(d) && Files.isDirectory(d)) {
                try {
                    keys.put(d, d.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY));
                } catch (IOException e) {
                    LOG.debug("Cannot watch {}: {}", d, e.toString());
                }
            }
        }
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = service.take();
                key.pollEvents();
                key.reset();
                onChange.run();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        } catch (RuntimeException e) {
            LOG.warn("Config media watcher stopped; polling only", e);
        }
    }

    @Override
    public void close() {
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                // nothing left to do
            }
            thread.interrupt();
        }
    }
}
