package org.calpe.vrrp.core.codec;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

import org.calpe.vrrp.api.AuthParameters;
import org.calpe.vrrp.api.VrrpAuthType;
import org.calpe.vrrp.api.VrrpAuthenticator;

/**
 * What one instance accepts: the parts of its configuration the receive checks compare adverts with.
 *
 * @param instance the instance name, for log messages
 * @param family the instance's address family
 * @param version {@code version} / {@code vrrp_version}
 * @param authType the {@code auth_type} (VRRPv2), NONE without an authentication block
 * @param authenticator the service for {@code authType} PASS or AH; null for NONE, or while no such
 *        service is registered (adverts then fail authentication)
 * @param authParameters key and options for the authenticator; null for NONE
 * @param advertInterval VRRPv2: {@code advert_int} in seconds (adverts must match); ignored for VRRPv3
 * @param virtualAddresses the {@code virtual_ipaddress} addresses, in configuration order
 * @param checkVirtualAddresses whether to compare the advert's address count and list with
 *        {@code virtualAddresses} (keepalived's {@code check_vip_addr} argument)
 * @param unicastPeers the {@code unicast_peer}s; empty for a multicast instance
 * @param checkUnicastSource {@code check_unicast_src} (instance or global): unicast adverts must come from a peer
 * @param checksumCompat the instance's VRRPv3 unicast checksum compatibility
 */
public record ReceiveExpectations(String instance, IpFamily family, VrrpVersion version, VrrpAuthType authType,
        VrrpAuthenticator authenticator, AuthParameters authParameters, int advertInterval,
        List<InetAddress> virtualAddresses, boolean checkVirtualAddresses, List<UnicastPeer> unicastPeers,
        boolean checkUnicastSource, ChecksumCompat checksumCompat) {

    public ReceiveExpectations {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(authType, "authType");
        virtualAddresses = List.copyOf(virtualAddresses);
        unicastPeers = List.copyOf(unicastPeers);
        Objects.requireNonNull(checksumCompat, "checksumCompat");
        if (authType != VrrpAuthType.NONE && authParameters == null) {
            throw new IllegalArgumentException("auth_type " + authType + " needs a key");
        }
    }

    /** A multicast instance without authentication that checks its address list. */
    public static ReceiveExpectations multicast(String instance, IpFamily family, VrrpVersion version,
            int advertInterval, List<InetAddress> virtualAddresses) {
        return new ReceiveExpectations(instance, family, version, VrrpAuthType.NONE, null, null, advertInterval,
                virtualAddresses, true, List.of(), false, ChecksumCompat.NONE);
    }

    public boolean unicast() {
        return !unicastPeers.isEmpty();
    }

    /** The same expectations with another checksum compatibility (after an automatic switch). */
    public ReceiveExpectations withChecksumCompat(ChecksumCompat compat) {
        return new ReceiveExpectations(instance, family, version, authType, authenticator, authParameters,
                advertInterval, virtualAddresses, checkVirtualAddresses, unicastPeers, checkUnicastSource, compat);
    }

    /** The same expectations with another authenticator (a service came or went). */
    public ReceiveExpectations withAuthenticator(VrrpAuthenticator newAuthenticator) {
        return new ReceiveExpectations(instance, family, version, authType, newAuthenticator, authParameters,
                advertInterval, virtualAddresses, checkVirtualAddresses, unicastPeers, checkUnicastSource,
                checksumCompat);
    }
}
