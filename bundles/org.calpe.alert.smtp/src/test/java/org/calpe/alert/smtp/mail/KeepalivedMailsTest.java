package org.calpe.alert.smtp.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.calpe.vrrp.api.VrrpState;
import org.junit.jupiter.api.Test;

class KeepalivedMailsTest {
    @Test
    void checkerMails() {
        MailText m = KeepalivedMails.realServer("lb1", "[198.18.0.2]:tcp:80", "[198.18.0.1]:tcp:80", false,
                KeepalivedMails.checkerBody("TCP_CHECK", false, "refused", false, null));
        assertEquals("[lb1] Realserver [198.18.0.2]:tcp:80 of virtual server [198.18.0.1]:tcp:80 - DOWN", m.subject());
        assertEquals("=> TCP CHECK failed on service <=", m.body());
        assertEquals("=> CHECK failed on service : HTTP status code error <=",
                KeepalivedMails.checkerBody("HTTP_GET", false, "HTTP status code error", false, null));
        assertEquals("=> CHECK succeed on service <=", KeepalivedMails.checkerBody("SSL_GET", true, null, false, null));
        assertEquals("=> MISC CHECK timed out on service <=",
                KeepalivedMails.checkerBody("MISC_CHECK", false, null, true, null));
        assertEquals("=> MISC CHECK succeeded on service <=",
                KeepalivedMails.checkerBody("MISC_CHECK", true, null, false, null));
        assertEquals("=> DNS_CHECK: failed on service <=", KeepalivedMails.checkerBody("DNS_CHECK", false, null, false,
                null));
        assertEquals("=> ICMP CHECK succeed on service <=", KeepalivedMails.checkerBody("PING_CHECK", true, null, false,
                null));
        assertEquals("=> BFD CHECK bfd1 failed on service <=", KeepalivedMails.checkerBody("BFD_CHECK", false, null,
                false, "bfd1"));
    }

    @Test
    void quorumMailsPrintThePlusEvenWhenLost() {
        MailText up = KeepalivedMails.quorum("lb1", "[198.18.0.1]:tcp:80", true, false, 3, 1, 4, 5);
        assertEquals("[lb1] Virtualserver [198.18.0.1]:tcp:80 - UP", up.subject());
        assertEquals("=> Gained quorum 3+1=4 <= 5 <=", up.body());
        assertEquals("=> Lost quorum 3+1=2 <= 1 <=",
                KeepalivedMails.quorum("lb1", "v", false, false, 3, 1, 2, 1).body());
        assertEquals("=> Starting with quorum down 3+0=3 <= 0 <=",
                KeepalivedMails.quorum("lb1", "v", false, true, 3, 0, 3, 0).body());
        assertEquals("=> Shutting down <=", KeepalivedMails.quorumShutdown("lb1", "v").body());
        assertEquals("=> Removing <=", KeepalivedMails.realServerRemoved("lb1", "r", "v", false).body());
    }

    @Test
    void stopAndNoMailForInit() {
        assertEquals("=> VRRP Instance stopping <=",
                KeepalivedMails.instance("r", "VI_1", VrrpState.STOP).orElseThrow().body());
        assertEquals("[r] VRRP Group G - Stopping", KeepalivedMails.group("r", "G", VrrpState.STOP).orElseThrow()
                .subject());
        assertTrue(KeepalivedMails.instance("r", "VI_1", VrrpState.INIT).isEmpty());
        assertTrue(KeepalivedMails.group("r", "G", VrrpState.DELETED).isEmpty());
    }

    @Test
    void subjectAndBodyAreCutLikeKeepalivedsBuffers() {
        String longName = "x".repeat(400);
        MailText m = KeepalivedMails.instance(longName, "VI_1", VrrpState.MASTER).orElseThrow();
        assertEquals(255, m.subject().getBytes(StandardCharsets.UTF_8).length);
        assertEquals(511, KeepalivedMails.cut("y".repeat(600), 511).length());
        // never half a UTF-8 character
        assertEquals("ab", KeepalivedMails.cut("ab\u00e9", 3));
    }

    @Test
    void formatterDotStuffsAndUsesLocalTime() {
        Alert a = new Alert(1, 0L, "f@x", List.of("t@x"), "s", ".leading dot\nsecond\r\n.third");
        String s = new String(new MessageFormatter(ZoneOffset.UTC).content(a), StandardCharsets.UTF_8);
        assertTrue(s.endsWith("\r\n\r\n..leading dot\r\nsecond\r\n..third\r\n\r\n"), s);
        assertTrue(s.startsWith("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"), s);
        assertEquals("Thu, 01 Jan 1970 01:00:00 +0100",
                new MessageFormatter(ZoneId.of("Europe/Paris")).date(0L));
    }

    @Test
    void toHeaderStopsAtKeepalivedsBuffer() {
        List<String> many = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "user" + i + "@example.invalid")
                .toList();
        String to = MessageFormatter.toHeader(new Alert(1, 0, "f", many, "s", "b"));
        assertTrue(to.length() <= 1023 && to.startsWith("user0@example.invalid, user1@"), to);
    }
}
