package org.calpe.config.media.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.felix.inventory.Format;
import org.calpe.config.api.ConfigMedia;
import org.calpe.config.api.Diagnostic;
import org.calpe.config.api.Location;
import org.calpe.config.api.MediaStatus;
import org.calpe.config.api.ReloadOutcome;
import org.calpe.config.api.Severity;
import org.calpe.config.api.SnapshotInfo;
import org.junit.jupiter.api.Test;

class MediaInventoryPrinterTest {
    @Test
    void printsStateDiagnosticsAndSnapshots() {
        ConfigMedia media = new ConfigMedia() {
            @Override
            public MediaStatus status() {
                return new MediaStatus("/m", "test", MediaStatus.State.LOST, "gone; running on the last good",
                        Optional.of(Instant.EPOCH), "19700101T000000Z-1",
                        List.of(new Diagnostic(Severity.ERROR, new Location("k.conf", 3, 2), "bad")), Set.of("/m/k"));
            }

            @Override
            public List<SnapshotInfo> snapshots() {
                return List.of(new SnapshotInfo("19700101T000000Z-1", Instant.EPOCH, "applied", List.of("k")));
            }

            @Override
            public ReloadOutcome reload() {
                throw new UnsupportedOperationException();
            }

            @Override
            public ReloadOutcome rollback(String id) {
                throw new UnsupportedOperationException();
            }
        };
        StringWriter w = new StringWriter();
        new MediaInventoryPrinter(media).print(new PrintWriter(w), Format.TEXT, false);
        String text = w.toString();
        assertTrue(text.contains("State:    LOST"), text);
        assertTrue(text.contains("  k.conf:3:2: error: bad"), text);
        assertTrue(text.contains("* 19700101T000000Z-1"), text);
    }
}
