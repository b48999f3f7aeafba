package org.calpe.vrrp.core.runtime;

import java.util.Map;

import org.calpe.net.api.MacAddress;
import org.calpe.vrrp.core.garp.AnnouncementScheduler;
import org.calpe.vrrp.core.notify.Notifier;

import io.netty.util.concurrent.EventExecutor;

/**
 * What the instances of one runtime share: the event loop, the ports, the announcement scheduler (one for all
 * instances, in configuration order, as keepalived paces them), the notifier and the MAC of each interface an
 * announcement may leave from, which VRIDs the running instances have, the warm-up of the takeover path and
 * the VRRP sockets (one per interface and kind, shared by its instances), and the queue of what state changes
 * report ({@link Afterwards}).
 * Used on the loop only.
 */
record RuntimeContext(EventExecutor loop, RuntimeServices services, AnnouncementScheduler announcements,
        Notifier notifier, Map<Integer, MacAddress> macs, VridRegistry vrids, TakeoverWarmup warmup,
        SharedVrrpSockets sockets, Afterwards afterwards) {
}
