package org.calpe.net.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;

import org.calpe.net.api.MacAddress;
import org.junit.jupiter.api.Test;

class AnnouncementFramesTest {

    private static final MacAddress MAC = MacAddress.parse("02:42:c6:12:01:01");

    @Test
    void gratuitousArpIsKeepalivedsRequestShape() throws Exception {
        byte[] f = AnnouncementFrames.gratuitousArp(MAC, (Inet4Address) InetAddress.getByName("198.18.1.100"));
        assertEquals("ffffffffffff" + "0242c6120101" + "0806"
                + "0001" + "0800" + "06" + "04" + "0001"
                + "0242c6120101" + "c6120164" + "ffffffffffff" + "c6120164", HexFormat.of().formatHex(f));
    }

    @Test
    void neighbourAdvertLayoutAndChecksum() throws Exception {
        Inet6Address vip = (Inet6Address) InetAddress.getByName("2001:db8:1::100");
        byte[] f = AnnouncementFrames.unsolicitedNeighbourAdvert(MAC, vip, true);
        String hex = HexFormat.of().formatHex(f);
        assertEquals(86, f.length);
        assertEquals("333300000001" + "0242c6120101" + "86dd", hex.substring(0, 28));
        assertEquals("60000000" + "0020" + "3a" + "ff", hex.substring(28, 44));
        assertEquals("20010db8000100000000000000000100" + "ff020000000000000000000000000001", hex.substring(44, 108));
        assertEquals("88" + "00", hex.substring(108, 112), "type 136 code 0");
        assertEquals("a0000000", hex.substring(116, 124), "router + override, not solicited");
        assertEquals("20010db8000100000000000000000100" + "0201" + "0242c6120101", hex.substring(124));
        // a correct checksum makes the one's complement sum over pseudo-header and message zero
        byte[] src = vip.getAddress();
        byte[] dst = InetAddress.getByName("ff02::1").getAddress();
        assertEquals(0, AnnouncementFrames.icmpv6Checksum(src, dst, f, 54, 32));
        byte[] plain = AnnouncementFrames.unsolicitedNeighbourAdvert(MAC, vip, false);
        assertEquals(0x20, plain[58] & 0xFF, "no router flag");
    }

    @Test
    void rfc1071ExampleChecksum() {
        // RFC 1071 section 3 example words 0001 f203 f4f5 f6f7 sum to ddf2 (checksum 220d) without a pseudo
        // header; with zero addresses and length 8 and next header 58 the pseudo header adds 8 + 58
        byte[] data = HexFormat.of().parseHex("0001f203f4f5f6f7");
        int expected = ~(0xddf2 + 8 + 58) & 0xFFFF;
        assertEquals(expected, AnnouncementFrames.icmpv6Checksum(new byte[16], new byte[16], data, 0, 8));
        assertArrayEquals(new byte[16], new byte[16]);
    }
}
