package org.calpe.net.api;

import java.util.Objects;

/**
 * A macvlan interface to create ({@code ip link add link BASE name NAME address MAC type macvlan mode MODE}), as
 * keepalived's {@code use_vmac} creates its VMAC interfaces: mode {@link #MODE_PRIVATE}, the VRRP virtual router
 * MAC address.
 *
 * @param name      the interface name (at most 15 bytes)
 * @param baseIndex the index of the interface it sits on ({@code IFLA_LINK})
 * @param mac       its link-layer address
 * @param mode      the macvlan mode ({@code IFLA_MACVLAN_MODE}: {@link #MODE_PRIVATE}, {@link #MODE_VEPA},
 *                  {@link #MODE_BRIDGE}, {@link #MODE_PASSTHRU})
 */
public record Macvlan(String name, int baseIndex, MacAddress mac, int mode) {

    public static final int MODE_PRIVATE = 1;
    public static final int MODE_VEPA = 2;
    public static final int MODE_BRIDGE = 4;
    public static final int MODE_PASSTHRU = 8;

    public Macvlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mac, "mac");
        if (name.isEmpty() || name.length() > 15 || name.contains("/") || name.equals(".") || name.equals("..")
                || name.chars().anyMatch(c -> c <= ' ' || c == ':' || c > 126)) {
            throw new IllegalArgumentException("invalid interface name: '" + name + "'");
        }
        if (baseIndex <= 0) {
            throw new IllegalArgumentException("base ifindex must be positive: " + baseIndex);
        }
    }

    /** A private-mode macvlan (keepalived's VMAC). */
    public static Macvlan privateMode(String name, int baseIndex, MacAddress mac) {
        return new Macvlan(name, baseIndex, mac, MODE_PRIVATE);
    }
}
