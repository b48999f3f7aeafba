package org.calpe.config.api.model;

import java.util.Objects;

/**
 * An LVS forwarding method ({@code lvs_method NAT|DR|TUN [type ipip|gue port N|gre] [nocsum|csum|remcsum]}).
 *
 * @param method NAT, DR or TUN
 * @param tunnelType ipip, gue or gre for TUN (null when not given, meaning ipip)
 * @param tunnelPort the GUE port, or null
 * @param checksum nocsum, csum or remcsum, or null when not given
 */
public record Forwarding(String method, String tunnelType, Integer tunnelPort, String checksum) {
    public Forwarding {
        Objects.requireNonNull(method, "method");
    }

    public boolean tunnel() {
        return method.equals("TUN");
    }
}
