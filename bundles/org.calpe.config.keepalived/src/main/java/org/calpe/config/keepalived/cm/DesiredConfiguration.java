package org.calpe.config.keepalived.cm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One configuration the translation wants in Config Admin: a named factory configuration ({@code factoryPid}
 * and {@code name}) or, when {@code factoryPid} is null, a singleton with PID {@code name}.
 */
public record DesiredConfiguration(String factoryPid, String name, Map<String, Object> properties) {
    public DesiredConfiguration {
        Objects.requireNonNull(name, "name");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** The PID Config Admin gives it: {@code factoryPid~name} (Config Admin 1.6) or the singleton PID. */
    public String pid() {
        return factoryPid == null ? name : factoryPid + "~" + name;
    }
}
