package org.calpe.config.keepalived.cm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.calpe.config.api.model.Block;
import org.calpe.config.api.model.KeepalivedConfig;
import org.junit.jupiter.api.Test;

class ConfigTranslatorTest {
    private final ConfigTranslator translator = new ConfigTranslator();

    private KeepalivedConfig lvs(Model m) {
        Block vsg = m.block("virtual_server_group", List.of("WEB"), m.item("198.18.0.20", "80"),
                m.item("198.18.0.21", "80"));
        Block vs = m.block("virtual_server", List.of("198.18.0.10", "80"), m.set("delay_loop", 6),
                m.set("lvs_sched", "wrr"), m.set("protocol", "TCP"),
                m.set("sorry_server", new Object(), "198.18.1.99", "80"),
                m.set("notify_up", new Object(), "/bin/echo up"), m.set("quorum_up", new Object(), "/bin/echo a", "b"),
                m.block("real_server", List.of("198.18.1.1", "8080"), m.set("weight", 2),
                        m.block("HTTP_GET",
                                m.block("url", m.set("path", "/health check"), m.set("status_code", 200)),
                                m.block("url", m.set("path", "/"), m.set("digest", "9b3a")),
                                m.set("connect_timeout", 3)),
                        m.block("TCP_CHECK", m.set("connect_port", 8080)),
                        m.block("TCP_CHECK", m.set("connect_port", 8081))),
                m.block("real_server", List.of("198.18.1.2", "8080"), m.block("MISC_CHECK",
                        m.set("misc_path", "/usr/bin/true"))));
        Block fw = m.block("virtual_server", List.of("fwmark", "7"), m.set("protocol", "UDP"));
        Block grp = m.block("virtual_server", List.of("group", "WEB"));
        Block v6 = m.block("virtual_server", List.of("2001:db8::10", "443"),
                m.block("real_server", List.of("2001:db8::1", "443"), m.block("SSL_GET")));
        return m.config(m.block("global_defs", m.set("router_id", "calpe1"),
                m.block("notification_email", m.item("ops@example.invalid"), m.item("noc@example.invalid"))),
                m.block("static_ipaddress", m.item("198.18.5.1/24", "dev", "calpe0")),
                vsg, vs, fw, grp, v6);
    }

    @Test
    void topLevelSslBlockGoesToGlobal() {
        Model m = new Model();
        KeepalivedConfig c = m.config(m.block("SSL", m.set("password", "s3cret"), m.set("ca", "/etc/ca.pem"),
                m.set("certificate", "/etc/client.pem"), m.set("key", "/etc/client key.pem")));
        Map<String, Object> g = translator.translate(c).get("org.calpe.Global").properties();
        assertArrayEquals(new String[] {"password s3cret ca /etc/ca.pem certificate /etc/client.pem key \"/etc/client key.pem\""},
                (String[]) g.get("SSL"));
    }

    @Test
    void vrrpObjectsByName() {
        Model m = new Model();
        KeepalivedConfig c = m.config(m.instance("VI_1", 51, 150, "198.18.0.1"),
                m.block("vrrp_sync_group", List.of("G1"), m.block("group", m.item("VI_1"))),
                m.block("vrrp_script", List.of("chk-haproxy"), m.set("script", "/bin/true"), m.set("interval", 2)));
        Map<String, DesiredConfiguration> d = translator.translate(c);
        assertEquals(List.of("org.calpe.Global", "org.calpe.vrrp.Script~chk_haproxy", "org.calpe.vrrp.Instance~VI_1",
                "org.calpe.vrrp.SyncGroup~G1"), List.copyOf(d.keySet()));
        Map<String, Object> vi = d.get("org.calpe.vrrp.Instance~VI_1").properties();
        assertEquals("VI_1", vi.get("calpe.name"));
        assertEquals(51, vi.get("virtual_router_id"));
        assertEquals(150, vi.get("priority"));
        assertEquals("BACKUP", vi.get("state"));
        assertEquals(Boolean.TRUE, vi.get("nopreempt"));
        assertArrayEquals(new String[] {"198.18.0.1/24 dev calpe0 label calpe0:1"},
                (String[]) vi.get("virtual_ipaddress"));
        assertArrayEquals(new String[] {"auth_type PASS auth_pass s3cret"}, (String[]) vi.get("authentication"));
        assertEquals(Boolean.TRUE, vi.get("calpe.managed"));
        assertEquals("keepalived.conf:" + c.vrrpInstances().get(0).location().line(), vi.get("calpe.source"));
        assertEquals(64, ((String) vi.get("calpe.hash")).length());
        assertArrayEquals(new String[] {"VI_1"},
                (String[]) d.get("org.calpe.vrrp.SyncGroup~G1").properties().get("group"));
        assertEquals("chk-haproxy", d.get("org.calpe.vrrp.Script~chk_haproxy").properties().get("calpe.name"));
        assertEquals("org.calpe.vrrp.Instance", d.get("org.calpe.vrrp.Instance~VI_1").factoryPid());
        assertEquals(null, d.get("org.calpe.Global").factoryPid());
    }

    @Test
    void virtualRealServersAndCheckersAreLinked() {
        Map<String, DesiredConfiguration> d = translator.translate(lvs(new Model()));
        String vs = "org.calpe.lvs.VirtualServer~198.18.0.10_80_TCP";
        String rs = "org.calpe.lvs.RealServer~198.18.0.10_80_TCP__198.18.1.1_8080";
        assertTrue(d.containsKey(vs), d.keySet().toString());
        Map<String, Object> vsp = d.get(vs).properties();
        assertEquals("198.18.0.10", vsp.get("calpe.address"));
        assertEquals(80, vsp.get("calpe.port"));
        assertEquals(6, vsp.get("delay_loop"));
        assertEquals("198.18.1.99 80", vsp.get("sorry_server"));
        assertEquals("/bin/echo up", vsp.get("notify_up"), "one word is not quoted");
        assertEquals("\"/bin/echo a\" b", vsp.get("quorum_up"), "several words are, where needed");
        assertEquals("198.18.0.10:80/TCP", vsp.get("calpe.label"));
        assertFalse(vsp.containsKey("real_server"), "real servers are configurations of their own");

        Map<String, Object> rsp = d.get(rs).properties();
        assertEquals(vs, rsp.get("calpe.virtual_server"));
        assertEquals(2, rsp.get("weight"));
        assertEquals(8080, rsp.get("calpe.port"));
        assertFalse(rsp.containsKey("HTTP_GET"));

        Map<String, Object> http = d.get("org.calpe.check.HttpGet~198.18.0.10_80_TCP__198.18.1.1_8080__HTTP_GET_0")
                .properties();
        assertEquals(rs, http.get("calpe.real_server"));
        assertEquals(vs, http.get("calpe.virtual_server"));
        assertEquals(3, http.get("connect_timeout"));
        assertArrayEquals(new String[] {"path \"/health check\" status_code 200", "path / digest 9b3a"},
                (String[]) http.get("url"));
        assertEquals(8081, d.get("org.calpe.check.Tcp~198.18.0.10_80_TCP__198.18.1.1_8080__TCP_CHECK_1")
                .properties().get("connect_port"));
        assertTrue(d.containsKey("org.calpe.check.Misc~198.18.0.10_80_TCP__198.18.1.2_8080__MISC_CHECK_0"));

        Map<String, Object> fw = d.get("org.calpe.lvs.VirtualServer~fwmark_7_UDP").properties();
        assertEquals(7, fw.get("calpe.fwmark"));
        Map<String, Object> grp = d.get("org.calpe.lvs.VirtualServer~group_WEB_TCP").properties();
        assertEquals("WEB", grp.get("calpe.group"));
        assertArrayEquals(new String[] {"198.18.0.20 80", "198.18.0.21 80"},
                (String[]) grp.get("virtual_server_group"));
        assertTrue(d.containsKey(
                "org.calpe.check.SslGet~2001_db8__10_443_TCP__2001_db8__1_443__SSL_GET_0"), d.keySet().toString());
        assertEquals("[2001:db8::10]:443/TCP", d.get("org.calpe.lvs.VirtualServer~2001_db8__10_443_TCP")
                .properties().get("calpe.label"));

        Map<String, Object> g = d.get("org.calpe.Global").properties();
        assertEquals("calpe1", g.get("router_id"));
        assertArrayEquals(new String[] {"ops@example.invalid", "noc@example.invalid"},
                (String[]) g.get("notification_email"));
        assertArrayEquals(new String[] {"198.18.5.1/24 dev calpe0"}, (String[]) g.get("static_ipaddress"));
        d.keySet().forEach(pid -> assertFalse(pid.contains("-"), pid));
    }

    @Test
    void sameContentSameHashAndLineShiftsDoNotChangeIt() {
        Map<String, DesiredConfiguration> a = translator.translate(lvs(new Model()));
        Map<String, DesiredConfiguration> b = translator.translate(lvs(new Model().skip(40)));
        assertEquals(a.keySet(), b.keySet());
        for (String pid : a.keySet()) {
            assertEquals(a.get(pid).properties().get("calpe.hash"), b.get(pid).properties().get("calpe.hash"), pid);
            assertNotEquals(a.get(pid).properties().get("calpe.source"), b.get(pid).properties().get("calpe.source"),
                    pid);
        }
    }

    @Test
    void oneChangedValueChangesOnlyThatHash() {
        Model m1 = new Model();
        Model m2 = new Model();
        Map<String, DesiredConfiguration> a = translator.translate(
                m1.config(m1.instance("VI_1", 51, 150, "198.18.0.1"), m1.instance("VI_2", 52, 100, "198.18.0.2")));
        Map<String, DesiredConfiguration> b = translator.translate(
                m2.config(m2.instance("VI_1", 51, 151, "198.18.0.1"), m2.instance("VI_2", 52, 100, "198.18.0.2")));
        assertNotEquals(hash(a, "org.calpe.vrrp.Instance~VI_1"), hash(b, "org.calpe.vrrp.Instance~VI_1"));
        assertEquals(hash(a, "org.calpe.vrrp.Instance~VI_2"), hash(b, "org.calpe.vrrp.Instance~VI_2"));
    }

    @Test
    void typeIsPartOfTheHash() {
        Map<String, Object> p1 = Map.of("priority", 100);
        Map<String, Object> p2 = Map.of("priority", "100");
        assertNotEquals(ConfigTranslator.hash(p1), ConfigTranslator.hash(p2));
    }

    @Test
    void duplicateNamesAfterSanitisingAreMadeUnique() {
        Model m = new Model();
        Map<String, DesiredConfiguration> d = translator.translate(m.config(
                m.block("vrrp_script", List.of("chk-a"), m.set("script", "/bin/true")),
                m.block("vrrp_script", List.of("chk_a"), m.set("script", "/bin/false"))));
        assertTrue(d.containsKey("org.calpe.vrrp.Script~chk_a"));
        assertTrue(d.containsKey("org.calpe.vrrp.Script~chk_a_2"));
    }

    @Test
    void sanitiseKeepsLettersDigitsUnderscoreAndDot() {
        assertEquals("2001_db8__1_80_TCP", PidNames.sanitise("2001:db8::1:80/TCP"));
        assertEquals("VI_1", PidNames.sanitise("VI-1"));
        assertEquals("a_b", PidNames.sanitise("a~b"));
        assertEquals("_", PidNames.sanitise(""));
        assertEquals("caf_", PidNames.sanitise("caf\u00e9"));
    }

    @Test
    void quotingOfWords() {
        assertEquals("plain", Rendering.quote("plain"));
        assertEquals("\"two words\"", Rendering.quote("two words"));
        assertEquals("\"a\\\"b\"", Rendering.quote("a\"b"));
        assertEquals("\"\"", Rendering.quote(""));
        assertEquals("\"#x\"", Rendering.quote("#x"));
    }

    private static Object hash(Map<String, DesiredConfiguration> d, String pid) {
        return d.get(pid).properties().get("calpe.hash");
    }
}
