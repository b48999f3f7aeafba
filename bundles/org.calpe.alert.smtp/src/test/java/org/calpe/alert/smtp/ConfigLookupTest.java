package org.calpe.alert.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Per-object smtp_alert found in configurations laid out as config.keepalived's ConfigTranslator writes them. */
class ConfigLookupTest {
    private final List<Dictionary<String, Object>> configs = new ArrayList<>();

    private void add(String factoryPid, String pid, Map<String, Object> props) {
        Hashtable<String, Object> d = new Hashtable<>(props);
        d.put("service.factoryPid", factoryPid);
        d.put("service.pid", pid);
        configs.add(d);
    }

    private ConfigurationAdmin cm() {
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, m, args) -> {
                    if (!m.getName().equals("listConfigurations")) {
                        throw new UnsupportedOperationException(m.getName());
                    }
                    Filter f = FrameworkUtil.createFilter((String) args[0]);
                    List<Configuration> out = new ArrayList<>();
                    for (Dictionary<String, Object> d : configs) {
                        if (f.match(d)) {
                            out.add(configuration(d));
                        }
                    }
                    return out.isEmpty() ? null : out.toArray(Configuration[]::new);
                });
    }

    private static Configuration configuration(Dictionary<String, Object> d) {
        return (Configuration) Proxy.newProxyInstance(ConfigLookupTest.class.getClassLoader(),
                new Class<?>[] {Configuration.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getProperties" -> d;
                    case "getPid" -> d.get("service.pid");
                    case "getFactoryPid" -> d.get("service.factoryPid");
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void instancesGroupsAndServers() {
        add("org.calpe.vrrp.Instance", "org.calpe.vrrp.Instance~VI_1", Map.of("calpe.name", "VI_1", "smtp_alert",
                Boolean.FALSE));
        add("org.calpe.vrrp.Instance", "org.calpe.vrrp.Instance~VI_2", Map.of("calpe.name", "VI_2"));
        add("org.calpe.vrrp.SyncGroup", "org.calpe.vrrp.SyncGroup~G(1)", Map.of("calpe.name", "G(1)", "smtp_alert",
                Boolean.TRUE));
        add("org.calpe.lvs.VirtualServer", "org.calpe.lvs.VirtualServer~vs1", Map.of("calpe.address", "198.18.0.1",
                "calpe.port", 80, "protocol", "TCP", "smtp_alert", Boolean.FALSE));
        add("org.calpe.lvs.VirtualServer", "org.calpe.lvs.VirtualServer~fw", Map.of("calpe.fwmark", 7, "smtp_alert",
                Boolean.TRUE));
        add("org.calpe.lvs.RealServer", "org.calpe.lvs.RealServer~rs1", Map.of("calpe.address", "198.18.0.2",
                "calpe.port", 80, "calpe.virtual_server", "org.calpe.lvs.VirtualServer~vs1", "smtp_alert", Boolean.TRUE));
        add("org.calpe.lvs.RealServer", "org.calpe.lvs.RealServer~rs2", Map.of("calpe.address", "198.18.0.3",
                "calpe.port", 80, "calpe.virtual_server", "org.calpe.lvs.VirtualServer~vs1"));
        ConfigLookup l = new ConfigLookup(cm());
        assertEquals(Optional.of(false), l.instance("VI_1"));
        assertEquals(Optional.empty(), l.instance("VI_2"));
        assertEquals(Optional.empty(), l.instance("VI_9"));
        assertEquals(Optional.of(true), l.group("G(1)"), "names are escaped in the filter");
        assertEquals(Optional.of(false), l.virtualServer("[198.18.0.1]:tcp:80"));
        assertEquals(Optional.of(true), l.virtualServer("FWM 7"));
        assertEquals(Optional.of(true), l.realServer("[198.18.0.2]:tcp:80", "[198.18.0.1]:tcp:80"));
        assertEquals(Optional.empty(), l.realServer("[198.18.0.3]:tcp:80", "[198.18.0.1]:tcp:80"));
        assertEquals(Optional.empty(), l.realServer("[198.18.0.2]:tcp:80", "[198.18.0.9]:tcp:80"));
        // the whole chain: rs2 has none, its virtual server says off
        assertEquals(false, CheckerRules.enabled(GlobalSettings.from(Map.of("smtp_alert", Boolean.TRUE), "h", "u"), l,
                "[198.18.0.3]:tcp:80", "[198.18.0.1]:tcp:80"));
    }
}
