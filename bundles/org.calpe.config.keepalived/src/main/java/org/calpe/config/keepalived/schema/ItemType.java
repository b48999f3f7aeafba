package org.calpe.config.keepalived.schema;

import org.calpe.config.api.model.Item;

/**
 * How one entry of a list block (a line of {@code virtual_ipaddress}, {@code track_script}, …) is read.
 * The statement's keyword is the entry's first word. Returns null when keepalived would ignore the entry
 * (after reporting why). The item's words must be canonical: reading them again gives an equal item.
 */
@FunctionalInterface
public interface ItemType {
    Item parse(Statement statement, ParseContext context);
}
