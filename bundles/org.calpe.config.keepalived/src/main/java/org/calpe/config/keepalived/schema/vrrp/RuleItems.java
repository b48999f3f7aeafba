package org.calpe.config.keepalived.schema.vrrp;

import org.calpe.config.api.model.RuleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.calpe.config.api.Location;
import org.calpe.config.api.model.Item;
import org.calpe.config.keepalived.schema.ItemType;
import org.calpe.config.keepalived.schema.ParseContext;
import org.calpe.config.keepalived.schema.Statement;

/** Reads rule entries as keepalived 2.2.7's parse_rule (the checks that affect the verdict). */
final class RuleItems {
    private static final Set<String> VALUED = Set.of("tos", "dsfield", "fwmark", "realms", "suppress_prefixlength",
            "suppress_ifgroup", "tun_id", "protocol", "ipproto", "uidrange");
    private static final Set<String> ACTIONS = Set.of("blackhole", "unreachable", "prohibit", "nop", "l3mdev");
    private static final Set<String> FLAGS = Set.of("not", "no_track", "inet6", "inet");

    /** Preferences keepalived assigns to rules that have none, counting down from 16384. */
    static final class AutoPreference {
        private long next = 16384;

        long take() {
            return next--;
        }
    }

    private RuleItems() {
    }

    static ItemType of(boolean isStatic) {
        return (st, ctx) -> parse(isStatic, st, ctx);
    }

    private static Item parse(boolean isStatic, Statement st, ParseContext ctx) {
        List<String> w = new ArrayList<>();
        st.words().forEach(x -> w.add(x.text()));
        Location loc = st.location();
        List<String> out = new ArrayList<>();
        int family = 0;
        boolean action = false;
        boolean dev = false;
        boolean trackGroup = false;
        long preference = -1;
        for (int i = 0; i < w.size(); i++) {
            String k = w.get(i);
            String v = i + 1 < w.size() ? w.get(i + 1) : null;
            switch (k) {
                case "from", "to" -> {
                    i++;
                    if (v == null) {
                        ctx.error(loc, "Missing rule %s address", k);
                        return null;
                    }
                    if (!v.equals("all")) {
                        Inet.Prefix p = Inet.parsePrefix(v);
                        if (p == null) {
                            ctx.error(loc, "VRRP parsed invalid IP %s. skipping IP...", v);
                            ctx.error(loc, "Invalid rule %s address %s", k, v);
                            return null;
                        }
                        if (family != 0 && family != p.family()) {
                            ctx.error(loc, "Cannot mix IPv4 and IPv6 addresses for rule");
                            return null;
                        }
                        family = p.family();
                    }
                    out.add(k);
                    out.add(v);
                }
                case "table", "lookup" -> {
                    i++;
                    if (v == null || (VrrpValues.unsigned(v) == null && !RouteItems.TABLES.contains(v))) {
                        ctx.error(loc, "Routing table %s not found for rule", String.valueOf(v));
                        return null;
                    }
                    action = true;
                    out.add("table");
                    out.add(v);
                }
                case "goto" -> {
                    i++;
                    if (VrrpValues.unsigned(v) == null) {
                        ctx.error(loc, "Invalid target %s specified for goto", String.valueOf(v));
                        return null;
                    }
                    action = true;
                    out.add(k);
                    out.add(v);
                }
                case "preference", "priority", "order" -> {
                    i++;
                    Long n = VrrpValues.unsigned(v);
                    if (n == null || n > 0xffffffffL) {
                        ctx.error(loc, "Invalid rule preference %s specified", String.valueOf(v));
                        return null;
                    }
                    preference = n;
                    out.add("preference");
                    out.add(v);
                }
                case "iif", "oif", "dev" -> {
                    i++;
                    if (v == null) {
                        ctx.error(loc, "Missing rule %s interface", k);
                        return null;
                    }
                    if (!ctx.interfaceExists(v)) {
                        ctx.warning(loc, "WARNING - interface %s for rule doesn't exist", v);
                        ctx.warning(loc, "Non-existent interface specified in configuration");
                    }
                    if (!k.equals("oif")) {
                        dev = true;
                    }
                    out.add(k.equals("dev") ? "iif" : k);
                    out.add(v);
                }
                case "sport", "dport" -> {
                    i++;
                    if (v == null || !v.matches("[0-9]{1,5}-[0-9]{1,5}")) {
                        ctx.error(loc, "invalid %s range %s", k, String.valueOf(v));
                        return null;
                    }
                    out.add(k);
                    out.add(v);
                }
                case "track_group" -> {
                    i++;
                    if (!isStatic) {
                        ctx.error(loc, "track_group %s is not valid for a virtual rule", String.valueOf(v));
                        continue;
                    }
                    trackGroup = true;
                    VrrpRefs.trackGroupUse(ctx, String.valueOf(v), loc);
                    out.add(k);
                    out.add(String.valueOf(v));
                }
                default -> {
                    if (ACTIONS.contains(k)) {
                        action = true;
                        out.add(k);
                    } else if (FLAGS.contains(k)) {
                        if (k.equals("inet6")) {
                            family = 6;
                        }
                        out.add(k);
                    } else if (VALUED.contains(k) && v != null) {
                        i++;
                        out.add(k);
                        out.add(v);
                    } else {
                        ctx.error(loc, "Unknown rule option %s", k);
                        return null;
                    }
                }
            }
        }
        if (!action) {
            ctx.error(loc, "No action specified for rule - ignoring");
            return null;
        }
        if (isStatic && trackGroup && !dev) {
            ctx.error(loc, "Static rule cannot have track_group if dev/iif not specified");
        }
        if (preference < 0) {
            long assigned = ctx.state(AutoPreference.class, AutoPreference::new).take();
            ctx.warning(loc, "Rule has no preference specified - setting to %d. This is probably not what you want.",
                    assigned);
            // the runtime installs the rule with the preference keepalived chose, not the kernel's own default
            preference = assigned;
            out.add("preference");
            out.add(Long.toString(assigned));
        }
        RuleEntry e = new RuleEntry(out, family == 0 ? 4 : family, preference);
        return new Item(out, e, loc);
    }

}
