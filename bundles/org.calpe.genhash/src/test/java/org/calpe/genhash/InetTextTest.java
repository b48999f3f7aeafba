package org.calpe.genhash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class InetTextTest {
    private static String v6(String s) {
        byte[] a = InetText.parseIpv6(s);
        return a == null ? null : InetText.format(a);
    }

    @Test
    void ipv4LikeInetPton() {
        assertArrayEquals(new byte[] {127, 0, 0, 1}, InetText.parseIpv4("127.0.0.1"));
        assertArrayEquals(new byte[] {(byte) 255, 0, 10, 0}, InetText.parseIpv4("255.0.10.0"));
        for (String bad : new String[] {"127.1", "127.0.0.01", "256.0.0.1", "1.2.3.4.", "1..2.3", " 1.2.3.4",
            "0x7f.0.0.1", "1.2.3.4:80", ""}) {
            assertNull(InetText.parseIpv4(bad), bad);
        }
        assertEquals("10.0.255.1", InetText.format(InetText.parseIpv4("10.0.255.1")));
    }

    @Test
    void ipv6LikeInetPtonAndNtop() {
        assertEquals("::1", v6("0:0:0:0:0:0:0:1"));
        assertEquals("::", v6("::"));
        assertEquals("::ffff:127.0.0.1", v6("::ffff:127.0.0.1"));
        assertEquals("::ffff:127.0.0.1", v6("0:0:0:0:0:ffff:7f00:1"));
        assertEquals("::1.2.3.4", v6("::102:304"));
        assertEquals("2001:db8::1", v6("2001:DB8:0:0:0:0:0:1"));
        assertEquals("2001:db8:0:1:1:1:1:1", v6("2001:db8:0:1:1:1:1:1"));
        assertEquals("2001:0:0:1::1", v6("2001:0:0:1:0:0:0:1"));
        assertEquals("1::", v6("1::"));
        assertEquals("fe80::", v6("fe80:0:0:0:0:0:0:0"));
        for (String bad : new String[] {"1:2:3:4:5:6:7:8:9", ":1::2", "1::2::3", "1:", "12345::", "fe80::1%lo",
            "[::1]", "::g", ":::", "1:2:3:4:5:6:7:8::", "::1.2.3"}) {
            assertNull(v6(bad), bad);
        }
    }
}
