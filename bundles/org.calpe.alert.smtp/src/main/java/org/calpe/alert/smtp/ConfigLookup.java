package org.calpe.alert.smtp;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Locale;
import java.util.Optional;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-object smtp_alert from the configurations config.keepalived writes: {@code org.calpe.vrrp.Instance} /
 * {@code SyncGroup} by {@code calpe.name}; {@code org.calpe.lvs.VirtualServer} / {@code RealServer} by the name
 * keepalived prints for them ({@code [198.18.0.1]:tcp:80}, {@code FWM 7}), rebuilt from {@code calpe.address},
 * {@code calpe.port}, {@code calpe.fwmark} and {@code protocol}. Called on the alert thread only, never on the
 * event thread.
 */
final class ConfigLookup implements ObjectSwitches {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLookup.class);

    private final ConfigurationAdmin cm;

    ConfigLookup(ConfigurationAdmin cm) {
        this.cm = cm;
    }

    @Override
    public Optional<Boolean> instance(String name) {
        return byName("org.calpe.vrrp.Instance", name);
    }

    @Override
    public Optional<Boolean> group(String name) {
        return byName("org.calpe.vrrp.SyncGroup", name);
    }

    @Override
    public Optional<Boolean> virtualServer(String virtualServer) {
        return findVirtualServer(virtualServer).flatMap(c -> smtpAlert(c.getProperties()));
    }

    @Override
    public Optional<Boolean> realServer(String realServer, String virtualServer) {
        Optional<Configuration> vs = findVirtualServer(virtualServer);
        if (vs.isEmpty()) {
            return Optional.empty();
        }
        String proto = protocol(vs.get().getProperties());
        for (Configuration rs : list("(&(service.factoryPid=org.calpe.lvs.RealServer)(calpe.virtual_server="
                + escape(vs.get().getPid()) + "))")) {
            Dictionary<String, Object> p = rs.getProperties();
            if (realServer.equals(printed(p.get("calpe.address"), proto, p.get("calpe.port")))) {
                return smtpAlert(p);
            }
        }
        return Optional.empty();
    }

    private Optional<Configuration> findVirtualServer(String virtualServer) {
        for (Configuration c : list("(service.factoryPid=org.calpe.lvs.VirtualServer)")) {
            Dictionary<String, Object> p = c.getProperties();
            String name = p.get("calpe.fwmark") != null ? "FWM " + p.get("calpe.fwmark")
                    : printed(p.get("calpe.address"), protocol(p), p.get("calpe.port"));
            if (virtualServer.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private Optional<Boolean> byName(String factoryPid, String name) {
        for (Configuration c : list("(&(service.factoryPid=" + factoryPid + ")(calpe.name=" + escape(name) + "))")) {
            return smtpAlert(c.getProperties());
        }
        return Optional.empty();
    }

    private static Optional<Boolean> smtpAlert(Dictionary<String, Object> p) {
        return p == null ? Optional.empty() : Optional.ofNullable(GlobalSettings.bool(p.get("smtp_alert")));
    }

    private static String protocol(Dictionary<String, Object> p) {
        Object v = p == null ? null : p.get("protocol");
        return v == null ? "tcp" : v.toString().toLowerCase(Locale.ROOT);
    }

    /** keepalived's inet_sockaddrtotrio: {@code [addr]:proto:port}. */
    static String printed(Object address, String proto, Object port) {
        return "[" + address + "]:" + proto + ":" + (port == null ? 0 : port);
    }

    private Configuration[] list(String filter) {
        try {
            Configuration[] c = cm.listConfigurations(filter);
            return c == null ? new Configuration[0] : c;
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("cannot list configurations {}: {}", filter, e.getMessage());
            return new Configuration[0];
        }
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
