package org.calpe.net.api;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Resolves interfaces and follows link and address changes over rtnetlink. */
@ProviderType
public interface LinkMonitor {

    /** @return all links of the namespace */
    List<LinkInfo> links(NetNamespace namespace) throws IOException;

    /** @return the link called {@code name} */
    Optional<LinkInfo> link(NetNamespace namespace, String name) throws IOException;

    /** @return the link with index {@code ifindex} */
    Optional<LinkInfo> link(NetNamespace namespace, int ifindex) throws IOException;

    /**
     * Subscribes to link, IPv4 address and IPv6 address changes of the namespace (RTMGRP_LINK,
     * RTMGRP_IPV4_IFADDR, RTMGRP_IPV6_IFADDR). Events arrive on a thread of the subscription until it is closed.
     */
    Closeable watch(NetNamespace namespace, NetlinkListener listener) throws IOException;

    /**
     * Subscribes to link changes only (RTMGRP_LINK): {@link NetlinkEvent.LinkChanged} and
     * {@link NetlinkEvent.Overrun}. For a subscriber that has no use for addresses: with {@link #watch}, every
     * address added or removed in the namespace — a takeover adds one per virtual address — is read, parsed and
     * handed over, and while a thread waits on the subscription the kernel wakes it for each (on a virtual
     * machine a wake-up costs as much as the address change itself). The default subscribes to everything and
     * passes on only these events.
     */
    default Closeable watchLinks(NetNamespace namespace, NetlinkListener listener) throws IOException {
        return watch(namespace, e -> {
            if (!(e instanceof NetlinkEvent.AddressChanged)) {
                listener.changed(e);
            }
        });
    }
}
