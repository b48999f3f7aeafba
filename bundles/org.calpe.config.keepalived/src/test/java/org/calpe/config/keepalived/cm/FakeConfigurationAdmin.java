package org.calpe.config.keepalived.cm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** In-memory Config Admin with change counts and a log of every update and delete, for unit tests. */
final class FakeConfigurationAdmin implements ConfigurationAdmin {
    final Map<String, FakeConfiguration> store = new LinkedHashMap<>();
    final List<String> log = new ArrayList<>();

    @Override
    public Configuration createFactoryConfiguration(String factoryPid) {
        throw new UnsupportedOperationException("unnamed factory configurations are not used");
    }

    @Override
    public Configuration createFactoryConfiguration(String factoryPid, String location) {
        throw new UnsupportedOperationException("unnamed factory configurations are not used");
    }

    @Override
    public Configuration getConfiguration(String pid, String location) {
        return store.computeIfAbsent(pid, p -> new FakeConfiguration(p, null));
    }

    @Override
    public Configuration getConfiguration(String pid) {
        return getConfiguration(pid, null);
    }

    @Override
    public Configuration getFactoryConfiguration(String factoryPid, String name, String location) {
        return store.computeIfAbsent(factoryPid + "~" + name, p -> new FakeConfiguration(p, factoryPid));
    }

    @Override
    public Configuration getFactoryConfiguration(String factoryPid, String name) {
        return getFactoryConfiguration(factoryPid, name, null);
    }

    @Override
    public Configuration[] listConfigurations(String filter) throws InvalidSyntaxException {
        Filter f = filter == null ? null : FrameworkUtil.createFilter(filter);
        List<Configuration> out = new ArrayList<>();
        for (FakeConfiguration c : store.values()) {
            if (c.properties != null && (f == null || f.match(c.properties))) {
                out.add(c);
            }
        }
        return out.isEmpty() ? null : out.toArray(Configuration[]::new);
    }

    final class FakeConfiguration implements Configuration {
        final String pid;
        final String factoryPid;
        Hashtable<String, Object> properties;
        long changeCount;

        FakeConfiguration(String pid, String factoryPid) {
            this.pid = pid;
            this.factoryPid = factoryPid;
        }

        @Override
        public String getPid() {
            return pid;
        }

        @Override
        public Dictionary<String, Object> getProperties() {
            if (properties == null) {
                return null;
            }
            Hashtable<String, Object> copy = new Hashtable<>(properties);
            copy.put("service.pid", pid);
            if (factoryPid != null) {
                copy.put("service.factoryPid", factoryPid);
            }
            return copy;
        }

        @Override
        public Dictionary<String, Object> getProcessedProperties(ServiceReference<?> reference) {
            return getProperties();
        }

        @Override
        public void update(Dictionary<String, ?> props) {
            Hashtable<String, Object> copy = new Hashtable<>();
            for (Enumeration<String> e = props.keys(); e.hasMoreElements();) {
                String k = e.nextElement();
                copy.put(k, props.get(k));
            }
            properties = copy;
            changeCount++;
            log.add("update " + pid);
        }

        @Override
        public void delete() {
            store.remove(pid);
            log.add("delete " + pid);
        }

        @Override
        public String getFactoryPid() {
            return factoryPid;
        }

        @Override
        public void update() {
            changeCount++;
        }

        @Override
        public boolean updateIfDifferent(Dictionary<String, ?> props) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setBundleLocation(String location) {
        }

        @Override
        public String getBundleLocation() {
            return "?";
        }

        @Override
        public long getChangeCount() {
            return changeCount;
        }

        @Override
        public void addAttributes(ConfigurationAttribute... attrs) {
        }

        @Override
        public Set<ConfigurationAttribute> getAttributes() {
            return Set.of();
        }

        @Override
        public void removeAttributes(ConfigurationAttribute... attrs) {
        }
    }
}
