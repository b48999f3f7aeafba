package org.calpe.config.api.model;

import java.util.Objects;

/**
 * An IP address with an optional port, as in {@code real_server 198.18.1.1 80} or {@code sorry_server}.
 *
 * @param address the address as written (IPv4 dotted quad or IPv6 literal)
 * @param port the port, or null when omitted
 */
public record ServerAddress(String address, Integer port) {
    public ServerAddress {
        Objects.requireNonNull(address, "address");
    }

    public boolean ipv6() {
        return address.indexOf(':') >= 0;
    }

    /** The port, 0 when omitted. */
    public int portOrZero() {
        return port == null ? 0 : port;
    }

    @Override
    public String toString() {
        return (ipv6() ? "[" + address + "]" : address) + (port == null ? "" : ":" + port);
    }
}
