package org.calpe.lvs.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.calpe.check.api.CheckTarget;
import org.junit.jupiter.api.Test;

class SpecBuilderTest {
    private static final long S = 1_000_000L;

    @Test
    void targetInheritsFromRealServerThenVirtualServer() throws Exception {
        Map<String, Object> vs = Fixture.vs("connect_timeout", 7 * S, "delay_loop", 6 * S);
        Map<String, Object> rs = Fixture.rs("connect_timeout", 3 * S);
        Map<String, Object> c = Fixture.tcp(0);
        RealServerSpec spec = SpecBuilder.build("rs", vs, rs, List.of(c));
        CheckTarget t = spec.checks().get(0).target();
        assertEquals("[198.18.1.1]:tcp:80", t.name());
        assertEquals(InetAddress.getByName("198.18.1.1"), t.connectTo().getAddress());
        assertEquals(80, t.connectTo().getPort());
        assertEquals(Duration.ofSeconds(3), t.connectTimeout());
        assertNull(t.bindAddress());
        assertEquals("6000000", t.options().get("delay_loop"), "effective delay_loop in microseconds");
        assertEquals(6 * S, spec.checks().get(0).delayLoop());
        assertEquals("[198.18.0.10]:tcp:80", spec.virtualServer());

        spec = SpecBuilder.build("rs", vs, Fixture.rs(), List.of(c));
        assertEquals(Duration.ofSeconds(7), spec.checks().get(0).target().connectTimeout());
        spec = SpecBuilder.build("rs", Fixture.vs(), Fixture.rs(), List.of(c));
        assertEquals(Duration.ofSeconds(5), spec.checks().get(0).target().connectTimeout(), "keepalived's 5 s");
    }

    @Test
    void virtualhostOfTheRealAndVirtualServerReachesTheChecker() throws Exception {
        Map<String, Object> vs = Fixture.vs("virtualhost", "vs.example.invalid");
        Map<String, Object> rs = Fixture.rs("virtualhost", "rs.example.invalid");
        CheckTarget t = SpecBuilder.build("rs", vs, rs, List.of(Fixture.checker("HTTP_GET", 0, "rs")))
                .checks().get(0).target();
        assertEquals("rs.example.invalid", t.options().get("real_server.virtualhost"));
        assertEquals("vs.example.invalid", t.options().get("virtual_server.virtualhost"));
        t = SpecBuilder.build("rs", Fixture.vs(), Fixture.rs(), List.of(Fixture.checker("HTTP_GET", 0, "rs")))
                .checks().get(0).target();
        assertNull(t.options().get("real_server.virtualhost"));
        assertNull(t.options().get("virtual_server.virtualhost"));
    }

    @Test
    void checkerKeywordsAndConnectionOverrides() throws Exception {
        Map<String, Object> c = Fixture.checker("HTTP_GET", 0, "rs", "connect_ip", "198.18.3.3", "connect_port",
                8080L, "bindto", "198.18.0.1", "bind_port", 4000L, "connect_timeout", 1_500_000L, "url",
                new String[] {"path /health status_code 200", "path / digest 9b3a"}, "delay_loop", 2 * S,
                "fwmark", 9L);
        CheckTarget t = SpecBuilder.build("rs", Fixture.vs(), Fixture.rs(), List.of(c)).checks().get(0).target();
        assertEquals("[198.18.1.1]:tcp:80", t.name(), "logs name the real server, as keepalived's FMT_CHK");
        assertEquals(8080, t.connectTo().getPort());
        assertEquals(InetAddress.getByName("198.18.3.3"), t.connectTo().getAddress());
        assertEquals(InetAddress.getByName("198.18.0.1"), t.bindAddress());
        assertEquals(4000, t.bindPort());
        assertEquals(9, t.fwmark());
        assertEquals(Duration.ofMillis(1500), t.connectTimeout());
        assertEquals(List.of("path /health status_code 200", "path / digest 9b3a"), t.options().get("url"));
        assertEquals("8080", t.options().get("connect_port"));
        assertEquals("2000000", t.options().get("delay_loop"));
        assertEquals("10000000", t.options().get("virtual_server.delay_loop"),
                "the virtual server's own delay_loop, MISC_CHECK's default timeout in keepalived");
        assertEquals("0", t.options().get("warmup"));
        assertNull(t.options().get("calpe.checker"), "bookkeeping keys are not options");
    }

    @Test
    void namesAsKeepalivedPrintsThem() {
        Map<String, Object> vs6 = Fixture.map("calpe.address", "2001:db8::10", "calpe.port", 443, "protocol", "UDP");
        Map<String, Object> rs6 = Fixture.map("calpe.address", "2001:db8:0:0:0:0:0:1", "calpe.port", 443,
                "weight", 2L);
        RealServerSpec s = SpecBuilder.build("rs", vs6, rs6, List.of(Fixture.tcp(0)));
        assertEquals("[2001:db8::10]:udp:443", s.virtualServer());
        assertEquals("[2001:db8::1]:udp:443", s.realServer());
        assertEquals(2, s.weight());
        assertEquals("FWM 7", SpecBuilder.virtualServerName(Fixture.map("calpe.fwmark", 7, "protocol", "TCP")));
        assertEquals("[WEB]:0", SpecBuilder.virtualServerName(Fixture.map("calpe.group", "WEB")));
    }

    @Test
    void notifyScriptsSplitAsKeepalivedDoes() {
        RealServerSpec s = SpecBuilder.build("rs", Fixture.vs(), Fixture.rs("notify_up",
                "/usr/local/bin/rs.sh 'a b' \"c\"", "inhibit_on_failure", false), List.of(Fixture.tcp(0)));
        assertEquals(List.of("/usr/local/bin/rs.sh", "a b", "c"), s.notifyUp().orElseThrow().argv());
        assertEquals(false, s.inhibit());
        s = SpecBuilder.build("rs", Fixture.vs("inhibit_on_failure", true), Fixture.rs(), List.of(Fixture.tcp(0)));
        assertEquals(true, s.inhibit());
    }
}
