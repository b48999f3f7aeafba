package org.calpe.net.api;

import java.io.IOException;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Adds, removes and lists interface addresses over rtnetlink. */
@ProviderType
public interface AddressManager {

    /**
     * Adds {@code address} with its label, scope, broadcast, preferred lifetime 0 ("deprecated") and no-DAD
     * attributes.
     *
     * @return false if the address already existed (nothing was changed)
     * @throws IOException with the kernel's reason
     */
    boolean add(NetNamespace namespace, InterfaceAddress address) throws IOException;

    /**
     * Removes {@code address} (identified by interface, address and prefix length).
     *
     * @return false if there was no such address
     */
    boolean remove(NetNamespace namespace, InterfaceAddress address) throws IOException;

    /** @return all addresses of the namespace, of both families */
    List<InterfaceAddress> list(NetNamespace namespace) throws IOException;

    /**
     * Makes the first {@link #add} in {@code namespace} as fast as the later ones (as {@link Announcer#prepare}
     * does for announcements): runs the request path without changing any address. VRRP calls it when an
     * instance starts, so that a takeover does not run that path cold between the new master's first advert and
     * its first gratuitous ARP. Best effort: a failure here is the first real request's to report.
     */
    default void prepare(NetNamespace namespace) {
    }

    /**
     * Runs the request path once more without changing any address (1.7): VRRP calls it shortly before a backup's
     * Master_Down timer expires, so that the takeover's address add finds its code and data in the CPU's caches
     * (after a backup's long sleep, other work has pushed them out, and the first add ran several times slower).
     * Cheap, best effort, never fails.
     */
    default void rehearse(NetNamespace namespace) {
    }
}
