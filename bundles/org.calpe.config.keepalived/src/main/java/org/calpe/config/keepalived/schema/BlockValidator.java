package org.calpe.config.keepalived.schema;

import org.calpe.config.api.model.Block;

/**
 * Checks a block once it is read (required keywords, conflicts between keywords). A validator on the root
 * block sees the whole configuration and does the cross-object checks (references, duplicates).
 */
@FunctionalInterface
public interface BlockValidator {
    void validate(Block block, ParseContext context);
}
