package org.calpe.vrrp.core.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

import org.calpe.net.api.VrrpSocket;
import org.calpe.vrrp.api.AuthParameters;
import org.calpe.vrrp.api.AuthSequence;
import org.calpe.vrrp.api.VrrpAuthType;
import org.calpe.vrrp.api.VrrpAuthenticator;
import org.calpe.vrrp.core.codec.ChecksumCompat;
import org.calpe.vrrp.core.codec.IpFamily;
import org.calpe.vrrp.core.codec.VrrpConstants;
import org.calpe.vrrp.core.codec.VrrpDatagram;
import org.calpe.vrrp.core.codec.VrrpEncoder;
import org.calpe.vrrp.core.codec.VrrpPacket;
import org.calpe.vrrp.core.codec.VrrpVersion;
import static org.calpe.vrrp.core.runtime.Units.*;

import io.netty.buffer.ByteBuf;

/**
 * Builds and sends the adverts of one instance as keepalived does. IPv4: its own IP header (IP_HDRINCL, id
 * counting up from 1 and skipping 0), one copy to the group or one per unicast peer, PASS data in the advert
 * and AH signed by the authenticator service (the AH sequence advancing once per advert, not per peer). IPv6
 * (VRRPv3 only): the VRRP message alone, the kernel adds the IPv6 header; the checksum covers the pseudo-header
 * with the instance's source (its interface's link-local address) and the destination (ff02::12 or the peer).
 * Runs on the event loop only.
 */
final class AdvertSender {
    private static final InetAddress GROUP = VirtualIp.ip("224.0.0.18");
    private static final InetAddress GROUP6 = VirtualIp.ip("ff02::12");

    private final InstanceSpec spec;
    private final VrrpEncoder encoder = new VrrpEncoder();
    private final AuthParameters authParameters;
    private int ipId;
    private AuthSequence sequence = AuthSequence.INITIAL;
    private ChecksumCompat checksumCompat;

    AdvertSender(InstanceSpec spec) {
        this.spec = spec;
        this.checksumCompat = spec.checksumCompat();
        this.authParameters = spec.authType() == VrrpAuthType.NONE ? null
                : AuthParameters.of(spec.name(), spec.authPass(), spec.unicast());
    }

    AuthParameters authParameters() {
        return authParameters;
    }

    AuthSequence sequence() {
        return sequence;
    }

    void sequence(AuthSequence s) {
        sequence = s;
    }

    /** The VRRPv3 unicast checksum style in use ({@code old_unicast_checksum}, or detected). */
    ChecksumCompat checksumCompat() {
        return checksumCompat;
    }

    /**
     * A unicast VRRPv3 advert only checked with 224.0.0.18 in its pseudo-header: from now on this instance sends
     * (and expects) that style, as keepalived does ("Setting unicast VRRPv3 checksum to old version").
     *
     * @return true if that switched the style (it had not been switched or configured before)
     */
    boolean oldChecksumDetected() {
        if (checksumCompat != ChecksumCompat.NONE) {
            return false;
        }
        checksumCompat = ChecksumCompat.AUTO;
        return true;
    }

    /**
     * Sends one advert with {@code priority} from {@code source}.
     *
     * @param authenticator the current service for the instance's auth type (null: nothing is sent)
     * @throws IOException from the socket (the first failing destination stops the round)
     */
    void send(VrrpSocket socket, InetAddress source, int priority, VrrpAuthenticator authenticator)
            throws IOException {
        encode(source, priority, authenticator, socket, null);
    }

    /**
     * One advert with {@code priority}, encoded (and signed) for every destination but not sent: the IP id and the
     * AH sequence advance as for a sent one.
     *
     * @param authenticator the current service for the instance's auth type (null: an IOException)
     */
    Round encodeRound(InetAddress source, int priority, VrrpAuthenticator authenticator) throws IOException {
        Round r = new Round();
        encode(source, priority, authenticator, null, r);
        return r;
    }

    /** The datagrams of one advert and where each goes. */
    static final class Round {
        final List<byte[]> packets = new java.util.ArrayList<>(1);
        final List<InetAddress> destinations = new java.util.ArrayList<>(1);
    }

    /** What {@link #warmUp} exercises: one code path per version, family and authentication type. */
    String encodingKind() {
        return spec.version() + "/" + spec.family() + "/" + spec.authType() + "/" + spec.unicast();
    }

    /**
     * Encodes (and signs) this instance's master advert {@code rounds} times and throws the bytes away: the IP
     * id and the AH sequence are left as they were, nothing is sent.
     *
     * @return false if it could not run (no authenticator yet, an encoding error)
     */
    boolean warmUp(InetAddress source, VrrpAuthenticator authenticator, int rounds) {
        int id = ipId;
        AuthSequence seq = sequence;
        try {
            for (int i = 0; i < rounds; i++) {
                encode(source, 255, authenticator, null, null);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            ipId = id;
            sequence = seq;
        }
    }

    /**
     * Encodes the advert for every destination and sends it on {@code socket}, or adds it to {@code round}
     * (both null: the bytes are thrown away). No lambda or method reference here: a takeover runs this for the
     * first time, and linking one costs a millisecond before the first advert.
     */
    private void encode(InetAddress source, int priority, VrrpAuthenticator authenticator, VrrpSocket socket,
            Round round) throws IOException {
        if (spec.authType() != VrrpAuthType.NONE && authenticator == null) {
            throw new IOException("no " + spec.authType() + " authenticator service available");
        }
        List<InetAddress> addresses = spec.advertisedAddresses();
        VrrpPacket packet;
        if (spec.version() == VrrpVersion.V2) {
            int seconds = (int) (spec.advertIntervalMicros() / MICROS_PER_SECOND);
            byte[] authData = spec.authType() == VrrpAuthType.PASS ? authParameters.key()
                    : new byte[VrrpConstants.AUTH_DATA_LENGTH];
            packet = VrrpPacket.v2(spec.vrid(), priority, spec.authType(), seconds, addresses, authData);
        } else {
            int centis = (int) (spec.advertIntervalMicros() / MICROS_PER_CENTISECOND);
            packet = VrrpPacket.v3(spec.family(), spec.vrid(), priority, centis, addresses);
        }
        boolean ipv6 = spec.family() == IpFamily.IPV6;
        List<InetAddress> destinations = spec.unicast()
                ? spec.unicastPeers().stream().map(p -> p.address()).toList() : List.of(ipv6 ? GROUP6 : GROUP);
        boolean first = true;
        for (InetAddress destination : destinations) {
            if (ipv6) {
                ByteBuf payload = encoder.encodeIpv6Payload(VrrpDatagram.ipv6(source, destination, 0, packet));
                byte[] bytes = new byte[payload.readableBytes()];
                payload.readBytes(bytes);
                deliver(bytes, destination, socket, round);
                continue;
            }
            VrrpDatagram d = VrrpDatagram.ipv4(source, destination, nextId(), null, packet);
            // old_unicast_checksum (configured or detected): the group, not the peer, in the v3 pseudo-header
            InetAddress checksumDestination = checksumCompat.groupInPseudoHeader() ? GROUP : destination;
            byte[] bytes;
            if (spec.authType() == VrrpAuthType.NONE) {
                bytes = encoder.encodeIpv4(d, checksumDestination);
            } else {
                VrrpEncoder.Signed signed = encoder.encodeIpv4(d, checksumDestination, authenticator, authParameters,
                        sequence, first);
                sequence = signed.sequence();
                bytes = signed.datagram();
            }
            first = false;
            deliver(bytes, destination, socket, round);
        }
    }

    /** Sends one datagram on {@code socket}, or adds it to {@code round}; both null: throws it away. */
    private static void deliver(byte[] bytes, InetAddress destination, VrrpSocket socket, Round round)
            throws IOException {
        if (socket != null) {
            socket.send(bytes, destination);
        } else if (round != null) {
            round.packets.add(bytes);
            round.destinations.add(destination);
        }
    }

    private int nextId() {
        ipId = (ipId + 1) & 0xffff;
        if (ipId == 0) {
            ipId = 1;
        }
        return ipId;
    }
}
