package org.calpe.config.keepalived.schema.vrrp;

import static org.calpe.config.keepalived.schema.vrrp.VrrpParsing.has;
import static org.calpe.config.keepalived.schema.vrrp.VrrpParsing.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.calpe.config.api.Diagnostic;
import org.calpe.config.api.ParseResult;
import org.calpe.config.api.Severity;
import org.calpe.config.api.model.Block;
import org.calpe.config.keepalived.cm.ConfigTranslator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The global_defs keywords Calpe adds for org.calpe.alert.smtp (keepalived 2.2.7 does not know them, so they are
 * not in the keepalived-golden corpus): smtp_starttls off|on|required, smtp_tls_ca FILE, smtp_auth_user USER,
 * smtp_auth_password PASSWORD, smtp_queue_max N.
 */
class SmtpAlertKeywordsTest {
    @TempDir
    Path tmp;

    private ParseResult defs(String lines) {
        return parse(tmp, "global_defs {\n" + lines + "\n}\n");
    }

    @Test
    void validValuesAreTypedAndReachConfigAdmin() {
        ParseResult r = defs(" smtp_server 127.0.0.1 2525\n smtp_starttls required\n smtp_tls_ca /etc/calpe/ca.pem\n"
                + " smtp_auth_user alice\n smtp_auth_password \"pass word\"\n smtp_queue_max 500");
        assertEquals(0, r.exitCode(), () -> VrrpParsing.messages(r).toString());
        assertTrue(r.diagnostics().isEmpty(), () -> VrrpParsing.messages(r).toString());
        Block g = r.config().orElseThrow().globalDefs().orElseThrow();
        assertEquals("required", g.value("smtp_starttls", String.class).orElseThrow());
        assertEquals(500, g.value("smtp_queue_max", Integer.class).orElseThrow());
        Map<String, Object> p = new ConfigTranslator().translate(r.config().orElseThrow()).get("org.calpe.Global")
                .properties();
        assertEquals("required", p.get("smtp_starttls"));
        assertEquals("/etc/calpe/ca.pem", p.get("smtp_tls_ca"));
        assertEquals("alice", p.get("smtp_auth_user"));
        assertEquals("pass word", p.get("smtp_auth_password"));
        assertEquals(500, p.get("smtp_queue_max"));
        // keepalived's own keywords as org.calpe.alert.smtp reads them
        Object server = p.get("smtp_server");
        String printed = server instanceof String[] a ? String.join(" ", a) : String.valueOf(server);
        assertEquals("127.0.0.1 2525", printed);
    }

    @Test
    void keepalivedsMailKeywordsAsConfigAdminValues() {
        ParseResult r = defs(" notification_email {\n  a@example.invalid\n  b@example.invalid\n }\n smtp_alert\n"
                + " smtp_alert_vrrp off\n no_email_faults\n smtp_connect_timeout 7");
        assertEquals(0, r.exitCode(), () -> VrrpParsing.messages(r).toString());
        Map<String, Object> p = new ConfigTranslator().translate(r.config().orElseThrow()).get("org.calpe.Global")
                .properties();
        assertEquals(java.util.List.of("a@example.invalid", "b@example.invalid"),
                java.util.List.of((String[]) p.get("notification_email")));
        assertEquals(Boolean.TRUE, p.get("smtp_alert"));
        assertEquals(Boolean.FALSE, p.get("smtp_alert_vrrp"));
        assertEquals(Boolean.TRUE, p.get("no_email_faults"));
        assertEquals(7, p.get("smtp_connect_timeout"));
    }

    @Test
    void everyStartTlsWord() {
        for (String w : new String[] {"off", "on", "required"}) {
            ParseResult r = defs("smtp_starttls " + w);
            assertEquals(0, r.exitCode(), () -> w + ": " + VrrpParsing.messages(r));
        }
    }

    @Test
    void badValuesAreReportedWithTheirLine() {
        ParseResult r = defs(" router_id x\n smtp_starttls maybe");
        assertTrue(has(r, Severity.ERROR, "smtp_starttls: invalid value 'maybe'"), () -> VrrpParsing.messages(r)
                .toString());
        Diagnostic d = r.diagnostics().stream().filter(x -> x.message().contains("maybe")).findFirst().orElseThrow();
        assertEquals(3, d.location().line());
        assertTrue(d.location().column() > 0);
        assertTrue(has(defs("smtp_queue_max 0"), Severity.ERROR, "smtp_queue_max '0' must be in [1, 1000000]"));
        assertTrue(has(defs("smtp_queue_max lots"), Severity.ERROR, "smtp_queue_max 'lots' must be in"));
        assertTrue(has(defs("smtp_auth_user"), Severity.ERROR, "smtp_auth_user requires a user name"));
        assertTrue(has(defs("smtp_tls_ca"), Severity.ERROR, "smtp_tls_ca requires a PEM file name"));
    }

    @Test
    void halfConfiguredAuthIsWarnedAbout() {
        assertTrue(has(defs("smtp_auth_password secret"), Severity.WARNING, "without smtp_auth_user"));
        assertTrue(has(defs("smtp_auth_user alice"), Severity.WARNING, "empty password"));
    }
}
