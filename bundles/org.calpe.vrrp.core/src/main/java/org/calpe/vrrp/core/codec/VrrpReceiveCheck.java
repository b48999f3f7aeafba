package org.calpe.vrrp.core.codec;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

import org.calpe.vrrp.api.AuthSequence;
import org.calpe.vrrp.api.AuthVerdict;
import org.calpe.vrrp.api.VrrpAuthType;

import io.netty.buffer.ByteBuf;

/**
 * The receive checks of one instance, in keepalived 2.2's order ({@code vrrp_check_packet}), implementing the
 * MUST and MAY checks of RFC 3768 §7.1 and RFC 5798 §7.1. The first failing check decides; every dropped
 * datagram is counted once in the {@link DropCounters}.
 * <ol>
 * <li>IPv4: AH header present exactly when auth_type is AH ({@link DropReason#AH_PRESENCE_MISMATCH})</li>
 * <li>length = IP header + AH + VRRP header + addresses (+ 8 for VRRPv2) ({@link DropReason#PACKET_LENGTH})</li>
 * <li>TTL / hop limit 255 unless unicast ({@link DropReason#IP_TTL})</li>
 * <li>version ({@link DropReason#VERSION})</li>
 * <li>VRRPv2: auth type known ({@link DropReason#INVALID_AUTH_TYPE}), the instance's
 *     ({@link DropReason#AUTH_TYPE_MISMATCH}); PASS / AH verified by the authenticator
 *     ({@link DropReason#AUTH_FAILURE}; AH for another protocol: {@link DropReason#AH_NEXT_HEADER});
 *     Adver Int = advert_int ({@link DropReason#ADVERT_INTERVAL})</li>
 * <li>type ADVERTISEMENT ({@link DropReason#INVALID_TYPE})</li>
 * <li>address count ({@link DropReason#ADDRESS_COUNT}, when checking addresses)</li>
 * <li>IPv4 total length = received length ({@link DropReason#IP_LENGTH})</li>
 * <li>IPv4 checksum, VRRPv3 with the pseudo-header ({@link DropReason#CHECKSUM}); the kernel verifies IPv6
 *     checksums (IPV6_CHECKSUM) before the socket sees them</li>
 * <li>multicast destination exactly when there are no unicast peers ({@link DropReason#CAST_MISMATCH})</li>
 * <li>every virtual address in the advert ({@link DropReason#ADDRESS_LIST}, when checking addresses)</li>
 * <li>unicast source is a peer ({@link DropReason#UNICAST_SOURCE}) and its TTL in the peer's range
 *     ({@link DropReason#UNICAST_TTL}), with check_unicast_src</li>
 * </ol>
 * The checks before the instance is known (too short, unknown VRID, INIT/FAULT state) belong to the socket's
 * dispatcher: {@link VrrpFrame#locate} gives {@link DropReason#TOO_SHORT} and the VRID.
 * <p>
 * Immutable and thread-safe; a configuration change makes a new one. The caller keeps the
 * authentication sequence numbers and passes them in.
 */
public final class VrrpReceiveCheck {
    private static final InetAddress IPV4_GROUP = VrrpDecoder.address(VrrpConstants.IPV4_GROUP);

    private final ReceiveExpectations expect;
    private final DropCounters counters;
    private final VrrpDecoder decoder = new VrrpDecoder();

    public VrrpReceiveCheck(ReceiveExpectations expectations, DropCounters counters) {
        this.expect = Objects.requireNonNull(expectations, "expectations");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    public ReceiveExpectations expectations() {
        return expect;
    }

    /**
     * Checks one received datagram: an IPv4 datagram from its IP header, or an IPv6 VRRP message with
     * {@code meta} from the socket. Does not move the buffer's indexes nor release it.
     */
    public ReceiveResult check(ByteBuf buf, RxMeta meta, AuthSequence sequence) {
        ReceiveResult r;
        try {
            r = run(VrrpFrame.locate(expect.family(), buf), meta, sequence);
        } catch (VrrpCodecException e) {
            r = ReceiveResult.drop(e.reason(), e.getMessage(), sequence);
        }
        if (!r.accepted()) {
            counters.increment(r.reason());
        }
        return r;
    }

    private ReceiveResult run(VrrpFrame f, RxMeta meta, AuthSequence sequence) {
        boolean ipv4 = expect.family() == IpFamily.IPV4;
        boolean wantAh = expect.authType() == VrrpAuthType.AH;
        if (ipv4 && f.hasAh() != wantAh) {
            return drop(DropReason.AH_PRESENCE_MISMATCH,
                    f.hasAh() ? "Received AH header but auth type not AH" : "No AH header but auth type is AH", sequence);
        }
        int expected = f.expectedLength();
        if (f.length() != expected) {
            return drop(DropReason.PACKET_LENGTH, "vrrp packet too " + (f.length() > expected ? "long" : "short")
                    + ", length " + f.length() + " and expect " + expected, sequence);
        }
        int ttl = ipv4 ? f.ipv4Ttl() : meta.hopLimit();
        if (!expect.unicast() && ttl != -1 && ttl != VrrpConstants.TTL) {
            return drop(DropReason.IP_TTL, "invalid TTL/HL. Received " + ttl + " and expect " + VrrpConstants.TTL,
                    sequence);
        }
        if (f.version() != expect.version().number()) {
            return drop(DropReason.VERSION, "wrong version. Received " + f.version() + " and expect "
                    + expect.version().number(), sequence);
        }
        AuthSequence seq = sequence;
        if (expect.version() == VrrpVersion.V2) {
            int code = f.authType();
            if (code > VrrpAuthType.AH.code()) {
                return drop(DropReason.INVALID_AUTH_TYPE, "Invalid auth type: " + code, seq);
            }
            if (code != expect.authType().code()) {
                return drop(DropReason.AUTH_TYPE_MISMATCH, "received a " + code + " auth, expecting "
                        + expect.authType().code() + "!", seq);
            }
            if (wantAh && f.ahNextHeader() != VrrpConstants.IPPROTO_VRRP) {
                return drop(DropReason.AH_NEXT_HEADER, "AH header for protocol " + f.ahNextHeader(), seq);
            }
            if (expect.authType() != VrrpAuthType.NONE) {
                if (expect.authenticator() == null) {
                    return drop(DropReason.AUTH_FAILURE, "no " + expect.authType() + " authenticator available", seq);
                }
                byte[] datagram = f.bytes(f.start(), f.length());
                AuthVerdict v = expect.authenticator().verify(datagram, datagram.length, expect.authParameters(), seq);
                seq = v.sequence();
                if (!v.accepted()) {
                    return drop(DropReason.AUTH_FAILURE, v.reason(), seq);
                }
            }
            if (f.v2AdvertInterval() != expect.advertInterval()) {
                return drop(DropReason.ADVERT_INTERVAL, "advertisement interval mismatch mine="
                        + expect.advertInterval() + " sec rcv'd=" + f.v2AdvertInterval() + " sec", seq);
            }
        }
        if (f.type() != VrrpType.ADVERTISEMENT.code()) {
            return drop(DropReason.INVALID_TYPE, "Invalid packet type. " + f.type() + " and expect 1", seq);
        }
        int vipCount = expect.virtualAddresses().size();
        if (expect.checkVirtualAddresses() && f.count() != vipCount) {
            return drop(DropReason.ADDRESS_COUNT, "received an unexpected ip number count " + f.count()
                    + ", expected " + vipCount + "!", seq);
        }
        if (ipv4 && f.ipv4TotalLength() != f.length()) {
            return drop(DropReason.IP_LENGTH, "ip_tot_len mismatch against received length. "
                    + f.ipv4TotalLength() + " and received " + f.length(), seq);
        }
        boolean oldChecksum = false;
        if (ipv4) {
            int vrrpLength = f.vrrpLength();
            if (expect.version() == VrrpVersion.V3) {
                byte[] dst = expect.checksumCompat().groupInPseudoHeader() ? VrrpConstants.IPV4_GROUP
                        : f.ipv4Destination();
                if (!VrrpChecksum.verify(f.buf(), f.vrrpIndex(), vrrpLength, VrrpVersion.V3, f.ipv4Source(), dst)) {
                    if (expect.unicast() && expect.checksumCompat() == ChecksumCompat.NONE
                            && !Arrays.equals(dst, VrrpConstants.IPV4_GROUP)
                            && VrrpChecksum.verify(f.buf(), f.vrrpIndex(), vrrpLength, VrrpVersion.V3,
                                    f.ipv4Source(), VrrpConstants.IPV4_GROUP)) {
                        oldChecksum = true;
                    } else {
                        return drop(DropReason.CHECKSUM, "Invalid VRRPv3 checksum", seq);
                    }
                }
            } else if (!VrrpChecksum.verify(f.buf(), f.vrrpIndex(), vrrpLength, VrrpVersion.V2, null, null)) {
                return drop(DropReason.CHECKSUM, "Invalid VRRPv2 checksum", seq);
            }
        }
        boolean multicast = ipv4 ? (f.buf().getUnsignedByte(f.start() + 16) & 0xf0) == 0xe0 : meta.multicast();
        if (multicast == expect.unicast()) {
            String want = expect.unicast() ? "un" : "mult";
            String got = expect.unicast() ? "mult" : "un";
            return drop(DropReason.CAST_MISMATCH, "Expected " + want + "icast packet but received " + got
                    + "icast packet", seq);
        }
        VrrpDatagram d = ipv4 ? decoder.decodeIpv4(f.buf().slice(f.start(), f.length()))
                : decoder.decodeIpv6(f.buf().slice(f.start(), f.length()), meta.source(), meta.destination(),
                        meta.hopLimit());
        if (expect.checkVirtualAddresses()) {
            for (InetAddress vip : expect.virtualAddresses()) {
                if (!d.packet().addresses().contains(vip)) {
                    return drop(DropReason.ADDRESS_LIST, "ip address associated with VRID " + f.vrid()
                            + " not present in MASTER advert : " + vip.getHostAddress(), seq);
                }
            }
            if (expect.unicast() && expect.checkUnicastSource()) {
                UnicastPeer peer = expect.unicastPeers().stream().filter(p -> p.address().equals(d.source()))
                        .findFirst().orElse(null);
                if (peer == null) {
                    return drop(DropReason.UNICAST_SOURCE, "unicast source address "
                            + d.source().getHostAddress() + " not a unicast peer", seq);
                }
                if (ttl != -1 && (ttl < peer.minTtl() || ttl > peer.maxTtl())) {
                    return drop(DropReason.UNICAST_TTL, "TTL/HL " + ttl + " not in range " + peer.minTtl() + " - "
                            + peer.maxTtl(), seq);
                }
            }
        }
        return new ReceiveResult(null, "", d, seq, oldChecksum);
    }

    private static ReceiveResult drop(DropReason reason, String message, AuthSequence sequence) {
        return ReceiveResult.drop(reason, message, sequence);
    }
}
