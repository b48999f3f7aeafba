package org.calpe.net.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives link and address changes; called on the watch's own thread, one event at a time. */
@ConsumerType
@FunctionalInterface
public interface NetlinkListener {

    void changed(NetlinkEvent event);
}
