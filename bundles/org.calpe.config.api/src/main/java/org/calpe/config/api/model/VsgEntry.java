package org.calpe.config.api.model;

/**
 * One line of a {@code virtual_server_group}: an address (range) with an optional port, or a firewall mark
 * with an optional family.
 *
 * @param first first address of the range (or the only one), null for a fwmark entry
 * @param last last address of the range, null for a single address
 * @param prefix prefix length when written as {@code addr/len}, else null
 * @param port the port, or null
 * @param fwmark the mark, or null for an address entry
 * @param family inet or inet6 for a fwmark entry, or null
 */
public record VsgEntry(String first, String last, Integer prefix, Integer port, Long fwmark, String family) {
    public boolean isFwmark() {
        return fwmark != null;
    }

    public boolean ipv6() {
        return first != null && first.indexOf(':') >= 0;
    }
}
