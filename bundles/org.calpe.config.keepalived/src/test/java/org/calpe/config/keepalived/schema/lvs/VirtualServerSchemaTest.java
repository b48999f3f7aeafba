package org.calpe.config.keepalived.schema.lvs;

import org.calpe.config.api.model.Forwarding;
import org.calpe.config.api.model.ServerAddress;
import org.calpe.config.api.model.VsgEntry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.calpe.config.api.model.Block;
import org.calpe.config.api.model.Item;
import org.calpe.config.keepalived.schema.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** virtual_server, real_server, sorry server and virtual_server_group: typed values and line-order rules. */
class VirtualServerSchemaTest {
    @TempDir
    Path dir;

    @Test
    void typedVirtualServer() throws IOException {
        LvsFixture f = LvsFixture.parse(dir, "virtual_server 198.18.0.1 80 {\n delay_loop 2.5\n lb_algo sh\n"
                + " sh-port\n lb_kind TUN type gue port 6080 csum\n protocol tcp\n persistence_timeout\n"
                + " quorum 2\n sorry_server 198.18.9.9 80\n sorry_server_inhibit\n"
                + " real_server 198.18.1.1 80 {\n  weight 3\n }\n}\n");
        assertEquals(List.of(), f.messages());
        Block vs = f.virtualServer();
        assertEquals(List.of("198.18.0.1", "80"), vs.args());
        assertEquals(2_500_000L, vs.value("delay_loop", Long.class).orElseThrow());
        assertEquals("sh", vs.value("lvs_sched", String.class).orElseThrow(), "lb_algo is lvs_sched");
        assertEquals(new Forwarding("TUN", "gue", 6080, "csum"), vs.value("lvs_method", Forwarding.class).orElseThrow());
        assertEquals("TCP", vs.value("protocol", String.class).orElseThrow());
        assertEquals(360L, vs.value("persistence_timeout", Long.class).orElseThrow(), "default persistence");
        assertEquals(new ServerAddress("198.18.9.9", 80), vs.value("sorry_server", ServerAddress.class).orElseThrow());
        assertTrue(vs.flag("sorry_server_inhibit"));
        assertEquals(3L, f.realServer().value("weight", Long.class).orElseThrow());
    }

    @Test
    void schedulerFlagsDependOnTheSchedulerBeforeThem() throws IOException {
        LvsFixture f = LvsFixture.parse(dir, "virtual_server 198.18.0.1 80 {\n sh-port\n lvs_sched sh\n"
                + " sh-fallback\n lvs_method NAT\n protocol TCP\n real_server 198.18.1.1 80 {\n }\n}\n");
        assertEquals(List.of("sh-port only applies to sh scheduler - ignoring"), f.messages());
        assertTrue(f.virtualServer().flag("sh-fallback"));
        assertFalse(f.virtualServer().setting("sh-port").isPresent());
    }

    @Test
    void sorryKeywordsNeedASorryServerFirst() throws IOException {
        LvsFixture f = LvsFixture.parse(dir, "virtual_server 198.18.0.1 80 {\n lvs_sched rr\n lvs_method NAT\n"
                + " protocol TCP\n sorry_server_inhibit\n sorry_server_lvs_method DR\n"
                + " real_server 198.18.1.1 80 {\n }\n}\n");
        assertEquals(List.of("Ignoring sorry_server inhibit used before or without sorry_server",
                "sorry_server forwarding used without sorry_server"), f.messages());
    }

    @Test
    void badTunnelOptionsKeepTheMethod() throws IOException {
        LvsFixture f = LvsFixture.parse(dir, "virtual_server 198.18.0.1 80 {\n lvs_sched rr\n"
                + " lvs_method TUN type ipip csum\n protocol TCP\n real_server 198.18.1.1 80 {\n }\n}\n");
        assertEquals(List.of("ipip tunnels do not support checksum option."), f.messages());
        assertEquals("TUN", f.virtualServer().value("lvs_method", Forwarding.class).orElseThrow().method());
    }

    @Test
    void invalidAddressesSkipTheWholeBlock() throws IOException {
        LvsFixture f = LvsFixture.parse(dir, "virtual_server 198.18.0.300 80 {\n lvs_sched nonsense\n}\n");
        assertEquals(List.of("Invalid virtual server IP address/port 198.18.0.300/80 - skipping"), f.messages());
        assertEquals(0, f.root.blocks("virtual_server").count());
    }

    @Test
    void fwmarkAndGroupVirtualServers() throws IOException {
        LvsFixture f = LvsFixture.parse(dir, "virtual_server_group G {\n 198.18.0.1-10 80\n 198.18.4.8/29 80\n"
                + " 2001:db8::1 443\n fwmark 7 inet\n}\nvirtual_server group G {\n lvs_sched rr\n lvs_method NAT\n"
                + " protocol TCP\n real_server 198.18.1.1 80 {\n }\n}\n"
                + "virtual_server fwmark 9 {\n lvs_sched rr\n lvs_method DR\n real_server 198.18.1.2 {\n }\n}\n");
        assertEquals(List.of(), f.messages());
        Block vsg = f.root.block("virtual_server_group").orElseThrow();
        List<VsgEntry> entries = vsg.items().map(Item::value).map(VsgEntry.class::cast).toList();
        assertEquals(new VsgEntry("198.18.0.1", "10", null, 80, null, null), entries.get(0));
        assertEquals(29, entries.get(1).prefix());
        assertTrue(entries.get(2).ipv6());
        assertEquals(new VsgEntry(null, null, null, null, 7L, "inet"), entries.get(3));
        assertEquals(List.of("group", "G"), f.root.blocks("virtual_server").findFirst().orElseThrow().args());
        assertEquals(List.of("fwmark", "9"), f.root.blocks("virtual_server").skip(1).findFirst().orElseThrow().args());
    }

    @Test
    void groupEntriesWithKeepalivedsMessages() throws IOException {
        LvsFixture f = LvsFixture.parse(dir, "virtual_server_group G {\n 198.18.0.20-10 80\n 198.18.0.1-300 80\n"
                + " 198.18.0.1/33 80\n fwmark x\n fwmark 1 inet7\n}\n");
        assertEquals(List.of(
                "Address range end is not greater than address range start - 198.18.0.20-10 - skipping",
                "Virtual server group range '198.18.0.1-300' end '300' too large",
                "Invalid netmask - 198.18.0.1/33 - skipping",
                "invalid number 'x'",
                "(G): fwmark 'x' must be in [0, 4294967295] - ignoring",
                "(G): fwmark '1' family inet7 unknown - ignoring",
                "virtual server group G has no entries - removing"), f.messages());
    }

    @Test
    void duplicateScriptsAreIgnoredAndScriptsAreRegistered() throws IOException {
        LvsFixture f = LvsFixture.parse(dir, "virtual_server 198.18.0.1 80 {\n lvs_sched rr\n lvs_method NAT\n"
                + " protocol TCP\n quorum_up \"/bin/up arg\" nobody\n quorum_up /bin/other\n"
                + " real_server 198.18.1.1 80 {\n  notify_down /bin/down\n"
                + "  MISC_CHECK {\n   misc_path \"/bin/check -x\"\n   user root wheel\n  }\n }\n}\n");
        assertEquals(List.of("((null)) quorum_up script already specified - ignoring /bin/other"), f.messages());
        List<Scripts.Script> scripts = f.ctx.state(Scripts.class, Scripts::new).all();
        assertEquals(3, scripts.size());
        assertEquals("/bin/up arg", scripts.get(0).commandLine());
        assertEquals("nobody", scripts.get(0).user());
        assertEquals("[198.18.0.1]:80", scripts.get(0).owner());
        assertEquals("notify_down script", scripts.get(1).kind());
        assertEquals("MISC_CHECK", scripts.get(2).kind());
        assertEquals("/bin/check -x", scripts.get(2).commandLine());
        assertEquals("root", scripts.get(2).user());
        assertEquals("wheel", scripts.get(2).group());
    }

    @Test
    void diagnosticsCarryFileLineAndColumn() throws IOException {
        LvsFixture f = LvsFixture.parse(dir, LvsFixture.vs("  weight -3"));
        var d = f.diagnostics().get(0);
        assertEquals(6, d.location().line());
        assertEquals(10, d.location().column());
        assertTrue(d.location().file().endsWith("t.conf"));
        assertEquals("negative number '-3'", d.message());
        assertEquals("Real server weight -3 is outside range 0-2147483647", f.diagnostics().get(1).message());
    }
}
