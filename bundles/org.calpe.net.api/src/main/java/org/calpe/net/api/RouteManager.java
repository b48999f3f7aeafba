package org.calpe.net.api;

import java.io.IOException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Adds and removes routes and policy routing rules over rtnetlink, as keepalived's {@code virtual_routes},
 * {@code virtual_rules}, {@code static_routes} and {@code static_rules} do.
 */
@ProviderType
public interface RouteManager {

    /**
     * Adds {@code route} ({@code RTM_NEWROUTE} with {@code NLM_F_CREATE}, no {@code NLM_F_EXCL}, as keepalived: a
     * route differing from an existing one only in its nexthop is added beside it).
     *
     * @return false if the same route already existed (nothing was changed)
     * @throws IOException with the kernel's reason
     */
    boolean addRoute(NetNamespace namespace, Route route) throws IOException;

    /**
     * Removes {@code route}; the kernel matches table, destination, tos, metric and, where given, type, protocol,
     * gateway, interface and preferred source.
     *
     * @return false if there was no such route
     */
    boolean removeRoute(NetNamespace namespace, Route route) throws IOException;

    /**
     * Adds {@code rule} ({@code RTM_NEWRULE}, create exclusive).
     *
     * @return false if the same rule already existed
     */
    boolean addRule(NetNamespace namespace, Rule rule) throws IOException;

    /**
     * Removes {@code rule}; the kernel matches every attribute given.
     *
     * @return false if there was no such rule
     */
    boolean removeRule(NetNamespace namespace, Rule rule) throws IOException;
}
