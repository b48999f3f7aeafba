package org.calpe.net.api;

import java.util.Objects;

/**
 * A network namespace, named as {@code ip netns} and keepalived's {@code net_namespace} name it: the file
 * {@code /var/run/netns/NAME}. The empty name is the namespace of the Calpe process itself.
 *
 * @param name the namespace name, empty for the process's own namespace
 */
public record NetNamespace(String name) {

    /** The namespace the Calpe process runs in. */
    public static final NetNamespace CURRENT = new NetNamespace("");

    public NetNamespace {
        Objects.requireNonNull(name, "name");
        if (name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("invalid namespace name: " + name);
        }
    }

    /** @return the namespace called {@code name} under {@code /var/run/netns} */
    public static NetNamespace named(String name) {
        return new NetNamespace(name);
    }

    /** @return true for the process's own namespace */
    public boolean isCurrent() {
        return name.isEmpty();
    }

    @Override
    public String toString() {
        return isCurrent() ? "(current)" : name;
    }
}
