package org.calpe.config.keepalived.schema.lvs;

import org.calpe.config.api.model.Forwarding;
import org.calpe.config.api.model.ServerAddress;
import org.calpe.config.api.model.VsgEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.calpe.config.api.model.Block;
import org.calpe.config.api.model.Item;
import org.calpe.config.api.model.Setting;
import org.calpe.config.keepalived.schema.BlockValidator;
import org.calpe.config.keepalived.schema.ParseContext;

/**
 * The checks keepalived makes on each virtual server once the configuration is read (check_data.c's
 * validation): address families of real and sorry servers, defaults it has to fill in (protocol, scheduler,
 * forwarding method: each is a warning that fails {@code keepalived -t}), ports that do not fit the
 * forwarding method, duplicate real servers, quorum against the total weight.
 */
final class VirtualServerCheck implements BlockValidator {
    @Override
    public void validate(Block root, ParseContext ctx) {
        Map<String, Block> groups = root.blocks("virtual_server_group")
                .collect(Collectors.toMap(Block::name, b -> b, (a, b) -> b));
        root.blocks("virtual_server").forEach(vs -> check(vs, groups.get(groupName(vs)), ctx));
    }

    /** A virtual_server_group must keep at least one entry, and cannot mix both families with bare fwmarks. */
    static void checkGroup(Block vsg, ParseContext ctx) {
        List<VsgEntry> entries = vsg.items().map(Item::value).filter(VsgEntry.class::isInstance)
                .map(VsgEntry.class::cast).toList();
        if (entries.isEmpty()) {
            ctx.error(vsg.location(), "virtual server group %s has no entries - removing", vsg.name());
            return;
        }
        boolean v4 = entries.stream().anyMatch(e -> !e.isFwmark() && !e.ipv6());
        boolean v6 = entries.stream().anyMatch(e -> !e.isFwmark() && e.ipv6());
        boolean bareMark = entries.stream().anyMatch(e -> e.isFwmark() && e.family() == null);
        if (v4 && v6 && bareMark) {
            ctx.error(vsg.location(), "virtual server group %s cannot have IPv4, IPv6 and fwmark without family"
                    + " - removing", vsg.name());
        }
    }

    private static String groupName(Block vs) {
        return vs.args().size() > 1 && vs.args().get(0).equals("group") ? vs.args().get(1) : null;
    }

    private void check(Block vs, Block group, ParseContext ctx) {
        List<String> a = vs.args();
        if (a.isEmpty()) {
            return;
        }
        boolean fwmark = a.get(0).equals("fwmark");
        boolean isGroup = a.get(0).equals("group");
        String name = describe(vs);
        Forwarding vsMethod = vs.value("lvs_method", Forwarding.class).orElse(null);

        Boolean family = null;
        if (!fwmark && !isGroup) {
            family = LvsAddresses.isIpv6(a.get(0));
        } else if (fwmark) {
            family = vs.value("ip_family", String.class).map("inet6"::equals).orElse(null);
        }
        List<Block> servers = new ArrayList<>();
        for (Block rs : vs.blocks("real_server").toList()) {
            boolean tunnel = method(rs, vsMethod).tunnel();
            boolean rsV6 = rs.args().isEmpty() ? false : LvsAddresses.isIpv6(rs.args().get(0));
            if (!tunnel && !isGroup) {
                if (family == null) {
                    family = rsV6;
                } else if (family != rsV6) {
                    ctx.error(rs.location(), "Address family of virtual server and real server %s don't match"
                            + " - skipping real server.", rs.args().get(0));
                    continue;
                }
            }
            servers.add(rs);
        }
        Optional<Setting> sorrySetting = vs.setting("sorry_server");
        ServerAddress sorry = sorrySetting.map(Setting::value).map(ServerAddress.class::cast).orElse(null);
        if (sorry != null && !isGroup) {
            Forwarding sm = vs.value("sorry_server_lvs_method", Forwarding.class).orElse(vsMethod);
            if ((sm == null || !sm.tunnel()) && family != null && family != sorry.ipv6()) {
                ctx.error(sorrySetting.get().location(), "Address family of virtual server and sorry server %s"
                        + " don't match - skipping sorry server.", sorry.address());
                sorry = null;
            }
        }

        if (servers.isEmpty()) {
            ctx.warning(vs.location(), "Virtual server %s has no real servers - ignoring", name);
            return;
        }
        if (fwmark && vs.flag("ha_suspend")) {
            ctx.warning(vs.location(), "Virtual server %s: cannot use ha_suspend with fwmarks - clearing ha_suspend",
                    name);
        }
        boolean hasAddresses = !fwmark && (!isGroup || group == null
                || group.items().map(Item::value).anyMatch(v -> v instanceof VsgEntry e && !e.isFwmark()));
        Optional<String> protocol = vs.value("protocol", String.class);
        if (fwmark && protocol.isPresent()) {
            ctx.warning(vs.setting("protocol").get().location(),
                    "Warning: Virtual server %s: protocol specified for fwmark - protocol will be ignored", name);
        } else if (hasAddresses && protocol.isEmpty()) {
            ctx.warning(vs.location(), "Virtual server %s: no protocol set - defaulting to UDP", name);
        }
        String proto = protocol.orElse("UDP");
        if (vs.flag("ops") && !fwmark && !proto.equals("UDP")) {
            ctx.warning(vs.setting("ops").get().location(),
                    "Virtual server %s: one packet scheduling requires UDP - resetting", name);
        }
        boolean persistent = vs.setting("persistence_timeout").isPresent()
                || vs.setting("persistence_granularity").isPresent();
        if (!persistent && hasAddresses && zeroPort(vs, group)) {
            ctx.warning(vs.location(), "Virtual server %s: zero port only valid for persistent services - setting",
                    name);
        }
        if (vs.setting("lvs_sched").isEmpty()) {
            ctx.warning(vs.location(), "Virtual server %s: no scheduler set, setting default 'wlc'", name);
        }
        if (vsMethod == null) {
            ctx.warning(vs.location(), "Virtual server %s: no forwarding method set, setting default NAT", name);
        }
        checkPorts(vs, servers, sorry, sorrySetting, fwmark, isGroup, vsMethod, name, ctx);
        checkDuplicates(servers, name, ctx);
        if (sorry != null) {
            checkSorryMatchesReal(vs, servers, sorry, name, ctx);
        }
        checkQuorum(vs, servers, name, ctx);
    }

    private static boolean zeroPort(Block vs, Block group) {
        List<String> a = vs.args();
        if (a.get(0).equals("group")) {
            return group != null && group.items().map(Item::value).anyMatch(v -> v instanceof VsgEntry e
                    && !e.isFwmark() && (e.port() == null || e.port() == 0));
        }
        return a.size() < 2 || a.get(1).equals("0");
    }

    private static Forwarding method(Block rs, Forwarding vsMethod) {
        return rs.value("lvs_method", Forwarding.class)
                .orElse(vsMethod != null ? vsMethod : new Forwarding("NAT", null, null, null));
    }

    private static ServerAddress address(Block rs) {
        List<String> a = rs.args();
        return new ServerAddress(a.get(0), a.size() > 1 ? Integer.valueOf(a.get(1)) : null);
    }

    private static void checkPorts(Block vs, List<Block> servers, ServerAddress sorry, Optional<Setting> sorrySetting,
            boolean fwmark, boolean isGroup, Forwarding vsMethod, String name, ParseContext ctx) {
        if (fwmark) {
            for (Block rs : servers) {
                ServerAddress r = address(rs);
                if (r.port() != null && r.port() != 0) {
                    ctx.warning(rs.location(), "WARNING - fwmark virtual server %s, real server %s has port specified"
                            + " - clearing", name, describe(r));
                }
            }
            if (sorry != null && sorry.port() != null && sorry.port() != 0) {
                ctx.warning(sorrySetting.get().location(), "WARNING - virtual server %s, sorry server has port"
                        + " specified - clearing", name);
            }
            return;
        }
        if (isGroup) {
            return;
        }
        int vsPort = vs.args().size() > 1 ? Integer.parseInt(vs.args().get(1)) : 0;
        for (Block rs : servers) {
            ServerAddress r = address(rs);
            if (!method(rs, vsMethod).method().equals("NAT") && r.port() != null && r.port() != vsPort) {
                ctx.warning(rs.location(), "WARNING - virtual server %s and real server %s ports don't match"
                        + " - resetting", name, describe(r));
            }
        }
        if (sorry != null) {
            Forwarding sm = vs.value("sorry_server_lvs_method", Forwarding.class).orElse(vsMethod);
            if (sm != null && !sm.method().equals("NAT") && sorry.port() != null && sorry.port() != vsPort) {
                ctx.warning(sorrySetting.get().location(), "WARNING - virtual server %s and sorry server ports"
                        + " don't match - resetting", name);
            }
        }
    }

    private static void checkDuplicates(List<Block> servers, String name, ParseContext ctx) {
        Set<ServerAddress> seen = new HashSet<>();
        for (Block rs : servers) {
            ServerAddress r = address(rs);
            if (!seen.add(r)) {
                ctx.warning(rs.location(), "VS %s: real server %s is duplicated - removing second rs", name,
                        describe(r));
            }
        }
    }

    private static void checkSorryMatchesReal(Block vs, List<Block> servers, ServerAddress sorry, String name,
            ParseContext ctx) {
        boolean sorryInhibit = vs.flag("sorry_server_inhibit");
        boolean vsInhibit = vs.flag("inhibit_on_failure");
        for (Block rs : servers) {
            ServerAddress r = address(rs);
            boolean samePort = sorry.port() == null || r.port() == null || sorry.port().equals(r.port());
            if (r.address().equalsIgnoreCase(sorry.address()) && samePort) {
                boolean rsInhibit = rs.value("inhibit_on_failure", Boolean.class).orElse(vsInhibit);
                if (rsInhibit != sorryInhibit) {
                    ctx.warning(rs.location(), "Virtual server %s: real server %s matches sorry server, but inhibit"
                            + " setting differs, %sing on sorry server", name, describe(r),
                            rsInhibit ? "sett" : "clear");
                }
            }
        }
    }

    private static void checkQuorum(Block vs, List<Block> servers, String name, ParseContext ctx) {
        long quorum = vs.value("quorum", Long.class).orElse(1L);
        long hysteresis = vs.value("hysteresis", Long.class).orElse(0L);
        long total = servers.stream().mapToLong(rs -> rs.value("weight", Long.class).orElse(1L)).sum();
        if (quorum > total) {
            ctx.warning(vs.location(), "Warning - quorum %d for %s exceeds total weight of real servers %d,"
                    + " reducing quorum to %d", quorum, name, total, total);
            quorum = total;
        }
        if (hysteresis >= quorum) {
            ctx.warning(vs.location(), "Virtual server %s: hysteresis %d >= quorum %d; setting hysteresis to %d",
                    name, hysteresis, quorum, quorum - 1 < 0 ? 4294967295L : quorum - 1);
        }
    }

    /** keepalived's FMT_VS: {@code [198.18.0.1]:tcp:80}, {@code FWM 3}, or the group name. */
    static String describe(Block vs) {
        List<String> a = vs.args();
        if (a.get(0).equals("fwmark")) {
            return "FWM " + a.get(1);
        }
        if (a.get(0).equals("group")) {
            return "[" + a.get(1) + "]";
        }
        String proto = vs.value("protocol", String.class).map(p -> p.toLowerCase(java.util.Locale.ROOT))
                .orElse("none");
        return "[" + a.get(0) + "]:" + proto + ":" + (a.size() > 1 ? a.get(1) : "0");
    }

    private static String describe(ServerAddress r) {
        return "[" + r.address() + "]:" + (r.port() == null ? "0" : r.port().toString());
    }
}
