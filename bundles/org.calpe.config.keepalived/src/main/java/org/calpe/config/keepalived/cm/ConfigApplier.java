package org.calpe.config.keepalived.cm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.calpe.config.api.ApplyResult;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Brings Config Admin in line with the desired configurations: creates the new ones, updates only those whose
 * properties differ (compared value by value, not only by hash; {@link CmPids#SOURCE} is informational and not
 * compared, so a line shift elsewhere in the file does not touch an object), and deletes managed
 * configurations ({@link CmPids#MANAGED_FILTER}) that are no longer wanted. Configurations are bound to location
 * {@code "?"} so that whichever bundle implements them can receive them.
 */
public final class ConfigApplier {
    /** Keys Config Admin or File Install add, and keys not compared. */
    private static final Set<String> IGNORED = Set.of(Constants.SERVICE_PID, ConfigurationAdmin.SERVICE_FACTORYPID,
            ConfigurationAdmin.SERVICE_BUNDLELOCATION, "felix.fileinstall.filename", CmPids.SOURCE);

    private final ConfigurationAdmin cm;

    public ConfigApplier(ConfigurationAdmin cm) {
        this.cm = Objects.requireNonNull(cm, "cm");
    }

    public synchronized ApplyResult apply(Map<String, DesiredConfiguration> desired) throws IOException {
        Map<String, Configuration> existing = new HashMap<>();
        Configuration[] found;
        try {
            found = cm.listConfigurations(CmPids.MANAGED_FILTER);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (found != null) {
            for (Configuration c : found) {
                existing.put(c.getPid(), c);
            }
        }
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (Map.Entry<String, Configuration> e : existing.entrySet()) {
            if (!desired.containsKey(e.getKey())) {
                e.getValue().delete();
                deleted.add(e.getKey());
            }
        }
        int unchanged = 0;
        for (DesiredConfiguration d : desired.values()) {
            Configuration c = existing.get(d.pid());
            if (c == null) {
                c = d.factoryPid() == null ? cm.getConfiguration(d.name(), "?")
                        : cm.getFactoryConfiguration(d.factoryPid(), d.name(), "?");
                c.update(dictionary(d.properties()));
                created.add(d.pid());
            } else if (!sameContent(c.getProperties(), d.properties())) {
                c.update(dictionary(d.properties()));
                updated.add(d.pid());
            } else {
                unchanged++;
            }
        }
        return new ApplyResult(created, updated, deleted, unchanged);
    }

    /** Whether the stored properties equal the wanted ones, ignoring {@link #IGNORED} keys. */
    static boolean sameContent(Dictionary<String, Object> stored, Map<String, Object> wanted) {
        if (stored == null) {
            return false;
        }
        Map<String, Object> have = new HashMap<>();
        for (Enumeration<String> keys = stored.keys(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            if (!IGNORED.contains(k)) {
                have.put(k, stored.get(k));
            }
        }
        long wantedCount = wanted.keySet().stream().filter(k -> !IGNORED.contains(k)).count();
        if (have.size() != wantedCount) {
            return false;
        }
        for (Map.Entry<String, Object> e : have.entrySet()) {
            if (!Objects.deepEquals(e.getValue(), wanted.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static Dictionary<String, Object> dictionary(Map<String, Object> properties) {
        return new Hashtable<>(properties);
    }
}
