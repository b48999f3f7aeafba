package org.calpe.net.api;

import java.util.Objects;

/**
 * A network interface as rtnetlink reports it.
 *
 * @param index   the interface index
 * @param name    the interface name
 * @param mac     the link-layer address; {@code null} for links without one (loopback has 00:00:00:00:00:00)
 * @param flags   the {@code IFF_*} flags ({@link #FLAG_UP}, {@link #FLAG_RUNNING}, {@link #FLAG_LOWER_UP})
 * @param mtu     the MTU
 * @param linkIndex the parent interface index for stacked links (macvlan, veth peer), 0 if none
 */
public record LinkInfo(int index, String name, MacAddress mac, int flags, int mtu, int linkIndex) {

    public static final int FLAG_UP = 0x1;
    public static final int FLAG_RUNNING = 0x40;
    public static final int FLAG_LOWER_UP = 0x10000;

    public LinkInfo {
        Objects.requireNonNull(name, "name");
    }

    /** @return true when the interface is administratively up and has carrier */
    public boolean isUp() {
        return (flags & FLAG_UP) != 0 && (flags & FLAG_RUNNING) != 0;
    }
}
