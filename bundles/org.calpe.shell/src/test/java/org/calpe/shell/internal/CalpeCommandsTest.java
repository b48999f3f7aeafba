package org.calpe.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.calpe.config.api.ApplyResult;
import org.calpe.config.api.ConfigMedia;
import org.calpe.config.api.ConfigurationParser;
import org.calpe.config.api.Diagnostic;
import org.calpe.config.api.Location;
import org.calpe.config.api.MediaStatus;
import org.calpe.config.api.ParseResult;
import org.calpe.config.api.ReloadOutcome;
import org.calpe.config.api.Severity;
import org.calpe.config.api.SnapshotInfo;
import org.junit.jupiter.api.Test;

class CalpeCommandsTest {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    private final List<Path> parsed = new ArrayList<>();

    private final ConfigurationParser parser = (file, options) -> {
        parsed.add(file);
        if (file.toString().endsWith("bad.conf")) {
            return new ParseResult(Optional.empty(), List.of(new Diagnostic(Severity.ERROR,
                    new Location("bad.conf", 4, 5), "number '300' outside range [1, 255]")), Set.of(file));
        }
        return new ParseResult(Optional.empty(), List.of(), Set.of(file));
    };

    private final ConfigMedia media = new ConfigMedia() {
        final List<String> rolledBack = new ArrayList<>();

        @Override
        public MediaStatus status() {
            return new MediaStatus("/media/calpe", "test", MediaStatus.State.REJECTED, "rejected, running old",
                    Optional.of(Instant.parse("2026-01-02T03:04:05Z")), "20260102T030405Z-2", List.of(),
                    Set.of("/media/calpe/keepalived.conf"));
        }

        @Override
        public List<SnapshotInfo> snapshots() {
            return List.of(new SnapshotInfo("20260101T000000Z-1", Instant.parse("2026-01-01T00:00:00Z"), "applied",
                    List.of("keepalived.conf")), new SnapshotInfo("20260102T030405Z-2",
                            Instant.parse("2026-01-02T03:04:05Z"), "applied", List.of("keepalived.conf", "a.conf")));
        }

        @Override
        public ReloadOutcome reload() {
            return new ReloadOutcome(true, 0, List.of(), Optional.of(new ApplyResult(List.of("a"), List.of(),
                    List.of(), 3)), "20260102T030405Z-3", "applied: 1 created, 0 updated, 0 deleted, 3 unchanged");
        }

        @Override
        public ReloadOutcome rollback(String id) {
            if (!id.startsWith("2026")) {
                throw new IllegalArgumentException("no snapshot " + id);
            }
            rolledBack.add(id);
            return new ReloadOutcome(true, 0, List.of(), Optional.empty(), "20260102T030405Z-4", "rolled back");
        }
    };

    private String text() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void configtestPrintsDiagnosticsAndReturnsTheExitCode() {
        CalpeCommands c = new CalpeCommands(parser, media, out);
        assertEquals(5, c.configtest("/tmp/x/bad.conf"));
        assertTrue(text().startsWith("bad.conf:4:5: error: number '300' outside range [1, 255]\n"), text());
        assertTrue(text().contains("exit code 5 (errors or warnings)"), text());
        assertEquals(0, c.configtest("/tmp/x/good.conf"));
        assertTrue(text().contains("good.conf is valid"), text());
    }

    @Test
    void configtestWithoutFileChecksTheMedia() {
        new CalpeCommands(parser, media, out).configtest();
        assertEquals(Path.of("/media/calpe/keepalived.conf"), parsed.get(0));
        assertEquals(4, new CalpeCommands(parser, null, out).configtest());
    }

    @Test
    void mediaSnapshotsReloadRollback() {
        CalpeCommands c = new CalpeCommands(parser, media, out);
        c.media();
        assertTrue(text().contains("State:     REJECTED"), text());
        assertTrue(text().contains("Snapshot:  20260102T030405Z-2"), text());
        c.snapshots();
        assertTrue(text().contains("* 20260102T030405Z-2"), text());
        assertTrue(text().contains("  20260101T000000Z-1"), text());
        c.reload();
        assertTrue(text().contains("Applied: applied: 1 created"), text());
        c.rollback("20260101T000000Z-1");
        assertTrue(text().contains("Applied: rolled back [snapshot 20260102T030405Z-4]"), text());
        c.rollback("nope");
        assertTrue(text().endsWith("no snapshot nope\n"), text());
    }

    @Test
    void withoutMediaServiceCommandsSaySo() {
        CalpeCommands c = new CalpeCommands(parser, null, out);
        c.media();
        c.snapshots();
        c.reload();
        c.rollback("x");
        assertEquals(4, text().split("No config media service", -1).length - 1);
    }
}
