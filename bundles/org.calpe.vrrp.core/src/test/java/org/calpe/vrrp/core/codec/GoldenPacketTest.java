package org.calpe.vrrp.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.calpe.vrrp.api.AuthParameters;
import org.calpe.vrrp.api.AuthSequence;
import org.calpe.vrrp.api.VrrpAuthType;
import org.calpe.vrrp.api.VrrpAuthenticator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Calpe's codec against adverts captured from keepalived 2.2.7 (scripts/tools/vrrp-golden.sh): every golden
 * datagram decodes to what its keepalived.conf says, passes the receive checks of a matching instance, and
 * encodes back to the same bytes.
 */
class GoldenPacketTest {
    private final VrrpDecoder decoder = new VrrpDecoder();
    private final VrrpEncoder encoder = new VrrpEncoder();

    static List<String> names() {
        return Golden.ALL;
    }

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    /** What each golden configuration says (see golden/NAME.conf). */
    record Spec(VrrpVersion version, VrrpAuthType auth, String pass, int interval, List<InetAddress> vips,
            boolean unicast, ChecksumCompat compat) {
    }

    static Spec spec(String name) throws Exception {
        List<InetAddress> two4 = List.of(ip("198.18.3.100"), ip("198.18.3.101"));
        return switch (name) {
            case "v2-noauth" -> new Spec(VrrpVersion.V2, VrrpAuthType.NONE, null, 1, two4, false, ChecksumCompat.NONE);
            case "v2-pass" -> new Spec(VrrpVersion.V2, VrrpAuthType.PASS, "secret1", 1, two4, false, ChecksumCompat.NONE);
            case "v2-pass-long" -> new Spec(VrrpVersion.V2, VrrpAuthType.PASS, "abcdefgh", 2,
                    List.of(ip("198.18.3.100")), false, ChecksumCompat.NONE);
            case "v2-ah" -> new Spec(VrrpVersion.V2, VrrpAuthType.AH, "secret1", 1, two4, false, ChecksumCompat.NONE);
            case "v3-ipv4" -> new Spec(VrrpVersion.V3, VrrpAuthType.NONE, null, 100,
                    List.of(ip("198.18.3.100"), ip("198.18.3.101"), ip("198.18.3.102")), false, ChecksumCompat.NONE);
            case "v3-ipv4-centi" -> new Spec(VrrpVersion.V3, VrrpAuthType.NONE, null, 10, List.of(ip("198.18.3.100")),
                    false, ChecksumCompat.NONE);
            case "v3-ipv4-unicast" -> new Spec(VrrpVersion.V3, VrrpAuthType.NONE, null, 100, two4, true,
                    ChecksumCompat.NONE);
            case "v3-ipv4-unicast-oldcsum" -> new Spec(VrrpVersion.V3, VrrpAuthType.NONE, null, 100, two4, true,
                    ChecksumCompat.CONFIG);
            case "v3-ipv6" -> new Spec(VrrpVersion.V3, VrrpAuthType.NONE, null, 100,
                    List.of(ip("2001:db8:3::100"), ip("2001:db8:3::101")), false, ChecksumCompat.NONE);
            default -> throw new IllegalArgumentException(name);
        };
    }

    static VrrpAuthenticator authenticator(VrrpAuthType t) {
        return switch (t) {
            case NONE -> null;
            case PASS -> new TestAuthenticators.Pass();
            case AH -> new TestAuthenticators.Ah();
        };
    }

    static ReceiveExpectations expectations(Spec s, IpFamily family) throws Exception {
        return new ReceiveExpectations("VI_1", family, s.version(), s.auth(), authenticator(s.auth()),
                s.pass() == null ? null : AuthParameters.of("VI_1", s.pass(), s.unicast()), s.interval(), s.vips(),
                true, s.unicast() ? List.of(UnicastPeer.of(ip("198.18.3.1"))) : List.of(), true, s.compat());
    }

    private VrrpDatagram decode(String name, byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        return name.contains("ipv6") ? decoder.decodeIpv6Datagram(buf) : decoder.decodeIpv4(buf);
    }

    private static InetAddress checksumDestination(Spec s, VrrpDatagram d) {
        return s.compat().groupInPseudoHeader() ? VrrpDecoder.address(VrrpConstants.IPV4_GROUP) : d.destination();
    }

    @ParameterizedTest
    @MethodSource("names")
    void decodesToWhatTheConfigurationSays(String name) throws Exception {
        Spec s = spec(name);
        assertTrue(Golden.config(name).contains("virtual_router_id 51"));
        for (byte[] bytes : Golden.packets(name)) {
            VrrpDatagram d = decode(name, bytes);
            VrrpPacket p = d.packet();
            assertEquals(s.version(), p.version());
            assertEquals(VrrpType.ADVERTISEMENT, p.type());
            assertEquals(51, p.vrid());
            assertEquals(150, p.priority());
            assertEquals(s.interval(), p.advertInterval());
            assertEquals(s.vips(), p.addresses());
            assertEquals(s.auth(), p.authType());
            assertEquals(255, d.ttl());
            assertEquals(VrrpConstants.IPV4_TOS, d.tos());
            if (s.version() == VrrpVersion.V2) {
                byte[] expected = s.auth() == VrrpAuthType.PASS ? AuthParameters.of("x", s.pass(), false).key()
                        : new byte[8];
                assertArrayEquals(expected, p.authData(), "PASS data is the password, zero padded to 8 bytes");
            }
            assertEquals(s.unicast() ? ip("198.18.3.2") : (name.contains("ipv6") ? ip("ff02::12") : ip("224.0.0.18")),
                    d.destination());
            assertEquals(s.auth() == VrrpAuthType.AH, d.ah() != null);
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void reencodesByteForByte(String name) throws Exception {
        Spec s = spec(name);
        AuthSequence seq = AuthSequence.INITIAL;
        for (byte[] bytes : Golden.packets(name)) {
            VrrpDatagram d = decode(name, bytes);
            byte[] again;
            if (name.contains("ipv6")) {
                again = encoder.encodeIpv6(d);
            } else if (s.auth() == VrrpAuthType.AH) {
                // keepalived's AH sequence starts at 1 and moves once per advert; we sign from the previous one
                seq = new AuthSequence(d.ah().sequence() - 1, 0, false);
                VrrpEncoder.Signed signed = encoder.encodeIpv4(d.withAh(null), checksumDestination(s, d),
                        authenticator(s.auth()), AuthParameters.of("VI_1", s.pass(), s.unicast()), seq, true);
                again = signed.datagram();
                assertEquals(d.ah().sequence(), signed.sequence().sent());
            } else {
                again = encoder.encodeIpv4(d, checksumDestination(s, d));
            }
            assertArrayEquals(bytes, again, name + ": re-encoded advert differs from keepalived's");
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void consecutiveAdvertsDifferOnlyInIpIdAndAhSequence(String name) {
        List<byte[]> all = Golden.packets(name);
        byte[] first = all.get(0);
        for (byte[] other : all.subList(1, all.size())) {
            assertEquals(first.length, other.length);
            for (int i = 0; i < first.length; i++) {
                boolean varies = !name.contains("ipv6") && (i == 4 || i == 5 || i == 10 || i == 11
                        || (name.contains("ah") && i >= 28 && i < 44));
                if (!varies) {
                    assertEquals(first[i], other[i], name + ": byte " + i + " changed between adverts");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void passesTheReceiveChecksOfAMatchingInstance(String name) throws Exception {
        Spec s = spec(name);
        boolean ipv6 = name.contains("ipv6");
        DropCounters counters = new DropCounters();
        VrrpReceiveCheck check = new VrrpReceiveCheck(expectations(s, ipv6 ? IpFamily.IPV6 : IpFamily.IPV4), counters);
        AuthSequence seq = AuthSequence.INITIAL;
        for (byte[] bytes : Golden.packets(name)) {
            ReceiveResult r;
            if (ipv6) {
                VrrpDatagram d = decode(name, bytes);
                r = check.check(Unpooled.wrappedBuffer(bytes, 40, bytes.length - 40),
                        new RxMeta(d.source(), d.destination(), 255), seq);
            } else {
                r = check.check(Unpooled.wrappedBuffer(bytes), RxMeta.IPV4, seq);
            }
            assertTrue(r.accepted(), name + ": " + r.reason() + " " + r.message());
            assertFalse(r.oldChecksumDetected());
            assertEquals(decode(name, bytes).packet(), r.datagram().packet());
            seq = r.sequence();
        }
        assertEquals(0, counters.total());
        if (s.auth() == VrrpAuthType.AH) {
            assertEquals(Golden.packets(name).size(), seq.received(), "AH sequence numbers 1..n accepted");
            // a replay of the last advert is refused
            List<byte[]> all = Golden.packets(name);
            ReceiveResult replay = check.check(Unpooled.wrappedBuffer(all.get(all.size() - 1)), RxMeta.IPV4, seq);
            assertEquals(DropReason.AUTH_FAILURE, replay.reason());
            assertEquals(1, counters.get(DropReason.AUTH_FAILURE));
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void checksumIsKeepalivedsChoice(String name) throws Exception {
        Spec s = spec(name);
        for (byte[] bytes : Golden.packets(name)) {
            VrrpDatagram d = decode(name, bytes);
            ByteBuf buf = Unpooled.wrappedBuffer(bytes);
            int vrrpIndex = name.contains("ipv6") ? 40 : 20 + (d.ah() != null ? 24 : 0);
            int len = bytes.length - vrrpIndex;
            byte[] src = d.source().getAddress();
            byte[] group = VrrpConstants.IPV4_GROUP;
            if (s.version() == VrrpVersion.V2) {
                assertTrue(VrrpChecksum.verify(buf, vrrpIndex, len, VrrpVersion.V2, null, null));
            } else if (s.compat() == ChecksumCompat.CONFIG) {
                // old_unicast_checksum: pseudo-header destination is 224.0.0.18, not the peer
                assertTrue(VrrpChecksum.verify(buf, vrrpIndex, len, VrrpVersion.V3, src, group));
                assertFalse(VrrpChecksum.verify(buf, vrrpIndex, len, VrrpVersion.V3, src, d.destination().getAddress()));
            } else {
                // RFC 5798 §5.2.8: the pseudo-header with the real destination (IPv4 or IPv6)
                assertTrue(VrrpChecksum.verify(buf, vrrpIndex, len, VrrpVersion.V3, src, d.destination().getAddress()));
                if (s.unicast()) {
                    assertFalse(VrrpChecksum.verify(buf, vrrpIndex, len, VrrpVersion.V3, src, group));
                }
            }
        }
    }

    @Test
    void anotherIpIdChangesOnlyTheIdAndTheHeaderChecksum() throws Exception {
        byte[] golden = Golden.packets("v3-ipv4").get(0);
        VrrpDatagram d = decoder.decodeIpv4(Unpooled.wrappedBuffer(golden));
        byte[] other = encoder.encodeIpv4(d.withId(0x1234), d.destination());
        for (int i = 0; i < golden.length; i++) {
            if (i == 4 || i == 5 || i == 10 || i == 11) {
                continue;
            }
            assertEquals(golden[i], other[i], "byte " + i);
        }
        assertNotEquals(golden[10] << 8 | golden[11], other[10] << 8 | other[11]);
        assertEquals(0, VrrpChecksum.ipv4Header(Unpooled.wrappedBuffer(other), 0, 20));
    }

    @Test
    void oldStyleUnicastChecksumIsDetectedAutomatically() throws Exception {
        Spec s = spec("v3-ipv4-unicast-oldcsum");
        ReceiveExpectations e = expectations(s, IpFamily.IPV4).withChecksumCompat(ChecksumCompat.NONE);
        DropCounters counters = new DropCounters();
        ReceiveResult r = new VrrpReceiveCheck(e, counters).check(
                Unpooled.wrappedBuffer(Golden.packets("v3-ipv4-unicast-oldcsum").get(0)), RxMeta.IPV4,
                AuthSequence.INITIAL);
        assertTrue(r.accepted());
        assertTrue(r.oldChecksumDetected(), "keepalived: Setting unicast VRRPv3 checksum to old version");
        ReceiveResult never = new VrrpReceiveCheck(e.withChecksumCompat(ChecksumCompat.NEVER), counters).check(
                Unpooled.wrappedBuffer(Golden.packets("v3-ipv4-unicast-oldcsum").get(0)), RxMeta.IPV4,
                AuthSequence.INITIAL);
        assertEquals(DropReason.CHECKSUM, never.reason());
    }
}
