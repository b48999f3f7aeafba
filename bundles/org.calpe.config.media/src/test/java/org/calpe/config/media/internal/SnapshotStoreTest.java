package org.calpe.config.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.calpe.config.api.SnapshotInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {
    @TempDir
    Path media;
    @TempDir
    Path outside;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T05:06:07Z"));

    @Test
    void snapshotKeepsLayoutAndManifest() throws Exception {
        Path main = write("keepalived.conf", "include conf.d/*.conf\n");
        Path inc = write("conf.d/vi.conf", "vrrp_instance VI_1 {}\n");
        Path ext = Files.writeString(outside.resolve("ext.conf"), "# outside\n");
        SnapshotStore store = new SnapshotStore(media, clock, 10);
        SnapshotInfo s = store.create(Set.of(main, inc, ext, media.resolve("gone.conf")), "applied");
        assertEquals("20260304T050607Z-1", s.id());
        Path dir = media.resolve("snapshots").resolve(s.id());
        assertEquals("include conf.d/*.conf\n", Files.readString(dir.resolve("keepalived.conf")));
        assertEquals("vrrp_instance VI_1 {}\n", Files.readString(dir.resolve("conf.d/vi.conf")));
        assertTrue(Files.exists(dir.resolve("_external").resolve(outside.toString().substring(1)).resolve("ext.conf")));
        String manifest = Files.readString(dir.resolve("manifest.txt"));
        assertTrue(manifest.startsWith("created 2026-03-04T05:06:07Z\nreason applied\n"), manifest);
        assertTrue(manifest.contains(" conf.d/vi.conf\n"), manifest);
        assertEquals(List.of(s), store.list());
    }

    @Test
    void identicalContentIsNotSnapshottedTwiceButAChangeIs() throws Exception {
        Path main = write("keepalived.conf", "a\n");
        SnapshotStore store = new SnapshotStore(media, clock, 10);
        SnapshotInfo first = store.create(Set.of(main), "applied");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(first.id(), store.create(Set.of(main), "applied").id());
        write("keepalived.conf", "b\n");
        SnapshotInfo second = store.create(Set.of(main), "applied");
        assertEquals("20260304T050608Z-2", second.id());
        assertEquals(2, store.list().size());
    }

    @Test
    void restoreWritesBackAndRemovesFilesTheSnapshotLacks() throws Exception {
        Path main = write("keepalived.conf", "old\n");
        SnapshotStore store = new SnapshotStore(media, clock, 10);
        SnapshotInfo old = store.create(Set.of(main), "applied");
        write("keepalived.conf", "new\n");
        Path added = write("conf.d/extra.conf", "extra\n");
        List<Path> written = store.restore(old.id(), Set.of(main, added));
        assertEquals(List.of(main), written);
        assertEquals("old\n", Files.readString(main));
        assertFalse(Files.exists(added));
        assertTrue(Files.isDirectory(media.resolve("snapshots").resolve(old.id())));
        try (var s = Files.list(media)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".calpe-restore")));
        }
    }

    @Test
    void unknownSnapshotIsRefused() {
        SnapshotStore store = new SnapshotStore(media, clock, 10);
        assertThrows(IllegalArgumentException.class, () -> store.restore("20990101T000000Z-9", Set.of()));
        assertThrows(IllegalArgumentException.class, () -> store.restore("../x", Set.of()));
    }

    @Test
    void oldestArePruned() throws Exception {
        SnapshotStore store = new SnapshotStore(media, clock, 2);
        Path main = media.resolve("keepalived.conf");
        for (int i = 0; i < 4; i++) {
            write("keepalived.conf", "v" + i);
            store.create(Set.of(main), "applied");
            clock.advance(Duration.ofSeconds(1));
        }
        List<SnapshotInfo> left = store.list();
        assertEquals(List.of("20260304T050609Z-3", "20260304T050610Z-4"), left.stream().map(SnapshotInfo::id).toList());
    }

    @Test
    void sequenceOfIds() {
        assertEquals(12, SnapshotStore.sequence("20260304T050609Z-12"));
        assertEquals(-1, SnapshotStore.sequence(".tmp-20260304T050609Z-12"));
        assertEquals(-1, SnapshotStore.sequence("notes"));
    }

    private Path write(String rel, String content) throws Exception {
        Path p = media.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content);
    }
}
