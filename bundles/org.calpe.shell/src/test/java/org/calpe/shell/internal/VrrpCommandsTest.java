package org.calpe.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.calpe.vrrp.api.VrrpState;
import org.calpe.vrrp.api.dto.GroupStatus;
import org.calpe.vrrp.api.dto.InstanceStats;
import org.calpe.vrrp.api.dto.InstanceStatus;
import org.junit.jupiter.api.Test;

class VrrpCommandsTest {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    private static final InstanceStatus BACKUP = new InstanceStatus("VI_backup_long", 7, "calpe-lab1", "inet", 3,
            VrrpState.BACKUP, VrrpState.BACKUP, 100, 90, Duration.ofMillis(100), Duration.ofMillis(200),
            "198.18.0.3", 200, List.of(), Instant.parse("2026-01-02T03:04:05Z"),
            new InstanceStats(10, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14));

    private final FakeVrrp vrrp = new FakeVrrp(List.of(FakeVrrp.VI_1, BACKUP),
            List.of(new GroupStatus("G1", VrrpState.BACKUP, List.of("VI_backup_long", "VI_gone"),
                    Instant.parse("2026-01-02T03:04:05Z"))));

    private String text() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tableListsInstancesAndGroups() {
        new VrrpCommands(vrrp, out).vrrp();
        String[] lines = text().split("\n");
        assertEquals("NAME            STATE    INTERFACE   VRID  PRIO     MASTER           VIPS", lines[0]);
        assertEquals("VI_1            MASTER   calpe-sv0     51  150/150  -                198.18.0.100/24, "
                + "198.18.0.101/24, 198.18.0.102, 198.18.0.103/24 brd 198.18.0.255 label calpe-sv0:1", lines[1]);
        assertEquals("VI_backup_long  BACKUP   calpe-lab1     7  100/90   198.18.0.3       -", lines[2]);
        assertEquals("", lines[3]);
        assertEquals("GROUP           STATE    INSTANCES", lines[4]);
        assertEquals("G1              BACKUP   VI_backup_long, VI_gone", lines[5]);
        assertEquals(6, lines.length);
    }

    @Test
    void detailShowsCountersUnderKeepalivedsNames() {
        new VrrpCommands(vrrp, out).vrrp("VI_backup_long");
        String t = text();
        assertTrue(t.startsWith("Instance:    VI_backup_long\n"
                + "State:       BACKUP (wanted BACKUP) since 2026-01-02T03:04:05Z\n"
                + "Interface:   calpe-lab1 (inet, VRRPv3)\n"
                + "VRID:        7\n"
                + "Priority:    100 base, 90 effective\n"
                + "Advert int:  0.1s (master's 0.2s)\n"
                + "Master:      198.18.0.3 priority 200\n"
                + "Sync group:  G1 (BACKUP)\n"
                + "VIPs:        none\n"
                + "Counters:\n"
                + "  advert_rcvd          10\n"
                + "  advert_sent          0\n"), t);
        assertTrue(t.contains("  vers_err             4\n  invalid_type_rcvd    5\n  chk_err              6\n"), t);
        assertTrue(t.endsWith("  auth_failure         11\n  other_drops          12\n  pri_zero_rcvd        13\n"
                + "  pri_zero_sent        14\n"), t);
    }

    @Test
    void detailOfMasterListsEveryVip() {
        new VrrpCommands(vrrp, out).vrrp("VI_1");
        String t = text();
        assertTrue(t.contains("Master:      unknown\nSync group:  none\nVIPs:        198.18.0.100/24\n"
                + "             198.18.0.101/24\n             198.18.0.102\n"), t);
    }

    @Test
    void groupAndUnknownNames() {
        VrrpCommands c = new VrrpCommands(vrrp, out);
        c.vrrp("G1");
        assertTrue(text().startsWith("Sync group:  G1\nState:       BACKUP since 2026-01-02T03:04:05Z\n"
                + "Instances:   VI_backup_long BACKUP\n             VI_gone unknown\n"), text());
        c.vrrp("nope");
        assertTrue(text().endsWith("No VRRP instance or sync group nope\n"), text());
    }

    @Test
    void withoutEngineEveryCommandSaysSo() {
        VrrpCommands c = new VrrpCommands(null, out);
        c.vrrp();
        c.vrrp("VI_1");
        assertEquals(VrrpReports.NO_ENGINE + VrrpReports.NO_ENGINE, text());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        new VrrpJsonCommand(null, out, new PrintStream(err, true, StandardCharsets.UTF_8)).execute(null, List.of());
        assertEquals(VrrpReports.NO_ENGINE, err.toString(StandardCharsets.UTF_8));
        assertEquals(VrrpReports.NO_ENGINE + VrrpReports.NO_ENGINE, text());
    }

    @Test
    void engineWithoutInstances() {
        new VrrpCommands(new FakeVrrp(List.of(), List.of()), out).vrrp();
        assertEquals("No VRRP instances configured\n", text());
    }

    @Test
    void vrrpJsonRejectsArguments() {
        VrrpJsonCommand c = new VrrpJsonCommand(vrrp, out, out);
        assertThrows(IllegalArgumentException.class, () -> c.execute(null, List.of("x")));
    }

    /** Both commands through a real Gogo command processor, as the shell calls them. */
    @Test
    void gogoRunsVrrpAndVrrpJson() throws Exception {
        ThreadIOImpl tio = new ThreadIOImpl();
        tio.start();
        try {
            CommandProcessorImpl gogo = new CommandProcessorImpl(tio);
            gogo.addCommand("calpe", new VrrpCommands(FakeVrrp.golden(), null), "vrrp");
            gogo.addCommand("calpe", new VrrpJsonCommand(FakeVrrp.golden(), null, null), "vrrp-json");
            try (CommandSession s = gogo.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
                s.execute("calpe:vrrp-json");
                assertEquals(KeepalivedJsonTest.golden(), text());
                buffer.reset();
                s.execute("calpe:vrrp VI_6");
                assertTrue(text().startsWith("Instance:    VI_6\n"), text());
                assertTrue(text().contains("VIPs:        2001:db8::100/64\n             2001:db8::101\n"), text());
            }
        } finally {
            tio.stop();
        }
    }
}
