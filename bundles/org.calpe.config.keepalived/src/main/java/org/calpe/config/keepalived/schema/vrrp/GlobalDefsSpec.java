package org.calpe.config.keepalived.schema.vrrp;

import static org.calpe.config.keepalived.schema.vrrp.VrrpValues.atLeastOne;
import static org.calpe.config.keepalived.schema.vrrp.VrrpValues.decimal;
import static org.calpe.config.keepalived.schema.vrrp.VrrpValues.integer;
import static org.calpe.config.keepalived.schema.vrrp.VrrpValues.longInteger;

import java.util.List;

import org.calpe.config.api.model.Block;
import org.calpe.config.api.model.Setting;
import org.calpe.config.keepalived.schema.BlockSpec;
import org.calpe.config.keepalived.schema.ParseContext;
import org.calpe.config.keepalived.schema.ValueType;
import org.calpe.config.keepalived.schema.Values;

/** {@code global_defs} and the keywords that stand at the top level, as keepalived 2.2.7 reads them. */
final class GlobalDefsSpec {
    private static final long UINT_MAX = 4294967295L;

    private GlobalDefsSpec() {
    }

    static BlockSpec globalDefs() {
        ValueType gbool = GlobalValues.globalBool();
        BlockSpec.Builder b = BlockSpec.builder("global_defs")
                .keyword("process_names", Values.flag())
                .keyword("process_name", processName())
                .keyword("vrrp_process_name", processName())
                .keyword("checker_process_name", processName())
                .alias("lvs_process_name", "checker_process_name")
                .keyword("bfd_process_name", processName())
                .block(BlockSpec.builder("notification_email").items(TrackItems.name())
                        .validator(GlobalDefsSpec::emailBlock).build())
                .keyword("notification_email_from", Values.string("emailfrom missing - ignoring"))
                .keyword("smtp_server", GlobalValues.smtpServer())
                .keyword("smtp_helo_name", Values.optionalString())
                .keyword("smtp_connect_timeout", atLeastOne(4294, "smtp_connect_timeout '%s' must be in [0, 4294] - "
                        + "ignoring", "smtp_conect_timeout must be greater than 0, setting to 1"), 30)
                .keyword("smtp_alert", gbool)
                .keyword("smtp_alert_vrrp", gbool)
                .keyword("smtp_alert_checker", gbool)
                .keyword("checker_log_all_failures", gbool)
                .keyword("no_email_faults", Values.flag())
                // Calpe only (org.calpe.alert.smtp); keepalived 2.2.7 rejects these keywords
                .keyword("smtp_starttls", Values.oneOf("off", "on", "required"))
                .keyword("smtp_tls_ca", Values.string("%k requires a PEM file name - ignoring"))
                .keyword("smtp_auth_user", Values.string("%k requires a user name - ignoring"))
                .keyword("smtp_auth_password", Values.string("%k requires a password - ignoring"))
                .keyword("smtp_queue_max", integer(1, 1000000, "smtp_queue_max '%s' must be in [1, 1000000] - "
                        + "ignoring"))
                .keyword("router_id", Values.string("routerid name missing - ignoring"))
                .keyword("vrrp_mcast_group4", VrrpValues.multicast(4), "224.0.0.18")
                .keyword("vrrp_mcast_group6", VrrpValues.multicast(6), "ff02::12")
                .keyword("default_interface", Values.string("default_interface requires interface name"), "eth0")
                .keyword("lvs_sync_daemon", GlobalValues.lvsSyncDaemon())
                .keyword("lvs_timeouts", GlobalValues.lvsTimeouts())
                .keyword("lvs_flush", Values.flag())
                .keyword("lvs_flush_on_stop", GlobalValues.optionalWord("VS", "Unknown lvs_flush_on_stop type %s"))
                .alias("lvs_flush_onstop", "lvs_flush_on_stop")
                .keyword("vrrp_garp_master_delay", integer(0, UINT_MAX / 1000000,
                        "vrrp_garp_master_delay '%s' invalid - ignoring"), 5)
                .keyword("vrrp_garp_master_repeat", atLeastOne(UINT_MAX, "vrrp_garp_master_repeat '%s' invalid - "
                        + "ignoring", "vrrp_garp_master_repeat must be greater than 0, setting to 1"), 5)
                .keyword("vrrp_garp_lower_prio_delay", integer(0, UINT_MAX / 1000000,
                        "vrrp_garp_lower_prio_delay '%s' invalid - ignoring"))
                .keyword("vrrp_garp_lower_prio_repeat", integer(0, Integer.MAX_VALUE,
                        "Invalid vrrp_garp_lower_prio_repeat '%s'"))
                .keyword("vrrp_garp_master_refresh", integer(0, UINT_MAX, "Invalid vrrp_garp_master_refresh '%s' - "
                        + "ignoring"), 0)
                .keyword("vrrp_garp_master_refresh_repeat", atLeastOne(UINT_MAX, "vrrp_garp_master_refresh_repeat "
                        + "'%s' invalid - ignoring", "vrrp_garp_master_refresh_repeat must be greater than 0, "
                        + "setting to 1"), 1)
                .keyword("vrrp_garp_interval", decimal(0, 2147.483647, "vrrp_garp_interval '%s' is invalid"), 0.0)
                .keyword("vrrp_gna_interval", decimal(0, 2147.483647, "vrrp_gna_interval '%s' is invalid"), 0.0)
                .keyword("vrrp_down_timer_adverts", integer(1, 100, "Invalid vrrp_down_timer_adverts [1:100] '%s'"), 3)
                .keyword("vrrp_min_garp", gbool)
                .keyword("vrrp_garp_extra_if", GlobalValues.garpExtraIf(1))
                .keyword("vrrp_lower_prio_no_advert", gbool)
                .keyword("vrrp_higher_prio_send_advert", gbool)
                .keyword("vrrp_version", integer(2, 3, "VRRP Error: Version must be either 2 or 3"), 2)
                .keyword("vrrp_iptables", GlobalValues.words((st, ctx) -> {
                    ctx.error(st.location(), "iptables not supported, using nftables instead. Please replace "
                            + "'vrrp_iptables and 'vrrp_ipsets' with 'nftables' config option");
                    return true;
                }))
                .keyword("nftables", Values.words())
                .keyword("nftables_priority", VrrpValues.integer(Integer.MIN_VALUE, Integer.MAX_VALUE,
                        "invalid nftables chain priority '%s'"))
                .keyword("nftables_counters", Values.flag())
                .keyword("nftables_ifindex", Values.flag())
                .keyword("nftables_ipvs", Values.words())
                .keyword("nftables_ipvs_priority", VrrpValues.integer(Integer.MIN_VALUE, Integer.MAX_VALUE,
                        "invalid ipvs nftables chain priority '%s'"))
                .keyword("nftables_ipvs_start_fwmark", longInteger(0, UINT_MAX,
                        "invalid ipvs nftables start_fwmark '%s'"), 1000L)
                .keyword("vrrp_check_unicast_src", Values.flag())
                .keyword("vrrp_skip_check_adv_addr", Values.flag())
                .keyword("vrrp_strict", Values.flag())
                .keyword("vrrp_notify_priority_changes", gbool)
                .keyword("max_auto_priority", GlobalValues.maxAutoPriority())
                .keyword("min_auto_priority_delay", Values.requiredOrError(integer(1, 10000000,
                        "min_auto_priority_delay '%s' must be in [1, 10000000] - ignoring"),
                        "min_auto_priority_delay requires delay time"))
                .keyword("snmp_socket", Values.string("SNMP error : snmp socket name missing"))
                .keyword("enable_traps", Values.flag())
                .keyword("enable_snmp_vrrp", Values.flag())
                .alias("enable_snmp_keepalived", "enable_snmp_vrrp")
                .keyword("enable_snmp_rfc", Values.flag())
                .keyword("enable_snmp_rfcv2", Values.flag())
                .keyword("enable_snmp_rfcv3", Values.flag())
                .keyword("enable_snmp_checker", Values.flag())
                .keyword("enable_dbus", Values.flag())
                .keyword("dbus_service_name", Values.string("dbus_service_name missing - ignoring"))
                .keyword("script_user", GlobalValues.words(GlobalDefsSpec::scriptUser))
                .keyword("enable_script_security", Values.flag())
                .keyword("notify_fifo", GlobalValues.fifo())
                .keyword("notify_fifo_script", Values.scriptWithUser("No %k specified"))
                .keyword("vrrp_notify_fifo", GlobalValues.fifo())
                .keyword("vrrp_notify_fifo_script", Values.scriptWithUser("No %k specified"))
                .keyword("lvs_notify_fifo", GlobalValues.fifo())
                .keyword("lvs_notify_fifo_script", Values.scriptWithUser("No %k specified"))
                .keyword("fifo_write_vrrp_states_on_reload", Values.flag())
                .keyword("dynamic_interfaces", GlobalValues.optionalWord("allow_if_changes",
                        "Unknown dynamic_interfaces option '%s'"))
                .keyword("rs_init_notifies", gbool)
                .keyword("no_checker_emails", gbool)
                .keyword("vrrp_rx_bufs_policy", GlobalValues.rxBufsPolicy())
                .keyword("vrrp_rx_bufs_multiplier", Values.requiredOrError(longInteger(1, UINT_MAX,
                        "Invalid vrrp_rx_bufs_multiplier %s"), "Invalid vrrp_rx_bufs_multiplier"), 3L)
                .keyword("umask", GlobalValues.umask())
                .keyword("vrrp_startup_delay", decimal(0, 2147.483647, "vrrp_startup_delay '%s' is invalid"))
                .keyword("log_unknown_vrids", Values.flag())
                .keyword("vmac_prefix", Values.string(), "vrrp")
                .keyword("vmac_addr_prefix", Values.string())
                .keyword("random_seed", longInteger(0, UINT_MAX, "random_seed %s invalid"))
                .keyword("reload_check_config", Values.words())
                .keyword("reload_time_file", Values.string("reload_time_file invalid %s"))
                .keyword("reload_repeat", Values.flag())
                .keyword("reload_file", Values.words())
                .keyword("include_check", GlobalValues.includeCheck())
                .keyword("config_save_dir", Values.string())
                .keyword("tmp_config_directory", Values.string("%k missing directory name"))
                .keyword("data_use_instance", gbool)
                .keyword("startup_script", Values.scriptWithUser("startup script missing"))
                .keyword("startup_script_timeout", Values.requiredOrError(integer(1, 1000,
                        "startup_script_timeout '%s' must be in [1, 1000] - ignoring"), "%k requires value"), 10)
                .keyword("shutdown_script", Values.scriptWithUser("shutdown script missing"))
                .keyword("shutdown_script_timeout", Values.requiredOrError(integer(1, 1000,
                        "shutdown_script_timeout '%s' must be in [1, 1000] - ignoring"), "%k requires value"), 10)
                .keyword("disable_local_igmp", Values.flag())
                .validator(GlobalDefsSpec::scriptsOnce)
                .validator(GlobalDefsSpec::smtpAuth)
                .validator(VrrpChecks::recordGlobals);
        for (String p : List.of("vrrp", "checker", "bfd")) {
            b.keyword(p + "_priority", Values.requiredOrError(integer(-20, 19, "Invalid " + p
                    + " process priority specified"), "No " + p + " process priority specified"))
                    .keyword(p + "_no_swap", Values.flag())
                    .keyword(p + "_rt_priority", GlobalValues.rtPriority(p))
                    .keyword(p + "_cpu_affinity", GlobalValues.cpuAffinity(p))
                    .keyword(p + "_rlimit_rttime", longInteger(1, UINT_MAX, "Invalid " + p + " real-time limit - %s"),
                            10000L)
                    .alias(p + "_rlimit_rtime", p + "_rlimit_rttime");
        }
        for (String p : List.of("vrrp_netlink_cmd", "vrrp_netlink_monitor", "lvs_netlink_cmd",
                "lvs_netlink_monitor", "process_monitor")) {
            b.keyword(p + "_rcv_bufs", Values.requiredOrError(longInteger(0, UINT_MAX, p + "_rcv_bufs size (%s) "
                    + "invalid"), "%k size missing"))
                    .keyword(p + "_rcv_bufs_force", gbool);
        }
        return b.build();
    }

    /** Keywords outside any block. */
    static void topLevel(BlockSpec.Builder root) {
        root.keyword("linkbeat_use_polling", Values.flag())
                .keyword("child_wait_time", integer(0, UINT_MAX, "Invalid child_wait_time %s"), 5)
                .keyword("use_pid_dir", Values.flag())
                .keyword("namespace_with_ipsets", Values.flag())
                .keyword("instance", Values.string("instance name missing - ignoring"))
                .keyword("net_namespace", Values.string("net_namespace name missing - ignoring"));
    }

    /** A process name: at most 15 characters, longer ones are truncated with keepalived's complaint. */
    private static ValueType processName() {
        return Values.required(Values.text((st, ctx) -> {
            String w = st.arg(0);
            if (w.length() > 15) {
                ctx.error(st.location(), "Process name %s more than 15 characters, truncating", w);
                return w.substring(0, 15);
            }
            return w;
        }));
    }


    /** The user is resolved by the shared script security, which reports an unknown one. */
    private static boolean scriptUser(org.calpe.config.keepalived.schema.Statement st, ParseContext ctx) {
        if (st.args().isEmpty()) {
            ctx.error(st.location(), "No script username specified");
            return false;
        }
        return true;
    }

    private static void emailBlock(Block block, ParseContext ctx) {
        if (block.items().findAny().isEmpty()) {
            ctx.warning(block.location(), "Warning - empty notification_email block");
        }
    }

    /** Calpe's SMTP AUTH keywords: a password needs a user, a user without a password logs in with an empty one. */
    private static void smtpAuth(Block block, ParseContext ctx) {
        boolean user = block.settings("smtp_auth_user").findAny().isPresent();
        block.settings("smtp_auth_password").findFirst().filter(s -> !user).ifPresent(s -> ctx.warning(
                s.location(), "smtp_auth_password without smtp_auth_user - no SMTP authentication"));
        block.settings("smtp_auth_user").findFirst()
                .filter(s -> block.settings("smtp_auth_password").findAny().isEmpty())
                .ifPresent(s -> ctx.warning(s.location(), "smtp_auth_user without smtp_auth_password - using an "
                        + "empty password"));
    }

    private static void scriptsOnce(Block block, ParseContext ctx) {
        for (String kw : ScriptRegistration.GLOBAL) {
            block.settings(kw).findFirst().ifPresent(s -> ScriptRegistration.register(s, kw, "", ctx));
        }
        for (String kw : List.of("startup_script", "shutdown_script")) {
            List<Setting> s = block.settings(kw).toList();
            for (int i = 1; i < s.size(); i++) {
                ctx.error(s.get(i).location(), "%s script already specified", kw.substring(0, kw.indexOf('_')));
            }
        }
        List<Setting> inst = block.settings("instance").toList();
        for (int i = 1; i < inst.size(); i++) {
            ctx.error(inst.get(i).location(), "Duplicate instance definition %s - ignoring", inst.get(i).value());
        }
    }
}
