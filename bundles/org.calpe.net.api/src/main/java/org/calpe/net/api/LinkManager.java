package org.calpe.net.api;

import java.io.IOException;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Creates, configures and removes interfaces over rtnetlink (macvlans for keepalived's {@code use_vmac}), and reads
 * and writes their per-interface kernel parameters ({@code /proc/sys/net/...}) in a namespace.
 */
@ProviderType
public interface LinkManager {

    /** @return the interface called {@code name} with its kind, or empty if there is none */
    Optional<LinkDetails> find(NetNamespace namespace, String name) throws IOException;

    /**
     * Creates {@code macvlan} ({@code RTM_NEWLINK}, create exclusive) down, as keepalived's
     * {@code netlink_link_add_vmac} does.
     *
     * @return the new interface
     * @throws IOException with the kernel's reason (EEXIST if the name is taken)
     */
    LinkInfo addMacvlan(NetNamespace namespace, Macvlan macvlan) throws IOException;

    /** Sets the interface administratively up or down ({@code IFF_UP}). */
    void setUp(NetNamespace namespace, int ifindex, boolean up) throws IOException;

    /**
     * Stops the kernel generating IPv6 link-local addresses on the interface
     * ({@code IFLA_INET6_ADDR_GEN_MODE} none, RFC 5798 section 7.4 for a VMAC).
     */
    void disableIpv6AddressGeneration(NetNamespace namespace, int ifindex) throws IOException;

    /**
     * Removes the interface ({@code RTM_DELLINK}).
     *
     * @return false if there was no such interface
     */
    boolean remove(NetNamespace namespace, int ifindex) throws IOException;

    /**
     * @param key a path under {@code /proc/sys}, e.g. {@code net/ipv4/conf/eth0/arp_ignore}
     * @return the parameter's value, trimmed
     */
    String sysctl(NetNamespace namespace, String key) throws IOException;

    /** Writes a parameter under {@code /proc/sys} (see {@link #sysctl(NetNamespace, String)}). */
    void setSysctl(NetNamespace namespace, String key, String value) throws IOException;
}
