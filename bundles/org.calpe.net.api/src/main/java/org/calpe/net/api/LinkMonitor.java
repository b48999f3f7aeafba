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
}
