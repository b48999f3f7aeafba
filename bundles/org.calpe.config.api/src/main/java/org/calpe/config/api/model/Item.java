package org.calpe.config.api.model;

import java.util.List;
import java.util.Objects;

import org.calpe.config.api.Location;

/**
 * One entry of a list block, such as a line of {@code virtual_ipaddress} or {@code notification_email}.
 * {@code words} are the canonical words; {@code value} the parsed entry (a value record of this package, or
 * null when the words are the value). Equality ignores the location.
 */
public final class Item implements Node {
    private final List<String> words;
    private final Object value;
    private final Location location;

    public Item(List<String> words, Object value, Location location) {
        this.words = List.copyOf(words);
        this.value = value;
        this.location = Objects.requireNonNull(location, "location");
    }

    public List<String> words() {
        return words;
    }

    public Object value() {
        return value;
    }

    @Override
    public Location location() {
        return location;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Item i && (value != null ? value.equals(i.value) && i.value != null
                : i.value == null && words.equals(i.words));
    }

    @Override
    public int hashCode() {
        return value != null ? value.hashCode() : words.hashCode();
    }

    @Override
    public String toString() {
        return String.join(" ", words);
    }
}
