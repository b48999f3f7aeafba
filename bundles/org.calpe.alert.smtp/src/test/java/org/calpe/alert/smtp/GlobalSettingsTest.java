package org.calpe.alert.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.calpe.alert.smtp.client.StartTls;
import org.junit.jupiter.api.Test;

class GlobalSettingsTest {
    @Test
    void keepalivedsDefaults() {
        GlobalSettings g = GlobalSettings.from(Map.of("notification_email", new String[] {"ops@example.invalid"},
                "smtp_server", "127.0.0.1"), "vm", "root");
        assertEquals("vm", g.routerId());
        assertEquals("root@vm", g.from());
        assertEquals("vm", g.smtp().heloName());
        assertEquals(25, g.smtp().port());
        assertEquals(Duration.ofSeconds(30), g.smtp().timeout());
        assertEquals(StartTls.ON, g.smtp().startTls());
        assertNull(g.smtp().authUser());
        assertEquals(1000, g.queueMax());
        assertTrue(g.mailable());
        assertFalse(g.vrrpDefault());
        assertFalse(g.checkerDefault());
    }

    @Test
    void everything() {
        GlobalSettings g = GlobalSettings.from(Map.ofEntries(Map.entry("router_id", "lb1"),
                Map.entry("notification_email", new String[] {"a@x", "b@x"}),
                Map.entry("notification_email_from", "ka@x"), Map.entry("smtp_server", "198.18.0.25 2525"),
                Map.entry("smtp_helo_name", "lb1.example"), Map.entry("smtp_connect_timeout", 5),
                Map.entry("smtp_alert", Boolean.FALSE), Map.entry("smtp_alert_vrrp", Boolean.TRUE),
                Map.entry("no_email_faults", Boolean.TRUE), Map.entry("no_checker_emails", Boolean.TRUE),
                Map.entry("smtp_starttls", "required"), Map.entry("smtp_tls_ca", "/etc/calpe/ca.pem"),
                Map.entry("smtp_auth_user", "alice"), Map.entry("smtp_auth_password", "s3cret"),
                Map.entry("smtp_queue_max", 50)), "vm", "root");
        assertEquals(List.of("a@x", "b@x"), g.recipients());
        assertEquals("[198.18.0.25]:2525", g.smtp().display());
        assertEquals("lb1.example", g.smtp().heloName());
        assertEquals(Duration.ofSeconds(5), g.smtp().timeout());
        assertEquals(StartTls.REQUIRED, g.smtp().startTls());
        assertEquals(Path.of("/etc/calpe/ca.pem"), g.smtp().tlsCa());
        assertEquals("alice", g.smtp().authUser());
        assertFalse(g.smtp().toString().contains("s3cret"));
        assertTrue(g.vrrpDefault());
        assertFalse(g.checkerDefault(), "smtp_alert off is the checker default without smtp_alert_checker");
        assertTrue(g.noEmailFaults() && g.noCheckerEmails());
        assertEquals(50, g.queueMax());
    }

    @Test
    void noServerOrNoRecipientsMeansNoMail() {
        assertFalse(GlobalSettings.from(Map.of("notification_email", "a@x"), "h", "u").mailable());
        assertFalse(GlobalSettings.from(Map.of("smtp_server", "127.0.0.1"), "h", "u").mailable());
    }

    @Test
    void switchWords() {
        assertEquals(Boolean.TRUE, GlobalSettings.bool("on"));
        assertEquals(Boolean.FALSE, GlobalSettings.bool(new String[] {"off"}));
        assertEquals(Boolean.TRUE, GlobalSettings.bool(""));
        assertNull(GlobalSettings.bool(null));
        assertNull(GlobalSettings.bool("maybe"));
    }
}
