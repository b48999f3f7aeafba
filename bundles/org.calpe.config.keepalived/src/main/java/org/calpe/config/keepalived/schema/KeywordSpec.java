package org.calpe.config.keepalived.schema;

import java.util.Objects;

/**
 * A keyword that takes a value inside a block.
 *
 * @param name canonical spelling
 * @param type how the arguments are read and rendered
 * @param defaultValue keepalived's default when the keyword is absent, or null when there is none
 */
public record KeywordSpec(String name, ValueType type, Object defaultValue) {
    public KeywordSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
