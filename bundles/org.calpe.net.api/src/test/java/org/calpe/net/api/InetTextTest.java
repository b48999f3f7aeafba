package org.calpe.net.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

/** inet_ntop's text, checked against what glibc prints for the same addresses. */
class InetTextTest {

    private static String text(String s) throws Exception {
        return InetText.of(InetAddress.getByName(s));
    }

    @Test
    void ipv4IsDotted() throws Exception {
        assertEquals("198.18.0.1", text("198.18.0.1"));
    }

    @Test
    void ipv6LongestZeroRunCompressedFirstOnTie() throws Exception {
        assertEquals("2001:db8::1", text("2001:0db8:0000:0000:0000:0000:0000:0001"));
        assertEquals("2001:db8:0:1:1:1:1:1", text("2001:db8:0:1:1:1:1:1"));
        assertEquals("2001:db8::1:0:0:1", text("2001:db8:0:0:1:0:0:1"));
        assertEquals("2001:0:0:1::1", text("2001:0:0:1:0:0:0:1"));
        assertEquals("::1", text("::1"));
        assertEquals("::", text("::"));
        assertEquals("fe80::abcd", text("fe80::ABCD"));
        assertEquals("fe80::1", text("fe80::1%1"));
    }

    @Test
    void ipv4CompatibleAndMappedKeepADottedTail() throws Exception {
        assertEquals("::198.18.0.1", text("::c612:1"));
        assertEquals("::ffff:198.18.0.1", InetText.of(java.net.Inet6Address.getByAddress(null,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 198, 18, 0, 1}, null)));
    }
}
