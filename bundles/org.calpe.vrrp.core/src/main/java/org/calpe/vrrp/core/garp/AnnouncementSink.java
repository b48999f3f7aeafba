package org.calpe.vrrp.core.garp;

/** Receives the packets the scheduler decided to send; the runtime passes them to the Announcer. */
@FunctionalInterface
public interface AnnouncementSink {

    /** Called on the event loop at {@link Announcement#atNanos()}; must not block. */
    void announce(Announcement announcement);
}
