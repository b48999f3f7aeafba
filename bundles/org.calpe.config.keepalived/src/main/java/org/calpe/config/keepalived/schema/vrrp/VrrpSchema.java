package org.calpe.config.keepalived.schema.vrrp;

import org.calpe.config.keepalived.schema.BlockSpec;

/**
 * The VRRP side and global keywords of keepalived.conf(5) as keepalived 2.2.7 accepts them: {@code global_defs}
 * and the top-level keywords, static addresses/routes/rules and track groups, {@code track_file},
 * {@code vrrp_script}, {@code vrrp_track_process}, {@code bfd_instance}, {@code vrrp_sync_group},
 * {@code garp_group}, {@code linkbeat_interfaces}, {@code interface_up_down_delays} and {@code vrrp_instance},
 * with keepalived's messages and severities and the checks it makes once the whole file is read.
 */
public final class VrrpSchema {
    private VrrpSchema() {
    }

    /** Adds the blocks and checks of this area to the root grammar. */
    public static void register(BlockSpec.Builder root) {
        GlobalDefsSpec.topLevel(root);
        root.block(GlobalDefsSpec.globalDefs())
                .block(GroupSpecs.trackGroup())
                .block(GroupSpecs.staticAddresses())
                .block(GroupSpecs.staticRoutes())
                .block(GroupSpecs.staticRules())
                .block(GroupSpecs.linkbeatInterfaces())
                .block(GroupSpecs.upDownDelays())
                .block(ScriptSpecs.trackFile())
                .alias("vrrp_track_file", "track_file")
                .block(ScriptSpecs.vrrpScript())
                .block(ScriptSpecs.trackProcess())
                .block(ScriptSpecs.bfdInstance())
                .block(GroupSpecs.syncGroup())
                .block(GroupSpecs.garpGroup())
                .block(InstanceSpec.instance())
                .validator(VrrpChecks::check);
    }
}
