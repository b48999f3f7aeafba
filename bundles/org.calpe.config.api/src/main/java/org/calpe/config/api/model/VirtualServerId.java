package org.calpe.config.api.model;

/**
 * What a {@code virtual_server} stands for: an address and port, a firewall mark, or a virtual server group.
 * Exactly one of {@code address}, {@code fwmark}, {@code group} is set.
 */
public record VirtualServerId(ServerAddress address, Long fwmark, String group) {
    public static VirtualServerId of(ServerAddress a) {
        return new VirtualServerId(a, null, null);
    }

    public static VirtualServerId fwmark(long mark) {
        return new VirtualServerId(null, mark, null);
    }

    public static VirtualServerId group(String name) {
        return new VirtualServerId(null, null, name);
    }

    public boolean isFwmark() {
        return fwmark != null;
    }

    public boolean isGroup() {
        return group != null;
    }
}
