package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.calpe.vrrp.core.codec.ChecksumCompat;
import org.junit.jupiter.api.Test;

/**
 * The VRRPv3 IPv4 unicast checksum styles of keepalived 2.2.7 ({@code old_unicast_checksum [never]}; 2.2.7 has
 * no {@code v3_checksum_as_v2}): the runtime's adverts equal the golden ones captured from keepalived with the
 * same configuration, byte for byte (IP ids 1, 2, … as keepalived's), and a detected old-style peer switches
 * the sender.
 */
class ChecksumStyleTest {
    private static final InetAddress SOURCE = VirtualIp.ip("198.18.3.1");

    /** The golden configurations' vrrp_instance (vrrp_version 3 comes from global_defs). */
    private static InstanceSpec spec(Object oldUnicastChecksum) {
        Map<String, Object> p = new HashMap<>();
        p.put("calpe.name", "VI_1");
        p.put("interface", "eth0");
        p.put("virtual_router_id", 51);
        p.put("priority", 150);
        p.put("advert_int", 1);
        p.put("state", "MASTER");
        p.put("unicast_src_ip", "198.18.3.1");
        p.put("unicast_peer", new String[] {"198.18.3.2"});
        p.put("virtual_ipaddress", new String[] {"198.18.3.100/24", "198.18.3.101/24"});
        if (oldUnicastChecksum != null) {
            p.put("old_unicast_checksum", oldUnicastChecksum);
        }
        return InstanceSpec.parse(p, Map.of("vrrp_version", 3));
    }

    @Test
    void keywordValues() {
        assertEquals(ChecksumCompat.NONE, spec(null).checksumCompat());
        assertEquals(ChecksumCompat.CONFIG, spec(Boolean.TRUE).checksumCompat());
        assertEquals(ChecksumCompat.NEVER, spec("never").checksumCompat());
    }

    @Test
    void oldUnicastChecksumAdvertsEqualKeepalivedsGolden() throws Exception {
        assertEquals(golden("v3-ipv4-unicast-oldcsum").subList(0, 3), send(new AdvertSender(spec(Boolean.TRUE)), 3));
    }

    @Test
    void defaultAdvertsEqualKeepalivedsGolden() throws Exception {
        assertEquals(golden("v3-ipv4-unicast").subList(0, 3), send(new AdvertSender(spec(null)), 3));
    }

    @Test
    void aDetectedOldStylePeerSwitchesTheSenderOnce() throws Exception {
        AdvertSender sender = new AdvertSender(spec(null));
        List<Hex> before = send(sender, 1);
        assertEquals(golden("v3-ipv4-unicast").get(0), before.get(0));
        assertTrue(sender.oldChecksumDetected());
        assertEquals(ChecksumCompat.AUTO, sender.checksumCompat());
        assertFalse(sender.oldChecksumDetected(), "switched once");
        assertEquals(golden("v3-ipv4-unicast-oldcsum").get(1), send(sender, 1).get(0));

        AdvertSender never = new AdvertSender(spec("never"));
        assertFalse(never.oldChecksumDetected());
        assertEquals(ChecksumCompat.NEVER, never.checksumCompat());
        AdvertSender configured = new AdvertSender(spec(Boolean.TRUE));
        assertFalse(configured.oldChecksumDetected());
    }

    /** A datagram as hex, for readable failures. */
    private record Hex(String hex) {
    }

    private static List<Hex> send(AdvertSender sender, int n) throws IOException {
        Recorder r = new Recorder();
        for (int i = 0; i < n; i++) {
            sender.send(r, SOURCE, 150, null);
        }
        return r.hex;
    }

    private static List<Hex> golden(String name) throws IOException {
        try (InputStream in = ChecksumStyleTest.class.getResourceAsStream("/golden/" + name + ".hex")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(Hex::new).toList();
        }
    }

    private static final class Recorder extends RecordingSocket {
        final List<Hex> hex = new ArrayList<>();

        @Override
        public void send(byte[] packet, InetAddress destination) {
            assertEquals(VirtualIp.ip("198.18.3.2"), destination);
            hex.add(new Hex(HexFormat.of().formatHex(packet)));
        }
    }
}
