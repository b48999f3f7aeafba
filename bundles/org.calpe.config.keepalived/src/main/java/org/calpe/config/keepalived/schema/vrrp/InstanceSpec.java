package org.calpe.config.keepalived.schema.vrrp;

import static org.calpe.config.keepalived.schema.vrrp.VrrpValues.atLeastOne;
import static org.calpe.config.keepalived.schema.vrrp.VrrpValues.bool;
import static org.calpe.config.keepalived.schema.vrrp.VrrpValues.integer;

import java.net.InetAddress;
import java.util.List;

import org.calpe.config.api.Severity;
import org.calpe.config.keepalived.schema.BlockSpec;
import org.calpe.config.keepalived.schema.ParseContext;
import org.calpe.config.keepalived.schema.Statement;
import org.calpe.config.keepalived.schema.ValueType;
import org.calpe.config.keepalived.schema.Values;

/** The {@code vrrp_instance} block as keepalived 2.2.7 reads it. */
final class InstanceSpec {
    static final long UINT_MAX = 4294967295L;
    static final int AUTH_PASS_MAX = 8;

    private InstanceSpec() {
    }

    static BlockSpec instance() {
        return BlockSpec.builder("vrrp_instance")
                .args(objectName("vrrp_instance must have a name", "vrrp instance %s already defined",
                        r -> r.instances))
                .keyword("use_vmac", VmacValues.useVmac())
                .keyword("use_vmac_addr", Values.flag())
                .keyword("vmac_xmit_base", Values.flag())
                .keyword("use_ipvlan", VmacValues.useIpvlan())
                .block(list("unicast_peer", TrackItems.unicastPeer()))
                .keyword("unicast_fault_no_peer", Values.flag())
                .keyword("check_unicast_src", Values.flag())
                .keyword("old_unicast_checksum", GlobalValues.optionalWord("never",
                        "Unknown old_unicast_chksum mode %s - ignoring"))
                .keyword("native_ipv6", Values.flag())
                .keyword("state", state(), "BACKUP")
                .keyword("interface", iface())
                .keyword("vrf", vrf())
                .keyword("dont_track_primary", Values.flag())
                .block(list("track_interface", TrackItems.of(TrackItems.Kind.INTERFACE)))
                .block(list("track_script", TrackItems.of(TrackItems.Kind.SCRIPT)))
                .block(list("track_file", TrackItems.of(TrackItems.Kind.FILE)))
                .block(list("track_process", TrackItems.of(TrackItems.Kind.PROCESS)))
                .block(list("track_bfd", TrackItems.of(TrackItems.Kind.BFD)))
                .keyword("mcast_src_ip", srcAddress())
                .keyword("unicast_src_ip", srcAddress())
                .keyword("mcast_dst_ip", mcastDst())
                .keyword("track_src_ip", Values.flag())
                .keyword("virtual_router_id", integer(1, 255, "VRID '%s' not valid - must be between 1 & 255"))
                .keyword("unicast_ttl", integer(0, 255, "TTL '%s' not valid - must be between 0 & 255"))
                .keyword("version", integer(2, 3, "Version must be either 2 or 3"))
                .keyword("priority", integer(1, 255, "Priority not valid! must be between 1 & 255. Using default 100"),
                        100)
                .keyword("advert_int", VrrpValues.decimal(0.01, 255,
                        "Advert interval (%s) not valid! Must be > 0 - ignoring"), 1.0)
                .block(list("virtual_ipaddress", AddressItems.of(AddressItems.Kind.VIP)))
                .block(list("virtual_ipaddress_excluded", AddressItems.of(AddressItems.Kind.EVIP)))
                .keyword("promote_secondaries", Values.flag())
                .keyword("linkbeat_use_polling", Values.deprecatedFlag("'linkbeat_use_polling' in vrrp instance deprecated - "
                        + "use linkbeat_interfaces block"))
                .block(list("virtual_routes", RouteItems.of(false)))
                .block(list("virtual_rules", RuleItems.of(false)))
                .keyword("accept", Values.flag())
                .keyword("no_accept", Values.flag())
                .keyword("skip_check_adv_addr", bool("invalid skip_check_adv_addr %s specified"))
                .keyword("strict_mode", bool("invalid strict_mode %s specified"))
                .keyword("preempt", Values.flag())
                .keyword("nopreempt", Values.flag())
                .keyword("preempt_delay", VrrpValues.decimal(0, 1000,
                        "Preempt_delay not valid! must be between 0-1000"), 0.0)
                .keyword("debug", integer(0, 4, "Debug value '%s' not valid; must be between 0-4"), 0)
                .keyword("notify_backup", Values.scriptWithUser())
                .keyword("notify_master", Values.scriptWithUser())
                .keyword("notify_fault", Values.scriptWithUser())
                .keyword("notify_stop", Values.scriptWithUser())
                .keyword("notify_deleted", Values.words())
                .keyword("notify", Values.scriptWithUser())
                .keyword("notify_master_rx_lower_pri", Values.scriptWithUser())
                .keyword("smtp_alert", bool("Invalid vrrp_instance smtp_alert parameter %s"))
                .keyword("notify_priority_changes", bool("Invalid value '%s' for notify_priority_changes specified"))
                .keyword("lvs_sync_daemon_interface", reportingString("Specifying lvs_sync_daemon_interface against "
                        + "a vrrp is deprecated.", "Please use global lvs_sync_daemon"))
                .keyword("garp_master_delay", integer(0, UINT_MAX / 1000000, "garp_master_delay '%s' invalid - "
                        + "ignoring"))
                .keyword("garp_master_refresh", integer(0, UINT_MAX, "Invalid garp_master_refresh '%s' - ignoring"))
                .keyword("garp_master_repeat", atLeastOne(UINT_MAX, "garp_master_repeat '%s' invalid - ignoring",
                        "garp_master_repeat must be greater than 0, setting to 1"))
                .keyword("garp_master_refresh_repeat", atLeastOne(UINT_MAX, "garp_master_refresh_repeat '%s' invalid "
                        + "- ignoring", "garp_master_refresh_repeat must be greater than 0, setting to 1"))
                .keyword("garp_lower_prio_delay", integer(0, UINT_MAX / 1000000, "garp_lower_prio_delay '%s' invalid "
                        + "- ignoring"))
                .keyword("garp_lower_prio_repeat", integer(0, Integer.MAX_VALUE, "Invalid garp_lower_prio_repeat '%s'"))
                .keyword("down_timer_adverts", integer(1, 100, "Invalid down_timer_adverts [1:100] '%s'"), 3)
                .keyword("garp_extra_if", GlobalValues.garpExtraIf(0))
                .alias("vmac_garp_intvl", "garp_extra_if", Severity.WARNING,
                        "Keyword \"vmac_garp_intvl\" is deprecated - please use \"garp_extra_if\"")
                .keyword("lower_prio_no_advert", bool("invalid lower_prio_no_advert %s specified"))
                .keyword("higher_prio_send_advert", bool("invalid higher_prio_send_advert %s specified"))
                .keyword("kernel_rx_buf_size", Values.requiredOrError(VrrpValues.longInteger(0, UINT_MAX,
                        "invalid kernel_rx_buf_size specified"), "invalid kernel_rx_buf_size specified"))
                .block(BlockSpec.builder("authentication")
                        .keyword("auth_type", authType())
                        .keyword("auth_pass", authPass())
                        .build())
                .validator((b, ctx) -> ScriptRegistration.notifies(b, ctx, ScriptRegistration.NOTIFY))
                .build();
    }

    static BlockSpec list(String name, org.calpe.config.keepalived.schema.ItemType items) {
        return BlockSpec.builder(name).items(items).build();
    }

    /** Block name argument: required, unique among blocks of its kind (duplicates are skipped). */
    static ValueType objectName(String missing, String duplicate,
            java.util.function.Function<VrrpRefs, java.util.Set<String>> names) {
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                if (st.args().size() != 1) {
                    ctx.error(st.location(), "%s", missing);
                    return ValueType.INVALID;
                }
                String n = st.arg(0);
                if (!names.apply(VrrpRefs.of(ctx)).add(n)) {
                    ctx.error(st.location(), duplicate, n);
                    return ValueType.INVALID;
                }
                return n;
            }

            @Override
            public List<String> render(Object value) {
                return List.of((String) value);
            }
        };
    }

    private static ValueType state() {
        return Values.required(new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                String w = st.arg(0);
                if ("MASTER".equals(w) || "BACKUP".equals(w)) {
                    return w;
                }
                ctx.warning(st.location(), "unknown state '%s', defaulting to BACKUP", String.valueOf(w));
                return "BACKUP";
            }

            @Override
            public List<String> render(Object value) {
                return List.of((String) value);
            }
        });
    }

    private static ValueType iface() {
        return Values.required(Values.text((st, ctx) -> {
            String w = st.arg(0);
            if (w.length() >= 16) {
                ctx.error(st.location(), "Interface name '%s' too long - ignoring", w);
                return ValueType.INVALID;
            }
            if (w.equals("lo")) {
                ctx.error(st.location(), "cannot use a loopback interface (%s) for vrrp - ignoring", w);
                return ValueType.INVALID;
            }
            if (!ctx.interfaceExists(w)) {
                ctx.error(st.location(), "WARNING - interface %s for vrrp_instance doesn't exist", w);
                ctx.error(st.location(), "Non-existent interface specified in configuration");
            }
            return w;
        }));
    }

    /** vrf NAME: the VRF device to use instead of an interface (see the instance checks). */
    private static ValueType vrf() {
        return Values.required(Values.text((st, ctx) -> {
            String w = st.arg(0);
            if (w.length() >= 16) {
                ctx.error(st.location(), "VRF interface name '%s' too long - ignoring", w);
                return ValueType.INVALID;
            }
            return w;
        }));
    }

    private static ValueType srcAddress() {
        return VrrpValues.address("Configuration error: VRRP instance malformed src address[%s]. Skipping...");
    }

    private static ValueType mcastDst() {
        ValueType base = VrrpValues.address("malformed mcast dest address %s. Skipping...");
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                Object v = base.parse(st, ctx);
                if (v == INVALID) {
                    return v;
                }
                InetAddress a = Inet.parse((String) v);
                boolean ok = Inet.isV6(a) ? a.isMulticastAddress() && a.isMCLinkLocal() : a.isMulticastAddress();
                if (!ok) {
                    ctx.error(st.location(), "mcast_dst_ip %s not%s multicast. Skipping...", v,
                            Inet.isV6(a) ? " link-local" : "");
                    return ValueType.INVALID;
                }
                return v;
            }

            @Override
            public List<String> render(Object value) {
                return base.render(value);
            }
        };
    }


    private static ValueType reportingString(String message, String more) {
        ValueType base = Values.string();
        return new ValueType() {
            @Override
            public Object parse(Statement st, ParseContext ctx) {
                ctx.warning(st.location(), "%s", message);
                ctx.warning(st.location(), "%s", more);
                return base.parse(st, ctx);
            }

            @Override
            public List<String> render(Object value) {
                return base.render(value);
            }
        };
    }


    private static ValueType authType() {
        return Values.required(Values.text((st, ctx) -> {
            String w = st.arg(0);
            if ("PASS".equals(w) || "AH".equals(w)) {
                return w;
            }
            ctx.error(st.location(), "unknown authentication type '%s'", w);
            return ValueType.INVALID;
        }));
    }

    private static ValueType authPass() {
        return Values.required(Values.text((st, ctx) -> {
            String w = st.arg(0);
            if (w.length() > AUTH_PASS_MAX) {
                ctx.error(st.location(), "Truncating auth_pass to %d characters", AUTH_PASS_MAX);
                return w.substring(0, AUTH_PASS_MAX);
            }
            return w;
        }));
    }
}
