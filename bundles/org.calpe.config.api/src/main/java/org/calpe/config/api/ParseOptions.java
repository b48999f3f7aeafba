package org.calpe.config.api;

import java.util.Map;
import java.util.Objects;

/**
 * How to read a configuration.
 *
 * @param configId the {@code -i/--config-id} value that {@code @id} conditional lines are matched against
 *        and that {@code ${_INSTANCE}} expands to (keepalived defaults it to the host name without domain)
 * @param environment environment visible to {@code ${_ENV}}-style lookups
 * @param checkInterfaces whether interfaces named in the configuration must exist in this network namespace,
 *        as {@code keepalived -t} checks
 */
public record ParseOptions(String configId, Map<String, String> environment, boolean checkInterfaces) {
    public ParseOptions {
        Objects.requireNonNull(configId, "configId");
        environment = Map.copyOf(environment);
    }

    /** Defaults of a keepalived started without options on this host. */
    public static ParseOptions defaults() {
        String host = "localhost";
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            // keep localhost
        }
        int dot = host.indexOf('.');
        return new ParseOptions(dot > 0 ? host.substring(0, dot) : host, System.getenv(), true);
    }

    public ParseOptions withConfigId(String id) {
        return new ParseOptions(id, environment, checkInterfaces);
    }

    public ParseOptions withCheckInterfaces(boolean check) {
        return new ParseOptions(configId, environment, check);
    }
}
