package org.calpe.vrrp.core.codec;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A {@code unicast_peer} entry: its address and the TTL range keepalived accepts from it
 * ({@code min_ttl}/{@code max_ttl}, default 0–255).
 */
public record UnicastPeer(InetAddress address, int minTtl, int maxTtl) {

    public UnicastPeer {
        Objects.requireNonNull(address, "address");
        if (minTtl < 0 || maxTtl > 255 || minTtl > maxTtl) {
            throw new IllegalArgumentException("TTL range " + minTtl + "-" + maxTtl);
        }
    }

    /** A peer accepting any TTL. */
    public static UnicastPeer of(InetAddress address) {
        return new UnicastPeer(address, 0, 255);
    }
}
