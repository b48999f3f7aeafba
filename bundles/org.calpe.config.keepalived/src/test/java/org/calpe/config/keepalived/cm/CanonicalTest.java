package org.calpe.config.keepalived.cm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.calpe.config.api.model.Block;
import org.calpe.config.api.model.KeepalivedConfig;
import org.junit.jupiter.api.Test;

class CanonicalTest {
    @Test
    void equalKeysAndValuesAreOneInstanceAndContentIsUnchanged() {
        Canonical c = new Canonical();
        Map<String, Object> p1 = new LinkedHashMap<>();
        p1.put(new String("connect_timeout"), Long.valueOf(3_000_000L));
        p1.put("calpe.virtual_server", new String("org.calpe.lvs.VirtualServer~a"));
        p1.put("url", new String[] {new String("path /"), "status_code 200"});
        Map<String, Object> p2 = new LinkedHashMap<>();
        p2.put(new String("connect_timeout"), Long.valueOf(3_000_000L));
        p2.put("calpe.virtual_server", new String("org.calpe.lvs.VirtualServer~a"));
        p2.put("url", new String[] {new String("path /"), "status_code 200"});
        p2.put("port", 3_000_000); // an Integer equal in value to the Long stays an Integer
        DesiredConfiguration a = c.of(new DesiredConfiguration("f", "a", p1));
        DesiredConfiguration b = c.of(new DesiredConfiguration("f", "b", p2));
        assertEquals(new ArrayList<>(p1.keySet()), new ArrayList<>(a.properties().keySet()), "key order kept");
        String keyA = a.properties().keySet().iterator().next();
        String keyB = b.properties().keySet().iterator().next();
        assertSame(keyA, keyB);
        assertSame(a.properties().get("connect_timeout"), b.properties().get("connect_timeout"));
        assertSame(a.properties().get("calpe.virtual_server"), b.properties().get("calpe.virtual_server"));
        String[] ua = (String[]) a.properties().get("url");
        String[] ub = (String[]) b.properties().get("url");
        assertNotSame(ua, ub);
        assertSame(ua[0], ub[0]);
        assertArrayEquals(new String[] {"path /", "status_code 200"}, ub);
        assertEquals(Integer.class, b.properties().get("port").getClass());
    }

    @Test
    void translationSharesLinksBetweenRealServers() {
        Model m = new Model();
        Block vs = m.block("virtual_server", List.of("198.18.0.10", "80"),
                m.block("real_server", List.of("198.18.1.1", "80"), m.block("TCP_CHECK", m.set("connect_timeout", 3))),
                m.block("real_server", List.of("198.18.1.2", "80"), m.block("TCP_CHECK", m.set("connect_timeout", 3))));
        KeepalivedConfig config = m.config(vs);
        Map<String, DesiredConfiguration> out = new ConfigTranslator().translate(config);
        List<DesiredConfiguration> rs = out.values().stream().filter(d -> CmPids.REAL_SERVER.equals(d.factoryPid()))
                .toList();
        List<DesiredConfiguration> checks = out.values().stream()
                .filter(d -> "org.calpe.check.Tcp".equals(d.factoryPid())).toList();
        assertEquals(2, rs.size());
        assertEquals(2, checks.size());
        assertSame(rs.get(0).properties().get(CmPids.VIRTUAL_SERVER_PID),
                rs.get(1).properties().get(CmPids.VIRTUAL_SERVER_PID));
        assertSame(checks.get(0).properties().get(CmPids.CHECKER_TYPE),
                checks.get(1).properties().get(CmPids.CHECKER_TYPE));
        assertSame(checks.get(0).properties().get("connect_timeout"),
                checks.get(1).properties().get("connect_timeout"));
    }
}
