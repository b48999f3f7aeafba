package org.calpe.alert.smtp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.calpe.alert.smtp.mail.Alert;
import org.junit.jupiter.api.Test;

class SmtpSessionTest {
    private static SmtpSettings settings(StartTls tls, String user) {
        return new SmtpSettings("198.18.0.25", 25, "calpe1", Duration.ofSeconds(5), tls, null, user, "secret");
    }

    private static Alert alert(long seq, String subject, String... to) {
        return new Alert(seq, 0L, "ka@example.invalid", List.of(to), subject, "=> body <=");
    }

    @Test
    void ehloThenSeveralAlertsOnOneConnectionInOrder() {
        ScriptedRelay r = new ScriptedRelay(settings(StartTls.ON, null),
                List.of(alert(1, "one", "a@example.invalid"), alert(2, "two", "a@example.invalid", "b@example.invalid")));
        assertEquals("EHLO calpe1\r\n", r.reply("220 relay ESMTP"));
        assertEquals("MAIL FROM:<ka@example.invalid>\r\n", r.reply("250-relay", "250-SIZE 1000", "250 8BITMIME"));
        assertEquals("RCPT TO:<a@example.invalid>\r\n", r.reply("250 ok"));
        assertEquals("DATA\r\n", r.reply("250 ok"));
        String data = r.reply("354 go");
        assertTrue(data.contains("Subject: one\r\n") && data.endsWith("=> body <=\r\n\r\n.\r\n"), data);
        assertTrue(r.delivered.isEmpty(), "nothing is delivered before the 250 to the end of DATA");
        assertEquals("MAIL FROM:<ka@example.invalid>\r\n", r.reply("250 queued as 1"));
        assertEquals(1, r.delivered.size());
        assertEquals("RCPT TO:<a@example.invalid>\r\n", r.reply("250 ok"));
        assertEquals("RCPT TO:<b@example.invalid>\r\n", r.reply("250 ok"));
        assertEquals("DATA\r\n", r.reply("250 ok"));
        assertTrue(r.reply("354 go").contains("To: a@example.invalid, b@example.invalid\r\n"));
        assertEquals("QUIT\r\n", r.reply("250 queued as 2"));
        r.reply("221 bye");
        assertEquals(new SessionResult(2, 0, null), r.result.join());
        assertEquals(List.of(1L, 2L), r.delivered.stream().map(Alert::seq).toList());
    }

    @Test
    void heloWhenTheRelayDoesNotKnowEhlo() {
        ScriptedRelay r = new ScriptedRelay(settings(StartTls.ON, null), List.of(alert(1, "one", "a@example.invalid")));
        r.reply("220 old relay");
        assertEquals("HELO calpe1\r\n", r.reply("502 command not implemented"));
        assertEquals("MAIL FROM:<ka@example.invalid>\r\n", r.reply("250 hello"));
    }

    @Test
    void startTlsRequiredButNotOfferedSendsNothing() {
        ScriptedRelay r = new ScriptedRelay(settings(StartTls.REQUIRED, null), List.of(alert(1, "one", "a@x.invalid")));
        r.reply("220 relay");
        r.reply("250-relay", "250 AUTH PLAIN");
        SessionResult res = r.result.join();
        assertTrue(res.error().contains("does not offer STARTTLS"), res.error());
        assertFalse(r.sent().contains("MAIL FROM"));
        assertTrue(r.delivered.isEmpty());
    }

    @Test
    void startTlsIsAskedForWhenOffered() {
        ScriptedRelay r = new ScriptedRelay(settings(StartTls.ON, null), List.of(alert(1, "one", "a@x.invalid")));
        r.reply("220 relay");
        assertEquals("STARTTLS\r\n", r.reply("250-relay", "250 STARTTLS"));
        // refused: "on" goes on in the clear
        assertEquals("MAIL FROM:<ka@example.invalid>\r\n", r.reply("454 TLS not available"));
    }

    @Test
    void noCredentialsInTheClearToARemoteRelay() {
        ScriptedRelay r = new ScriptedRelay(settings(StartTls.OFF, "alice"), List.of(alert(1, "one", "a@x.invalid")));
        r.reply("220 relay");
        r.reply("250-relay", "250 AUTH PLAIN LOGIN");
        assertTrue(r.result.join().error().contains("without TLS"));
        assertFalse(r.sent().contains("AUTH"));
    }

    @Test
    void authNotOfferedSendsWithoutIt() {
        ScriptedRelay r = new ScriptedRelay(settings(StartTls.OFF, "alice"), List.of(alert(1, "one", "a@x.invalid")));
        r.reply("220 relay");
        assertEquals("MAIL FROM:<ka@example.invalid>\r\n", r.reply("250 relay"));
    }

    @Test
    void permanentRefusalDropsThatAlertAndGoesOn() {
        ScriptedRelay r = new ScriptedRelay(settings(StartTls.OFF, null),
                List.of(alert(1, "one", "nobody@x.invalid"), alert(2, "two", "a@x.invalid")));
        r.reply("220 relay");
        r.reply("250 relay");
        r.reply("250 ok"); // MAIL
        assertEquals("RSET\r\n", r.reply("550 no such user"));
        assertEquals("MAIL FROM:<ka@example.invalid>\r\n", r.reply("250 reset"));
        r.reply("250 ok");
        r.reply("250 ok");
        r.reply("354 go");
        assertEquals("QUIT\r\n", r.reply("250 queued"));
        r.reply("221 bye");
        assertEquals(new SessionResult(1, 1, null), r.result.join());
        assertEquals(1, r.rejected.size());
        assertEquals(2L, r.delivered.get(0).seq());
    }

    @Test
    void temporaryFailureEndsTheSessionAndDeliversNothing() {
        ScriptedRelay r = new ScriptedRelay(settings(StartTls.OFF, null), List.of(alert(1, "one", "a@x.invalid")));
        r.reply("220 relay");
        r.reply("250 relay");
        r.reply("250 ok");
        r.reply("250 ok");
        r.reply("354 go");
        r.reply("451 try again later");
        SessionResult res = r.result.join();
        assertEquals(0, res.delivered());
        assertTrue(res.error().contains("451"), res.error());
        assertTrue(r.delivered.isEmpty() && r.rejected.isEmpty());
    }

    @Test
    void aRelayThatHangsUpIsAnError() {
        ScriptedRelay r = new ScriptedRelay(settings(StartTls.OFF, null), List.of(alert(1, "one", "a@x.invalid")));
        r.reply("220 relay");
        r.channel.close();
        assertTrue(r.result.join().error().contains("closed the connection"));
    }

    @Test
    void greetingOtherThan220() {
        ScriptedRelay r = new ScriptedRelay(settings(StartTls.OFF, null), List.of(alert(1, "one", "a@x.invalid")));
        r.reply("554 go away");
        assertEquals("Error connecting SMTP server [198.18.0.25]:25. SMTP status code = 554", r.result.join().error());
    }
}
