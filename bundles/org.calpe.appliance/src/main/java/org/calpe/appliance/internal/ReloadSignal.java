package org.calpe.appliance.internal;

import java.util.Map;

import org.calpe.config.api.ConfigTopics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * keepalived reloads its configuration on SIGHUP; so do we: the signal becomes an Event Admin event
 * {@link ConfigTopics#RELOAD_REQUESTED} that the configuration media bundle acts on. Without this handler
 * the JVM would treat SIGHUP as a request to exit.
 */
@Component(immediate = true)
public final class ReloadSignal {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadSignal.class);
    private static final Signal HUP = new Signal("HUP");

    private final EventAdmin events;
    private final SignalHandler previous;

    @Activate
    public ReloadSignal(@Reference EventAdmin events) {
        this.events = events;
        SignalHandler old = null;
        try {
            old = Signal.handle(HUP, this::onHangup);
        } catch (IllegalArgumentException e) {
            LOG.warn("SIGHUP cannot be handled in this JVM (-Xrs?): reload with the console or the shell", e);
        }
        this.previous = old;
    }

    private void onHangup(Signal signal) {
        LOG.info("Reloading (SIGHUP)");
        events.postEvent(new Event(ConfigTopics.RELOAD_REQUESTED, Map.of("signal", signal.getName())));
    }

    @Deactivate
    void deactivate() {
        if (previous != null) {
            Signal.handle(HUP, previous);
        }
    }
}
