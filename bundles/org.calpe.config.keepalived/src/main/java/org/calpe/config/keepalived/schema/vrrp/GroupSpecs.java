package org.calpe.config.keepalived.schema.vrrp;

import java.util.List;
import java.util.Set;

import org.calpe.config.api.model.Block;
import org.calpe.config.api.model.Item;
import org.calpe.config.api.model.Setting;
import org.calpe.config.keepalived.schema.BlockSpec;
import org.calpe.config.keepalived.schema.ItemType;
import org.calpe.config.keepalived.schema.ParseContext;
import org.calpe.config.keepalived.schema.ValueType;
import org.calpe.config.keepalived.schema.Values;

/**
 * {@code vrrp_sync_group}, {@code garp_group}, {@code track_group}, {@code linkbeat_interfaces},
 * {@code interface_up_down_delays} and the static address/route/rule blocks.
 */
final class GroupSpecs {
    private static final Set<String> LINKBEAT = Set.of("MII", "ETHTOOL", "IOCTL");

    /** Interfaces that already have a garp_group. */
    static final class GarpInterfaces {
        final java.util.Set<String> names = new java.util.HashSet<>();
    }

    private GroupSpecs() {
    }

    static BlockSpec syncGroup() {
        return BlockSpec.builder("vrrp_sync_group")
                .args(InstanceSpec.objectName("vrrp_sync_group must have a name - skipping",
                        "vrrp sync group %s already defined", r -> r.syncGroups))
                .block(InstanceSpec.list("group", TrackItems.name()))
                .block(InstanceSpec.list("track_interface", TrackItems.of(TrackItems.Kind.INTERFACE)))
                .block(InstanceSpec.list("track_script", TrackItems.of(TrackItems.Kind.SCRIPT)))
                .block(InstanceSpec.list("track_file", TrackItems.of(TrackItems.Kind.FILE)))
                .block(InstanceSpec.list("track_process", TrackItems.of(TrackItems.Kind.PROCESS)))
                .block(InstanceSpec.list("track_bfd", TrackItems.of(TrackItems.Kind.BFD)))
                .keyword("notify_backup", Values.scriptWithUser())
                .keyword("notify_master", Values.scriptWithUser())
                .keyword("notify_fault", Values.scriptWithUser())
                .keyword("notify_stop", Values.scriptWithUser())
                .keyword("notify", Values.scriptWithUser())
                .keyword("smtp_alert", VrrpValues.bool("Invalid vrrp_group smtp_alert parameter %s"))
                .keyword("global_tracking", Values.deprecatedFlag("global_tracking is deprecated. Use "
                        + "track_interface/script/file on the sync group"))
                .keyword("sync_group_tracking_weight", Values.flag())
                .keyword("notify_priority_changes", VrrpValues.bool("Invalid value '%s' for sync group "
                        + "notify_priority_changes specified"))
                .validator(GroupSpecs::syncGroupDone)
                .build();
    }


    private static void syncGroupDone(Block b, ParseContext ctx) {
        ScriptRegistration.notifies(b, ctx, ScriptRegistration.NOTIFY);
        List<Block> groups = b.blocks("group").toList();
        for (int i = 1; i < groups.size(); i++) {
            ctx.error(groups.get(i).location(), "Group list already specified for sync group %s", b.name());
        }
        if (!groups.isEmpty() && groups.get(0).items().findAny().isEmpty()) {
            ctx.warning(groups.get(0).location(), "Warning - sync group %s has empty group block", b.name());
        }
        for (String kw : List.of("notify_backup", "notify_master", "notify_fault", "notify_stop", "notify")) {
            List<Setting> s = b.settings(kw).toList();
            for (int i = 1; i < s.size(); i++) {
                ctx.error(s.get(i).location(), "vrrp group %s: %s script already specified - ignoring %s", b.name(),
                        kw, String.join(" ", s.get(i).args()));
            }
        }
    }

    static BlockSpec garpGroup() {
        return BlockSpec.builder("garp_group")
                .keyword("garp_interval", VrrpValues.decimal(0, 2147.483647, "garp_group garp_interval '%s' invalid"))
                .keyword("gna_interval", VrrpValues.decimal(0, 2147.483647, "garp_group gna_interval '%s' invalid"))
                .keyword("interface", garpInterface())
                .block(BlockSpec.builder("interfaces").items((st, ctx) -> garpIf(st.name(), st, ctx)
                        ? new Item(List.of(st.name()), null, st.location()) : null)
                        .validator((blk, ctx) -> {
                            if (blk.items().findAny().isEmpty()) {
                                ctx.warning(blk.location(), "Warning - empty garp_group interfaces block");
                            }
                        }).build())
                .validator((blk, ctx) -> {
                    if (blk.setting("garp_interval").isEmpty() && blk.setting("gna_interval").isEmpty()) {
                        ctx.error(blk.location(), "garp group %d does not have any delay set - removing",
                                blk.block("interfaces").isPresent() ? 1 : 0);
                    }
                })
                .build();
    }

    private static ValueType garpInterface() {
        ValueType base = Values.string();
        return new ValueType() {
            @Override
            public Object parse(org.calpe.config.keepalived.schema.Statement st, ParseContext ctx) {
                Object v = base.parse(st, ctx);
                if (v == INVALID || !garpIf((String) v, st, ctx)) {
                    return INVALID;
                }
                return v;
            }

            @Override
            public List<String> render(Object value) {
                return base.render(value);
            }
        };
    }

    private static boolean garpIf(String name, org.calpe.config.keepalived.schema.Statement st, ParseContext ctx) {
        if (!ctx.interfaceExists(name)) {
            ctx.warning(st.location(), "WARNING - interface %s specified for garp_group doesn't exist", name);
            ctx.warning(st.location(), "Non-existent interface specified in configuration");
            return false;
        }
        if (!ctx.state(GarpInterfaces.class, GarpInterfaces::new).names.add(name)) {
            ctx.error(st.location(), "garp_group already specified for %s - ignoring", name);
            return false;
        }
        return true;
    }

    static BlockSpec trackGroup() {
        return BlockSpec.builder("track_group")
                .args(InstanceSpec.objectName("track_group must have a name - skipping",
                        "track_group %s already defined", r -> r.trackGroupNames))
                .block(InstanceSpec.list("group", TrackItems.name()))
                .validator((b, ctx) -> {
                    List<Block> groups = b.blocks("group").toList();
                    for (int i = 1; i < groups.size(); i++) {
                        ctx.error(groups.get(i).location(), "Group list already specified for sync group %s",
                                b.name());
                    }
                    if (groups.isEmpty() || groups.get(0).items().findAny().isEmpty()) {
                        ctx.error(b.location(), groups.isEmpty() ? "Static track group %s has no members - removing"
                                : "Warning - track group %s has empty group block", b.name());
                        return;
                    }
                    VrrpRefs.of(ctx).trackGroups.add(b.name());
                })
                .build();
    }

    static BlockSpec linkbeatInterfaces() {
        ItemType item = (st, ctx) -> {
            if (!ctx.interfaceExists(st.name())) {
                ctx.fatal(st.location(), "unknown interface %s specified for linkbeat interface", st.name());
                return null;
            }
            if (st.arg(0) != null && (!LINKBEAT.contains(st.arg(0)) || st.args().size() > 1)) {
                ctx.error(st.location(), "extra characters %s in linkbeat interface", st.arg(0));
            }
            return new Item(st.words().stream().map(w -> w.text()).toList(), null, st.location());
        };
        return BlockSpec.builder("linkbeat_interfaces").items(item).build();
    }

    static BlockSpec upDownDelays() {
        ItemType item = (st, ctx) -> {
            if (!ctx.interfaceExists(st.name())) {
                ctx.fatal(st.location(), "unknown interface %s specified for up/down delay", st.name());
                return null;
            }
            if (st.args().isEmpty()) {
                ctx.info(st.location(), "No timeouts specified for %s up/down delays", st.name());
                return null;
            }
            for (int i = 0; i < Math.min(2, st.args().size()); i++) {
                Double d = VrrpValues.decimalOrNull(st.arg(i));
                if (d == null) {
                    ctx.error(st.location(), "invalid number '%s'", st.arg(i));
                    return null;
                }
                if (d < 0 || d > 255) {
                    ctx.error(st.location(), "number '%s' outside range [0.000000, 255.000000]", st.arg(i));
                    return null;
                }
            }
            return new Item(st.words().stream().map(w -> w.text()).toList(), null, st.location());
        };
        return BlockSpec.builder("interface_up_down_delays").items(item).build();
    }

    static BlockSpec staticAddresses() {
        return InstanceSpec.list("static_ipaddress", AddressItems.of(AddressItems.Kind.STATIC));
    }

    static BlockSpec staticRoutes() {
        return InstanceSpec.list("static_routes", RouteItems.of(true));
    }

    static BlockSpec staticRules() {
        return InstanceSpec.list("static_rules", RuleItems.of(true));
    }
}
