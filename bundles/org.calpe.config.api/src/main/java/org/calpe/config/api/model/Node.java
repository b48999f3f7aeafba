package org.calpe.config.api.model;

import org.calpe.config.api.Location;

/** A line or block of the configuration. */
public sealed interface Node permits Setting, Item, Block {
    Location location();
}
