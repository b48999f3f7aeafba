package org.calpe.alert.smtp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.calpe.alert.smtp.mail.Alert;
import org.calpe.alert.smtp.mail.KeepalivedMails;
import org.calpe.alert.smtp.mail.MailText;
import org.calpe.vrrp.api.VrrpState;
import org.junit.jupiter.api.Test;

/**
 * Whole SMTP transactions compared byte for byte with what keepalived 2.2.7 sent (src/test/resources/golden,
 * see its README). Calpe opens with EHLO; the scripted relay refuses it, so Calpe falls back to HELO and from
 * there every byte must equal keepalived's.
 */
class KeepalivedGoldenTest {
    private static final List<String> TWO = List.of("ops@example.invalid", "noc@example.invalid");

    private static String golden(String name) throws IOException {
        try (InputStream in = KeepalivedGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static long dateOf(String golden) {
        Matcher m = Pattern.compile("Date: (.*)\r\n").matcher(golden);
        m.find();
        return ZonedDateTime.parse(m.group(1), DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss xx",
                Locale.ROOT)).toInstant().toEpochMilli();
    }

    private static String session(String golden, String from, List<String> to, MailText text) {
        Alert a = new Alert(1, dateOf(golden), from, to, text.subject(), text.body());
        SmtpSettings s = new SmtpSettings("127.0.0.1", 2525, "vm", Duration.ofSeconds(5), StartTls.OFF, null, null,
                null);
        ScriptedRelay r = new ScriptedRelay(s, List.of(a));
        r.reply("220 fake ESMTP");
        r.reply("500 unknown command");
        r.reply("250 ok");
        r.reply("250 ok");
        for (int i = 0; i < to.size(); i++) {
            r.reply("250 ok");
        }
        r.reply("354 go");
        r.reply("250 ok queued");
        r.reply("221 bye");
        assertEquals(1, r.result.join().delivered());
        String sent = r.sent();
        assertEquals("EHLO vm\r\n", sent.substring(0, sent.indexOf("\r\n") + 2));
        return sent.substring(sent.indexOf("\r\n") + 2);
    }

    @Test
    void instanceMaster() throws IOException {
        String g = golden("instance-master.bin");
        assertEquals(g, session(g, "ka@example.invalid", TWO,
                KeepalivedMails.instance("calpe-golden", "VI_1", VrrpState.MASTER).orElseThrow()));
    }

    @Test
    void instanceBackup() throws IOException {
        String g = golden("instance-backup.bin");
        assertEquals(g, session(g, "ka@example.invalid", TWO,
                KeepalivedMails.instance("calpe-golden", "VI_1", VrrpState.BACKUP).orElseThrow()));
    }

    @Test
    void groupMasterAndBackup() throws IOException {
        String m = golden("group-master.bin");
        assertEquals(m, session(m, "ka@example.invalid", TWO,
                KeepalivedMails.group("calpe-golden", "G1", VrrpState.MASTER).orElseThrow()));
        String b = golden("group-backup.bin");
        assertEquals(b, session(b, "ka@example.invalid", TWO,
                KeepalivedMails.group("calpe-golden", "G1", VrrpState.BACKUP).orElseThrow()));
    }

    @Test
    void faultWithKeepalivedsDefaults() throws IOException {
        String g = golden("defaults-instance-fault.bin");
        // router_id and the sender default to the host name and <user>@<host name> (see GlobalSettingsTest)
        assertEquals(g, session(g, "root@vm", List.of("ops@example.invalid"),
                KeepalivedMails.instance("vm", "VI_2", VrrpState.FAULT).orElseThrow()));
    }
}
