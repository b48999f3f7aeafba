package org.calpe.net.api;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Tells the LAN that an address moved: gratuitous ARP for IPv4 and unsolicited neighbour advertisements for
 * IPv6, in keepalived's wire format. Sending never blocks.
 */
@ProviderType
public interface Announcer {

    /**
     * Sends one gratuitous ARP on {@code link}: an ARP request to ff:ff:ff:ff:ff:ff from {@code source} with
     * sender and target protocol address {@code address} and target hardware address ff:ff:ff:ff:ff:ff.
     *
     * @param source the sender hardware address (the link's own MAC, or the VMAC)
     */
    void gratuitousArp(NetNamespace namespace, int ifindex, MacAddress source, Inet4Address address)
            throws IOException;

    /**
     * Sends one unsolicited neighbour advertisement (RFC 4861 section 4.4 and 7.2.6) on {@code link}: from
     * {@code address} to ff02::1, hop limit 255, override flag set, router flag as given, with a target
     * link-layer address option carrying {@code source}.
     */
    void unsolicitedNeighbourAdvert(NetNamespace namespace, int ifindex, MacAddress source, Inet6Address address,
            boolean router) throws IOException;

    /**
     * Makes the first announcement on {@code ifindex} in {@code namespace} as fast as the later ones: opens what
     * it needs and runs the frame building and native send path without putting anything on the wire. VRRP calls
     * it when an instance starts, so that a takeover does not pay for socket creation, class loading and
     * interpreted code between the new master's first advert and its first gratuitous ARP.
     *
     * @throws IOException if the socket cannot be opened (the first announcement would fail the same way)
     */
    default void prepare(NetNamespace namespace, int ifindex) throws IOException {
    }

    /**
     * Runs the frame building and native send path once more without putting anything on the wire (1.7), as
     * {@link AddressManager#rehearse} does for addresses: shortly before a takeover that may be about to happen.
     * Cheap, best effort, never fails; does nothing where {@link #prepare} has not run.
     */
    default void rehearse(NetNamespace namespace, int ifindex) {
    }
}
