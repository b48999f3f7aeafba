package org.calpe.config.keepalived.schema;

/**
 * The whole keepalived.conf grammar: the root block with every top-level block kind. Each area registers its
 * blocks, keywords and cross-checks on the root builder (one line per area below).
 */
public final class KeepalivedSchema {
    private KeepalivedSchema() {
    }

    /** Builds the grammar; immutable and thread-safe once built, so build it once and share it. */
    public static BlockSpec root() {
        BlockSpec.Builder root = BlockSpec.builder("");
        // Registration: one line per area, e.g. VrrpSchema.register(root);
        org.calpe.config.keepalived.schema.vrrp.VrrpSchema.register(root);
        org.calpe.config.keepalived.schema.lvs.LvsSchema.register(root);
        root.validator(new ScriptSecurity());
        return root.build();
    }
}
