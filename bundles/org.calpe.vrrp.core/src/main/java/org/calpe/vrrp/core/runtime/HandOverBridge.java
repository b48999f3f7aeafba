package org.calpe.vrrp.core.runtime;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.util.concurrent.EventExecutor;

/**
 * The old engine's side of a {@link HandOver}: its masters go on advertising on its loop until the next engine
 * claims the hand-over (then they stop silently) or the bridge time runs out (then the hand-over is abandoned
 * and they stop as a real stop does); then the loop ends. Runs on the loop of a runtime whose bundle may have
 * been updated away: everything it needs is loaded before the bridge starts.
 */
final class HandOverBridge {
    private static final Logger LOG = LoggerFactory.getLogger("org.calpe.vrrp");
    private static final long POLL_MILLIS = 10;

    private final EventExecutor loop;
    private final List<InstanceRunner> masters;
    private final HandOverLink link;
    private final long id;
    private final long untilNanos;

    HandOverBridge(EventExecutor loop, List<InstanceRunner> masters, HandOverLink link, long id, long untilNanos) {
        this.loop = loop;
        this.masters = List.copyOf(masters);
        this.link = link;
        this.id = id;
        this.untilNanos = untilNanos;
    }

    /** Loads what the bridge may need, then starts polling (on the loop). */
    void start() {
        link.taken(id);
        masters.forEach(InstanceRunner::warmStopPath);
        poll();
    }

    private void poll() {
        boolean done;
        try {
            done = link.taken(id);
        } catch (RuntimeException | LinkageError e) {
            done = true;
        }
        long now = System.nanoTime();
        if (!done && now - untilNanos < 0) {
            loop.schedule(this::poll, POLL_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        if (done) {
            masters.forEach(InstanceRunner::endBridge);
            LOG.info("VRRP bridge: the old engine advertised for {} ms after the hand-over until the next engine"
                    + " took over", (now - id) / 1_000_000L);
        } else {
            boolean abandoned;
            try {
                abandoned = link.abandon(id);
            } catch (RuntimeException | LinkageError e) {
                abandoned = false; // cannot tell whether the next engine resumed: keep the addresses
            }
            if (abandoned) {
                LOG.warn("VRRP bridge: no engine took over within {} ms: hand-over abandoned, stopping as usual",
                        (now - id) / 1_000_000L);
            }
            for (InstanceRunner r : masters) {
                if (abandoned) {
                    r.stopAfterBridge();
                } else {
                    r.endBridge();
                }
            }
        }
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
