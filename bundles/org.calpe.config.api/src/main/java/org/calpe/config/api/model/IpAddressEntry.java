package org.calpe.config.api.model;

import java.util.List;

/**
 * One entry of {@code virtual_ipaddress}, {@code virtual_ipaddress_excluded} or {@code static_ipaddress}:
 * {@code <ip>[/len] [brd X] [dev X] [scope X] [label X] [peer X] [home] [-nodad] [mngtmpaddr]
 * [noprefixroute] [autojoin] [no_track] [use_vmac [NAME]] [preferred_lft N|forever] [track_group G]}.
 *
 * @param address the address as written (without prefix)
 * @param family 4 or 6
 * @param prefix the prefix length (32/128 when not written)
 * @param options the remaining words in canonical order, e.g. {@code [dev, eth0, scope, link]}
 */
public record IpAddressEntry(String address, int family, int prefix, List<String> options) {
    public IpAddressEntry {
        options = List.copyOf(options);
    }

    /** The value of a keyword option ({@code dev}, {@code scope}, ...), or null. */
    public String option(String keyword) {
        int i = options.indexOf(keyword);
        return i >= 0 && i + 1 < options.size() ? options.get(i + 1) : null;
    }

    public boolean flag(String keyword) {
        return options.contains(keyword);
    }

    public boolean isLinkLocal() {
        return family == 6 && address.toLowerCase(java.util.Locale.ROOT).startsWith("fe8");
    }
}
