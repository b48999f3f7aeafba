package org.calpe.config.api.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of {@code unicast_peer}: {@code <ip> [min_ttl N] [max_ttl N]}.
 *
 * @param address the peer address as written
 * @param family 4 or 6
 * @param minTtl the lowest accepted TTL/hop limit, or -1
 * @param maxTtl the highest accepted TTL/hop limit, or -1
 */
public record UnicastPeer(String address, int family, int minTtl, int maxTtl) {
    public List<String> words() {
        List<String> w = new ArrayList<>(5);
        w.add(address);
        if (minTtl >= 0) {
            w.add("min_ttl");
            w.add(Integer.toString(minTtl));
        }
        if (maxTtl >= 0) {
            w.add("max_ttl");
            w.add(Integer.toString(maxTtl));
        }
        return w;
    }
}
