package org.calpe.config.api.model;

import java.util.List;

/**
 * One entry of {@code virtual_routes} or {@code static_routes}, in {@code ip route add} syntax.
 *
 * @param words the canonical words ({@code gw} written as {@code via})
 * @param family 4 or 6 (4 when nothing says otherwise, as keepalived)
 * @param dev the top-level {@code dev}, or null
 * @param tracked false when {@code no_track} is given
 */
public record RouteEntry(List<String> words, int family, String dev, boolean tracked) {
    public RouteEntry {
        words = List.copyOf(words);
    }
}
