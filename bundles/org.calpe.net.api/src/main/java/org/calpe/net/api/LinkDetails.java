package org.calpe.net.api;

import java.util.Objects;

/**
 * One interface with what {@link LinkInfo} leaves out: its kind ({@code IFLA_INFO_KIND}) and, for a macvlan, its
 * mode.
 *
 * @param link        the interface
 * @param kind        {@code macvlan}, {@code veth}, {@code bridge}...; empty for a physical interface or loopback
 * @param macvlanMode the macvlan mode ({@link Macvlan#MODE_PRIVATE}...), 0 if not a macvlan
 */
public record LinkDetails(LinkInfo link, String kind, int macvlanMode) {

    public LinkDetails {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(kind, "kind");
    }

    /** @return true for a macvlan */
    public boolean isMacvlan() {
        return kind.equals("macvlan");
    }

    /** @return true for a private-mode macvlan on {@code baseIndex} with the address {@code mac} */
    public boolean isPrivateMacvlan(int baseIndex, MacAddress mac) {
        return isMacvlan() && macvlanMode == Macvlan.MODE_PRIVATE && link.linkIndex() == baseIndex
                && mac.equals(link.mac());
    }
}
