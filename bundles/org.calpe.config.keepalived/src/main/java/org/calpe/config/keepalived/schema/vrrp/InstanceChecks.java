package org.calpe.config.keepalived.schema.vrrp;

import org.calpe.config.api.model.IpAddressEntry;
import org.calpe.config.api.model.TrackRef;
import org.calpe.config.api.model.UnicastPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.calpe.config.api.Location;
import org.calpe.config.api.model.Block;
import org.calpe.config.api.model.Item;
import org.calpe.config.api.model.Node;
import org.calpe.config.api.model.Setting;
import org.calpe.config.keepalived.schema.ParseContext;

/**
 * The checks keepalived makes when it completes a vrrp_instance (vrrp_complete_instance and the block's end
 * handler): family, version, VIPs, strict mode, authentication, unicast, preemption, tracking weights.
 */
final class InstanceChecks {
    /** What the cross-instance checks need to know about an instance once checked. */
    record Summary(String name, String iface, int family, Integer vrid, boolean unicast, String mcastDst,
            int priority, Location location) {
    }

    private InstanceChecks() {
    }

    static Summary check(Block inst, ParseContext ctx, boolean inSyncGroup, boolean syncWeights) {
        VrrpRefs refs = VrrpRefs.of(ctx);
        String name = inst.name();
        Location loc = inst.location();
        int family = 0;
        List<Item> peers = new ArrayList<>();
        List<IpAddressEntry> vips = new ArrayList<>();
        for (Node n : inst.children()) {
            if (n instanceof Setting s) {
                switch (s.keyword()) {
                    case "mcast_src_ip", "unicast_src_ip" -> {
                        int f = Inet.family(Inet.parse((String) s.value()));
                        if (family == 0) {
                            family = f;
                        } else if (f != family) {
                            ctx.error(s.location(), "Configuration error: VRRP instance[%s] and src address[%s] MUST "
                                    + "be of the same family !!! Skipping...", name, s.value());
                        }
                    }
                    case "native_ipv6" -> {
                        if (family == 4) {
                            ctx.error(s.location(), "(%s) Cannot specify native_ipv6 with IPv4 addresses", name);
                        } else {
                            family = 6;
                        }
                    }
                    case "mcast_dst_ip" -> {
                        int f = Inet.family(Inet.parse((String) s.value()));
                        if (family == 0) {
                            family = f;
                        } else if (f != family) {
                            ctx.error(s.location(), "(%s) mcast dest address %s MUST match VRRP instance family. "
                                    + "Skipping...", name, s.value());
                        }
                    }
                    case "version" -> {
                        if (Integer.valueOf(2).equals(s.value()) && family == 6) {
                            ctx.error(s.location(), "(%s) vrrp_version 2 conflicts with configured or deduced "
                                    + "version 3; ignoring.", name);
                        }
                    }
                    default -> {
                    }
                }
            } else if (n instanceof Block b && b.keyword().equals("unicast_peer")) {
                for (Item i : b.items().toList()) {
                    UnicastPeer p = (UnicastPeer) i.value();
                    if (family == 0) {
                        family = p.family();
                    }
                    if (p.family() != family) {
                        ctx.error(i.location(), "Configuration error: VRRP instance[%s] and unicast peer address[%s] "
                                + "MUST be of the same family !!! Skipping...", name, p.address());
                    } else {
                        peers.add(i);
                    }
                }
            } else if (n instanceof Block b && b.keyword().equals("virtual_ipaddress")) {
                for (Item i : b.items().toList()) {
                    IpAddressEntry e = (IpAddressEntry) i.value();
                    if (family == 0) {
                        family = e.family();
                    }
                    if (e.family() != family) {
                        ctx.error(i.location(), "(%s): address family must match VRRP instance [%s/%d] - ignoring",
                                name, e.address(), e.prefix());
                    } else {
                        vips.add(e);
                    }
                }
            }
        }
        if (family == 0) {
            family = 4;
        }
        boolean strict = inst.value("strict_mode", Boolean.class).orElse(refs.globalStrict);
        int version = inst.value("version", Integer.class).orElse(family == 6 ? 3 : refs.globalVersion);
        if (family == 6) {
            version = 3;
        }
        int priority = inst.value("priority", Integer.class).orElse(100);
        boolean master = inst.value("state", String.class).map("MASTER"::equals).orElse(false);
        Optional<String> iface = inst.value("interface", String.class);
        Integer vrid = inst.value("virtual_router_id", Integer.class).orElse(null);
        boolean unicastKeyword = inst.setting("unicast_src_ip").isPresent()
                || inst.setting("check_unicast_src").isPresent() || inst.setting("old_unicast_checksum").isPresent()
                || inst.block("unicast_peer").isPresent();
        boolean faultNoPeer = inst.flag("unicast_fault_no_peer");
        boolean vmac = inst.setting("use_vmac").isPresent();
        boolean ipvlan = inst.setting("use_ipvlan").isPresent();
        double preemptDelay = inst.value("preempt_delay", Double.class).orElse(0.0);
        boolean nopreempt = nopreempt(inst);

        if (inst.settings("state").count() > 1) {
            List<Setting> st = inst.settings("state").toList();
            boolean sawMaster = false;
            for (Setting s : st) {
                if ("BACKUP".equals(s.value()) && sawMaster) {
                    ctx.error(s.location(), "(%s) state previously set as MASTER - ignoring BACKUP", name);
                    master = true;
                }
                sawMaster |= "MASTER".equals(s.value());
            }
        }
        if (inst.settings("use_ipvlan").count() > 1) {
            ctx.error(inst.settings("use_ipvlan").toList().get(1).location(), "(%s) use_ipvlan already specified",
                    name);
        }
        for (String kw : List.of("notify_backup", "notify_master", "notify_fault", "notify_stop", "notify",
                "notify_master_rx_lower_pri", "notify_deleted")) {
            List<Setting> s = inst.settings(kw).toList();
            for (int i = 1; i < s.size(); i++) {
                ctx.error(s.get(i).location(), "(%s) %s%s already specified - ignoring %s", name, kw,
                        kw.equals("notify_deleted") ? "" : " script", String.join(" ", s.get(i).args()));
            }
        }
        ipvlanFamily(inst, ctx, name, family);
        if (inst.setting("vrf").isPresent() && inst.setting("interface").isPresent()) {
            ctx.error(inst.setting("vrf").get().location(), "(%s) vrf can only be specified without interface - "
                    + "clearing", name);
        }

        if (vrid == null) {
            ctx.error(loc, "(%s) the virtual router id must be set", name);
        }
        if (iface.isEmpty()) {
            ctx.error(loc, "(%s) Unknown interface!", name);
        }
        if (vips.isEmpty()) {
            ctx.error(loc, strict ? "(%s) No VIP specified; at least one is required"
                    : "(%s) No VIP specified; at least one is sensible", name);
        } else if (strict && family == 6 && !vips.get(0).isLinkLocal()) {
            ctx.error(loc, "(%s) the first IPv6 VIP address must be link local", name);
        }
        if (strict && master && priority != 255) {
            ctx.error(loc, "(%s) State MASTER must match being address owner", name);
        }
        authentication(inst, ctx, name, strict, version, family, master);
        if (!peers.isEmpty()) {
            if (inst.setting("mcast_dst_ip").isPresent()) {
                ctx.error(loc, "(%s) multicast destination specified with unicast - ignoring", name);
            }
            if ((vmac || ipvlan) && !inst.flag("vmac_xmit_base")) {
                ctx.error(loc, "(%s) unicast with use_vmac requires vmac_xmit_base - setting", name);
            }
        } else {
            if (inst.setting("unicast_ttl").isPresent()) {
                ctx.error(inst.setting("unicast_ttl").get().location(),
                        "(%s): Cannot use unicast_ttl without unicast peers - resetting", name);
            }
            if (unicastKeyword && !faultNoPeer) {
                ctx.warning(loc, "(%s) A unicast keyword has been specified without any unicast peers. Defaulting to "
                        + "multicast. This usage is deprecated - please update your configuration.", name);
            }
        }
        if (inst.flag("vmac_xmit_base") && !vmac && !ipvlan) {
            ctx.error(loc, "(%s) vmac_xmit_base is only valid with a vmac", name);
        }
        if (nopreempt && priority == 255) {
            ctx.warning(loc, "(%s) nopreempt is incompatible with priority %d. resetting nopreempt", name, priority);
            nopreempt = false;
        }
        if (nopreempt && master) {
            ctx.warning(loc, "(%s) Warning - nopreempt will not work with initial state MASTER - clearing", name);
            nopreempt = false;
        }
        if (preemptDelay > 0) {
            if (master) {
                ctx.warning(loc, "(%s) Warning - preempt delay will not work with initial state MASTER - clearing", name);
            } else if (strict) {
                ctx.warning(loc, "(%s) preempt_delay is incompatible with strict mode - resetting", name);
            } else if (nopreempt) {
                ctx.warning(loc, "(%s) preempt_delay is incompatible with nopreempt mode - resetting", name);
            }
        }
        if (strict) {
            if (inst.value("down_timer_adverts", Integer.class).filter(v -> v != 3).isPresent()) {
                ctx.warning(loc, "(%s) down_timer_adverts is incompatible with strict mode - resetting", name);
            }
            if (inst.value("higher_prio_send_advert", Boolean.class).orElse(false)) {
                ctx.warning(loc, "(%s) strict mode requires higher_prio_send_advert to be clear. resetting", name);
            }
            if (inst.flag("accept") && version == 2) {
                ctx.warning(loc, "(%s) warning - accept mode for VRRP version 2 does not comply with RFC3768 - "
                        + "resetting", name);
            }
        }
        advert(inst, ctx, name, version);
        tracking(inst, ctx, name, iface.orElse(null), priority, inSyncGroup, syncWeights);
        String dst = inst.value("mcast_dst_ip", String.class).orElse(null);
        return new Summary(name, iface.orElse(null), family, vrid, !peers.isEmpty(), dst, priority, loc);
    }

    private static boolean nopreempt(Block inst) {
        boolean np = false;
        for (Setting s : inst.settings().toList()) {
            if (s.keyword().equals("nopreempt")) {
                np = true;
            } else if (s.keyword().equals("preempt")) {
                np = false;
            }
        }
        return np;
    }

    private static void ipvlanFamily(Block inst, ParseContext ctx, String name, int family) {
        Optional<Setting> ipvlan = inst.setting("use_ipvlan");
        if (ipvlan.isEmpty()) {
            return;
        }
        boolean haveAddress = false;
        for (String w : ipvlan.get().args()) {
            Inet.Prefix p = Inet.parsePrefix(w);
            if (p != null && p.family() != family) {
                ctx.error(ipvlan.get().location(), "(%s) ipvlan address[%s] MUST match vrrp instance family !!! "
                        + "Skipping...", name, w);
            } else if (p != null) {
                haveAddress = true;
            }
        }
        if (family == 4 && !haveAddress) {
            // the ipvlan interface needs its own IPv4 address; the instance's source address does not count
            ctx.error(inst.location(), "(%s) IPv4 ipvlan requires a source ip address to be configured. "
                    + "setting instance to fault state", name);
        }
    }

    private static void authentication(Block inst, ParseContext ctx, String name, boolean strict, int version,
            int family, boolean master) {
        Optional<Block> auth = inst.block("authentication");
        if (auth.isEmpty()) {
            return;
        }
        Location loc = inst.location();
        String type = auth.get().value("auth_type", String.class).orElse(null);
        if (type == null) {
            return;
        }
        if (strict) {
            ctx.error(loc, "(%s) Strict mode does not support authentication. Ignoring.", name);
        } else if (version == 3) {
            ctx.error(loc, "(%s) VRRP version 3 does not support authentication. Ignoring.", name);
        } else if (auth.get().setting("auth_pass").isEmpty()) {
            ctx.error(loc, "(%s) Authentication specified but no password given. Ignoring", name);
        } else if (type.equals("AH") && family == 6) {
            ctx.error(loc, "(%s) Cannot use AH authentication with IPv6. ignoring", name);
        } else if (type.equals("AH") && master) {
            ctx.warning(loc, "(%s) Initial state master is incompatible with AH authentication - clearing", name);
        }
    }

    private static void advert(Block inst, ParseContext ctx, String name, int version) {
        Optional<Double> adv = inst.value("advert_int", Double.class);
        if (adv.isEmpty()) {
            return;
        }
        double a = adv.get();
        Location loc = inst.location();
        if (version == 2) {
            if (a != Math.rint(a)) {
                ctx.error(loc, "(%s) VRRPv2 advertisement interval %fs must be an integer. rounding", name, a);
            }
        } else if (a >= 40.96) {
            ctx.error(loc, "(%s) VRRPv3 advertisement interval %.2fs is out of range. Must be less than 40.96s. "
                    + "Setting to 40.95s", name, a);
        } else if (Math.abs(a * 100 - Math.rint(a * 100)) > 1e-6) {
            ctx.error(loc, "(%s) VRRPv3 advertisement interval %fs must be in units of 10ms - rounding", name, a);
        }
    }

    private static void tracking(Block inst, ParseContext ctx, String name, String iface, int priority,
            boolean inSyncGroup, boolean syncWeights) {
        VrrpRefs refs = VrrpRefs.of(ctx);
        Location loc = inst.location();
        boolean owner = priority == 255;
        String why = owner ? "address_owner" : "SYNC group";
        boolean ignoreWeights = owner || (inSyncGroup && !syncWeights);
        for (Item i : items(inst, "track_interface")) {
            TrackRef r = (TrackRef) i.value();
            if (r.name().equals(iface)) {
                ctx.error(loc, "(%s) Ignoring track_interface %s since own interface", name, r.name());
            } else if (ignoreWeights && r.weighted()) {
                ctx.error(loc, "(%s) ignoring %s tracked interface weight due to %s", name, r.name(), why);
            }
        }
        weights(inst, ctx, "track_script", refs.scriptWeights, ignoreWeights,
                "(%s) ignoring tracked script %s with weights due to %s", name, why);
        weights(inst, ctx, "track_file", refs.fileWeights, ignoreWeights,
                "(%s) ignoring weight from tracked file %s due to %s. specify weight 0", name, why);
        weights(inst, ctx, "track_process", refs.processWeights, ignoreWeights,
                "(%s) ignoring weight from tracked process %s due to %s. specify weight 0", name, why);
        weights(inst, ctx, "track_bfd", refs.bfdWeights, ignoreWeights,
                "(%s) ignoring tracked bfd %s with weight due to %s", name, why);
    }

    private static void weights(Block inst, ParseContext ctx, String block, Map<String, Integer> defaults,
            boolean ignore, String message, String name, String why) {
        if (!ignore) {
            return;
        }
        for (Item i : items(inst, block)) {
            TrackRef r = (TrackRef) i.value();
            int w = r.weight() != null ? r.weight() : defaults.getOrDefault(r.name(), 0);
            if (w != 0) {
                ctx.error(inst.location(), message, name, r.name(), why);
            }
        }
    }

    static List<Item> items(Block inst, String block) {
        return inst.blocks(block).flatMap(Block::items).toList();
    }
}
