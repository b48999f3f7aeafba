package org.calpe.net.api;

/**
 * One {@code nexthop} of a multipath route ({@code struct rtnexthop} in {@code RTA_MULTIPATH}).
 *
 * @param gateway the {@code via} address, or null
 * @param ifindex the {@code dev} interface index, 0 for none
 * @param weight  the {@code weight}, 1 to 256 (the kernel stores weight - 1 in {@code rtnh_hops})
 * @param flags   the {@code RTNH_F_*} flags ({@link Route#FLAG_ONLINK})
 * @param realms  the {@code realms} ({@code RTA_FLOW}, IPv4), 0 for none
 */
public record Nexthop(java.net.InetAddress gateway, int ifindex, int weight, int flags, int realms) {

    public Nexthop {
        if (gateway == null && ifindex == 0) {
            throw new IllegalArgumentException("a nexthop needs a gateway or an interface");
        }
        if (ifindex < 0) {
            throw new IllegalArgumentException("ifindex " + ifindex);
        }
        if (weight < 1 || weight > 256) {
            throw new IllegalArgumentException("weight " + weight + " outside [1, 256]");
        }
        if (flags < 0 || flags > 255) {
            throw new IllegalArgumentException("nexthop flags " + flags);
        }
    }

    /** @return {@code nexthop via GATEWAY dev IFINDEX weight WEIGHT} */
    public static Nexthop of(java.net.InetAddress gateway, int ifindex, int weight) {
        return new Nexthop(gateway, ifindex, weight, 0, 0);
    }
}
