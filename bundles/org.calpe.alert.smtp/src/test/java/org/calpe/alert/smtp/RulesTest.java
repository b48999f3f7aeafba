package org.calpe.alert.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.calpe.alert.smtp.mail.KeepalivedMails;
import org.calpe.vrrp.api.VrrpState;
import org.junit.jupiter.api.Test;

class RulesTest {
    private final List<String> mails = new ArrayList<>();
    private final MailSink sink = (when, m) -> mails.add(m.subject() + " | " + m.body());

    private static GlobalSettings global(Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>(Map.of("router_id", "lb1", "notification_email", "a@x",
                "smtp_server", "127.0.0.1"));
        p.putAll(extra);
        return GlobalSettings.from(p, "vm", "root");
    }

    /** Switches: instance VI_OFF off, VI_ON on; real server R2 on; virtual server V2 off. */
    private static final ObjectSwitches OBJECTS = new ObjectSwitches() {
        @Override
        public Optional<Boolean> instance(String name) {
            return name.equals("VI_OFF") ? Optional.of(false) : name.equals("VI_ON") ? Optional.of(true)
                    : Optional.empty();
        }

        @Override
        public Optional<Boolean> group(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<Boolean> virtualServer(String vs) {
            return vs.equals("V2") ? Optional.of(false) : Optional.empty();
        }

        @Override
        public Optional<Boolean> realServer(String rs, String vs) {
            return rs.equals("R2") ? Optional.of(true) : Optional.empty();
        }
    };

    @Test
    void vrrpSwitchesAndInheritance() {
        VrrpRules r = new VrrpRules();
        GlobalSettings vrrpOn = global(Map.of("smtp_alert", false, "smtp_alert_vrrp", true));
        r.instance(vrrpOn, OBJECTS, "VI_1", VrrpState.MASTER, 0, sink);
        r.instance(vrrpOn, OBJECTS, "VI_OFF", VrrpState.MASTER, 0, sink);
        GlobalSettings allOff = global(Map.of());
        r.instance(allOff, OBJECTS, "VI_2", VrrpState.MASTER, 0, sink);
        r.instance(allOff, OBJECTS, "VI_ON", VrrpState.MASTER, 0, sink);
        r.group(global(Map.of("smtp_alert", true)), OBJECTS, "G1", VrrpState.BACKUP, 0, sink);
        assertEquals(List.of("[lb1] VRRP Instance VI_1 - Entering MASTER state | => VRRP Instance is now owning VRRP VIPs <=",
                "[lb1] VRRP Instance VI_ON - Entering MASTER state | => VRRP Instance is now owning VRRP VIPs <=",
                "[lb1] VRRP Group G1 - Entering BACKUP state | => All VRRP group instances are now in BACKUP state <="),
                mails);
    }

    @Test
    void noEmailFaultsAndNoRepeats() {
        VrrpRules r = new VrrpRules();
        GlobalSettings g = global(Map.of("smtp_alert", true, "no_email_faults", true));
        r.instance(g, OBJECTS, "VI_1", VrrpState.BACKUP, 0, sink);
        r.instance(g, OBJECTS, "VI_1", VrrpState.FAULT, 0, sink);
        r.instance(g, OBJECTS, "VI_1", VrrpState.BACKUP, 0, sink); // same as the last mailed state
        r.instance(g, OBJECTS, "VI_1", VrrpState.INIT, 0, sink);
        r.instance(g, OBJECTS, "VI_1", VrrpState.MASTER, 0, sink);
        r.group(g, OBJECTS, "G", VrrpState.FAULT, 0, sink);
        assertEquals(2, mails.size(), mails.toString());
    }

    @Test
    void checkerAndRealServerEventsPairInEitherOrder() {
        CheckerRules c = new CheckerRules();
        GlobalSettings g = global(Map.of("smtp_alert", true));
        String down = KeepalivedMails.checkerBody("TCP_CHECK", false, null, false, null);
        // checker first, then the real server
        c.checker(g, OBJECTS, "R1", "V1", down, 0, sink);
        c.realServer(g, OBJECTS, "R1", "V1", false, "=> CHECK failed on service <=", 0, sink);
        // real server first, then the checker
        String up = KeepalivedMails.checkerBody("HTTP_GET", true, null, false, null);
        c.realServer(g, OBJECTS, "R1", "V1", true, "=> CHECK succeed on service <=", 0, sink);
        c.checker(g, OBJECTS, "R1", "V1", up, 0, sink);
        assertEquals(List.of("[lb1] Realserver R1 of virtual server V1 - DOWN | => TCP CHECK failed on service <=",
                "[lb1] Realserver R1 of virtual server V1 - UP | => CHECK succeed on service <="), mails);
    }

    @Test
    void aCheckerChangeAloneIsMailedUnlessNoCheckerEmails() {
        CheckerRules c = new CheckerRules();
        String body = KeepalivedMails.checkerBody("TCP_CHECK", true, null, false, null);
        GlobalSettings g = global(Map.of("smtp_alert", true));
        c.checker(g, OBJECTS, "R1", "V1", body, 0, sink);
        c.flush(g, OBJECTS, "R1", "V1", sink);
        GlobalSettings quiet = global(Map.of("smtp_alert", true, "no_checker_emails", true));
        c.checker(quiet, OBJECTS, "R1", "V1", body, 0, sink);
        c.flush(quiet, OBJECTS, "R1", "V1", sink);
        // but a real server change is mailed even with no_checker_emails
        c.realServer(quiet, OBJECTS, "R1", "V1", true, body, 0, sink);
        c.flush(quiet, OBJECTS, "R1", "V1", sink);
        assertEquals(List.of("[lb1] Realserver R1 of virtual server V1 - DOWN | => TCP CHECK succeed on service <=",
                "[lb1] Realserver R1 of virtual server V1 - UP | => TCP CHECK succeed on service <="), mails);
    }

    @Test
    void checkerSwitchInheritance() {
        GlobalSettings checkerOn = global(Map.of("smtp_alert", false, "smtp_alert_checker", true));
        assertEquals(true, CheckerRules.enabled(checkerOn, OBJECTS, "R1", "V1"));
        assertEquals(false, CheckerRules.enabled(checkerOn, OBJECTS, "R1", "V2"), "the virtual server's own switch");
        assertEquals(true, CheckerRules.enabled(checkerOn, OBJECTS, "R2", "V2"), "the real server's own switch");
        assertEquals(false, CheckerRules.enabled(global(Map.of()), OBJECTS, "R1", "V1"));
        assertEquals(true, CheckerRules.enabled(global(Map.of("smtp_alert", true)), OBJECTS, "R1", "V1"));
    }
}
