package org.calpe.vrrp.core.runtime;

import java.io.IOException;

import org.calpe.net.api.NetNamespace;
import org.calpe.net.api.VrrpSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the takeover path ready while an instance is still a backup: a backup that becomes master runs code it
 * has never run before — advert encoding (and AH signing), the native send, the gratuitous ARP frames and their
 * packet socket. Run cold, that code is loaded, linked and interpreted at the worst moment, and the first advert
 * and the first gratuitous ARP leave a millisecond or more late. Every instance gets its announcement socket
 * opened at start; the code itself is exercised once per runtime (the JIT's work is process-wide), without
 * anything reaching the wire (per encoding: version, family and authentication). Used on the loop only.
 */
final class TakeoverWarmup {
    /** Enough rounds for the JIT's first compilation tier of the encoding and send paths. */
    static final int ROUNDS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger("org.calpe.vrrp");

    private final java.util.Set<String> warmEncodings = new java.util.HashSet<>();
    private boolean socketWarm;

    /** Prepares {@code runner}'s takeover: its announcement socket always, the shared code paths once. */
    void prepare(RuntimeServices services, NetNamespace namespace, int ifindex, AdvertSender sender,
            VrrpSocket socket, java.net.InetAddress source, org.calpe.vrrp.api.VrrpAuthenticator authenticator) {
        long start = System.nanoTime();
        try {
            services.announcer().prepare(namespace, ifindex);
        } catch (IOException e) {
            LOG.warn("cannot prepare gratuitous ARP/NA on ifindex {}: {}", ifindex, e.getMessage());
        }
        if (!socketWarm) {
            socketWarm = true;
            socket.warmUp();
            preload();
        }
        String encoding = sender.encodingKind();
        if (!warmEncodings.contains(encoding) && sender.warmUp(source, authenticator, ROUNDS)) {
            warmEncodings.add(encoding); // each version, family and authentication has its own code path
        }
        LOG.debug("takeover path prepared on ifindex {} in {} µs", ifindex, (System.nanoTime() - start) / 1000);
    }

    /** Loads the classes only a new master needs (the state machine's actions, the announcement scheduling). */
    private static void preload() {
        for (Class<?> c : org.calpe.vrrp.core.fsm.VrrpAction.class.getPermittedSubclasses()) {
            touch(c.getName(), c.getClassLoader());
        }
        ClassLoader loader = TakeoverWarmup.class.getClassLoader();
        for (String name : new String[] {"org.calpe.vrrp.core.garp.Announcement",
            "org.calpe.vrrp.core.garp.AnnouncementKind", "org.calpe.vrrp.core.garp.GarpTimings",
            "org.calpe.vrrp.core.garp.VirtualAddress"}) {
            touch(name, loader);
        }
    }

    private static void touch(String name, ClassLoader loader) {
        try {
            Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.debug("cannot preload {}: {}", name, e.toString());
        }
    }
}
