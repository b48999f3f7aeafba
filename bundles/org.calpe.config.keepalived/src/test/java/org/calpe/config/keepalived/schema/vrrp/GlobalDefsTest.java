package org.calpe.config.keepalived.schema.vrrp;

import static org.calpe.config.keepalived.schema.vrrp.VrrpParsing.has;
import static org.calpe.config.keepalived.schema.vrrp.VrrpParsing.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.calpe.config.api.ParseResult;
import org.calpe.config.api.Severity;
import org.calpe.config.api.model.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobalDefsTest {
    @TempDir
    Path tmp;

    private ParseResult defs(String lines) {
        return parse(tmp, "global_defs {\n" + lines + "\n}\n");
    }

    @Test
    void typedGlobalValues() {
        ParseResult r = defs("router_id LVS_A\n smtp_connect_timeout 45\n vrrp_garp_interval 0.001\n"
                + " vrrp_version 3\n smtp_alert off\n vrrp_rlimit_rtime 500");
        assertEquals(0, r.exitCode(), () -> VrrpParsing.messages(r).toString());
        Block g = r.config().orElseThrow().globalDefs().orElseThrow();
        assertEquals("LVS_A", g.value("router_id", String.class).orElseThrow());
        assertEquals(45, g.value("smtp_connect_timeout", Integer.class).orElseThrow());
        assertEquals(0.001, g.value("vrrp_garp_interval", Double.class).orElseThrow());
        assertEquals(3, g.value("vrrp_version", Integer.class).orElseThrow());
        assertEquals(Boolean.FALSE, g.value("smtp_alert", Boolean.class).orElseThrow());
        // the old spelling is stored under the canonical keyword
        assertEquals(500L, g.value("vrrp_rlimit_rttime", Long.class).orElseThrow());
    }

    @Test
    void rangesAndMessages() {
        assertTrue(has(defs("vrrp_version 4"), Severity.ERROR, "Version must be either 2 or 3"));
        assertTrue(has(defs("smtp_connect_timeout 0"), Severity.ERROR, "setting to 1"));
        assertTrue(has(defs("vrrp_priority 30"), Severity.ERROR, "outside range [-20, 19]"));
        assertTrue(has(defs("vrrp_rt_priority 100"), Severity.WARNING, "greater than maximum 99"));
        assertTrue(has(defs("vrrp_mcast_group4 198.18.0.1"), Severity.ERROR, "is not multicast"));
        assertTrue(has(defs("umask IWGRP|IWALL"), Severity.ERROR, "Unknown umask bit IWALL"));
        assertTrue(has(defs("lvs_timeouts"), Severity.ERROR, "requires at least one option"));
        assertTrue(has(defs("notification_email {\n}"), Severity.WARNING, "empty notification_email block"));
        assertTrue(has(defs("router_idd x"), Severity.ERROR, "Unknown keyword 'router_idd'"));
        assertTrue(has(defs("vrrp_iptables"), Severity.ERROR, "iptables not supported"));
    }

    @Test
    void validFormsAreAccepted() {
        for (String line : List.of("umask 022", "umask 0x12", "umask IWGRP|IWOTH", "max_auto_priority",
                "max_auto_priority -1", "vrrp_rx_bufs_policy 65536", "lvs_flush_onstop", "smtp_server localhost",
                "vrrp_garp_extra_if all 100", "dynamic_interfaces allow_if_changes")) {
            ParseResult r = defs(line);
            assertEquals(0, r.exitCode(), () -> line + ": " + VrrpParsing.messages(r));
        }
    }

    @Test
    void topLevelKeywords() {
        ParseResult r = parse(tmp, "use_pid_dir\ninstance kad1\nchild_wait_time 7\n");
        assertEquals(0, r.exitCode(), () -> VrrpParsing.messages(r).toString());
        assertEquals(7, r.config().orElseThrow().root().value("child_wait_time", Integer.class).orElseThrow());
        assertTrue(has(parse(tmp, "instance a\ninstance b\n"), Severity.ERROR, "Duplicate instance definition b"));
    }

    @Test
    void unknownScriptUser() {
        assertTrue(has(defs("script_user nosuchuser_calpe"), Severity.ERROR, "Error setting global script uid/gid"));
    }
}
