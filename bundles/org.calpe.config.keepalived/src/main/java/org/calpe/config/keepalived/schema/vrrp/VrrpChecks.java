package org.calpe.config.keepalived.schema.vrrp;

import org.calpe.config.api.model.TrackRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.calpe.config.api.model.Block;
import org.calpe.config.api.model.Item;
import org.calpe.config.api.model.Setting;
import org.calpe.config.keepalived.schema.ParseContext;
import org.calpe.config.keepalived.schema.ScriptSecurity;

/**
 * Checks over the whole configuration, run when parsing ends: every vrrp_instance (keepalived completes them
 * after reading everything, so global_defs may come last), sync group membership, duplicate VRIDs and script
 * security.
 */
final class VrrpChecks {
    private VrrpChecks() {
    }

    /** Records the global_defs settings that the VRRP checks depend on. */
    static void recordGlobals(Block g, ParseContext ctx) {
        VrrpRefs refs = VrrpRefs.of(ctx);
        refs.globalStrict |= g.flag("vrrp_strict");
        g.value("vrrp_version", Integer.class).ifPresent(v -> refs.globalVersion = v);
    }

    static void check(Block root, ParseContext ctx) {
        List<Block> instances = root.blocks("vrrp_instance").toList();
        Map<String, Block> byName = new HashMap<>();
        instances.forEach(i -> byName.putIfAbsent(i.name(), i));
        Map<String, Block> memberOf = syncGroups(root, ctx, byName);
        List<InstanceChecks.Summary> summaries = new ArrayList<>();
        for (Block inst : instances) {
            Block group = memberOf.get(inst.name());
            boolean weights = group != null && (group.flag("sync_group_tracking_weight")
                    || group.flag("global_tracking"));
            summaries.add(InstanceChecks.check(inst, ctx, group != null, weights));
        }
        duplicateVrids(summaries, ctx);
        List<Setting> inst = root.settings("instance").toList();
        for (int i = 1; i < inst.size(); i++) {
            ctx.error(inst.get(i).location(), "Duplicate instance definition %s - ignoring", inst.get(i).value());
        }
        List<Setting> ns = root.settings("net_namespace").toList();
        for (int i = 1; i < ns.size(); i++) {
            ctx.error(ns.get(i).location(), "Duplicate net_namespace definition %s - ignoring", ns.get(i).value());
        }
        removedScripts(root, ctx);
    }

    private static Map<String, Block> syncGroups(Block root, ParseContext ctx, Map<String, Block> instances) {
        Map<String, Block> memberOf = new HashMap<>();
        for (Block g : root.blocks("vrrp_sync_group").toList()) {
            List<Block> groupBlocks = g.blocks("group").toList();
            Set<String> names = new LinkedHashSet<>();
            if (!groupBlocks.isEmpty()) {
                groupBlocks.get(0).items().forEach(i -> names.add(i.words().get(0)));
            }
            List<String> members = new ArrayList<>();
            for (String n : names) {
                if (!instances.containsKey(n)) {
                    ctx.error(g.location(), "Virtual router %s specified in sync group %s doesn't exist - ignoring",
                            n, g.name());
                } else if (memberOf.containsKey(n)) {
                    ctx.error(g.location(), "Virtual router %s cannot exist in more than one sync group; ignoring %s",
                            n, g.name());
                } else {
                    members.add(n);
                }
            }
            if (members.isEmpty()) {
                ctx.error(g.location(), names.isEmpty() ? "Sync group %s has no virtual router(s). removing"
                        : "Sync group %s, no matching virtual router found in group declaration - removing", g.name());
                continue;
            }
            members.forEach(m -> memberOf.put(m, g));
            if (members.size() == 1) {
                ctx.error(g.location(), "Sync group %s has only 1 virtual router(s) - this probably isn't what you "
                        + "want", g.name());
            }
        }
        return memberOf;
    }

    private static void duplicateVrids(List<InstanceChecks.Summary> all, ParseContext ctx) {
        Set<String> seen = new HashSet<>();
        Map<String, InstanceChecks.Summary> first = new HashMap<>();
        for (InstanceChecks.Summary s : all) {
            if (s.vrid() == null || s.iface() == null || s.unicast()) {
                continue;
            }
            String key = s.iface() + "/" + s.family() + "/" + s.vrid() + "/" + (s.mcastDst() == null ? ""
                    : s.mcastDst());
            if (!seen.add(key)) {
                InstanceChecks.Summary o = first.get(key);
                ctx.error(s.location(), "%s and %s both use VRID %d with IPv%d on interface %s", o.name(), s.name(),
                        s.vrid(), s.family(), s.iface());
            } else {
                first.put(key, s);
            }
        }
    }

    /** track_script entries naming a vrrp_script that keepalived dropped because its user could not be set. */
    private static void removedScripts(Block root, ParseContext ctx) {
        Set<String> removed = ScriptSecurity.removedVrrpScripts(root, ctx);
        if (removed.isEmpty()) {
            return;
        }
        java.util.stream.Stream.concat(root.blocks("vrrp_instance"), root.blocks("vrrp_sync_group"))
                .flatMap(b -> b.blocks("track_script").flatMap(Block::items).map(i -> java.util.Map.entry(b, i)))
                .filter(e -> removed.contains(((TrackRef) e.getValue().value()).name()))
                .forEach(e -> ctx.error(e.getValue().location(), "(%s) track script %s not found, ignoring...",
                        e.getKey().name(), ((TrackRef) e.getValue().value()).name()));
    }

    /** The items of a block, for tests and callers that only need entries. */
    static List<Item> items(Block b) {
        return b.items().toList();
    }
}
