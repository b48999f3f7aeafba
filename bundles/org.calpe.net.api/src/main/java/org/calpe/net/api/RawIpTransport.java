package org.calpe.net.api;

import java.io.IOException;

import org.osgi.annotation.versioning.ProviderType;

/** Opens raw IP sockets for VRRP and AH in a network namespace. */
@ProviderType
public interface RawIpTransport {

    /**
     * Opens a socket as {@code spec} describes and starts delivering its datagrams to {@code listener}.
     *
     * @throws IOException if the namespace, the interface or a socket option is refused
     */
    VrrpSocket open(VrrpSocketSpec spec, PacketListener listener) throws IOException;
}
