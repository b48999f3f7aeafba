package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The track_file watcher on a real directory: init_file, reads as keepalived's strtol, changes seen. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TrackFileWatcherTest {
    @TempDir
    Path dir;
    private final BlockingQueue<String> changes = new LinkedBlockingQueue<>();
    private final TrackFileWatcher watcher = new TrackFileWatcher(changes::add, r -> {
        Thread t = new Thread(r, "test-track-file");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void close() {
        watcher.close();
    }

    @Test
    void numbersAreReadAsStrtolBaseZero() {
        assertEquals(0, TrackFileWatcher.parse(""));
        assertEquals(0, TrackFileWatcher.parse("abc"));
        assertEquals(12, TrackFileWatcher.parse("  12\n"));
        assertEquals(-7, TrackFileWatcher.parse("\t-7 apples"));
        assertEquals(5, TrackFileWatcher.parse("+5"));
        assertEquals(16, TrackFileWatcher.parse("0x10"));
        assertEquals(255, TrackFileWatcher.parse("0XfF"));
        assertEquals(8, TrackFileWatcher.parse("010"));
        assertEquals(0, TrackFileWatcher.parse("0x"));
        assertEquals(0, TrackFileWatcher.parse("09"));
        assertEquals(Integer.MAX_VALUE, TrackFileWatcher.parse("99999999999999999999"));
        assertEquals(Integer.MIN_VALUE, TrackFileWatcher.parse("-99999999999999999999"));
    }

    @Test
    void initFileCreatesMissingFilesAndOverwritesOnlyAtStart() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path c = dir.resolve("c");
        Files.writeString(b, "9\n");
        Files.writeString(c, "9\n");
        TrackFileSpec sa = new TrackFileSpec("A", a.toString(), 1, false, true, 3, false);
        TrackFileSpec sb = new TrackFileSpec("B", b.toString(), 1, false, true, 4, false);
        TrackFileSpec sc = new TrackFileSpec("C", c.toString(), 1, false, true, -2, true);
        watcher.define(List.of(sa, sb, sc));
        assertEquals("3\n", Files.readString(a));
        assertEquals("9\n", Files.readString(b), "init_file without overwrite leaves an existing file");
        assertEquals("-2\n", Files.readString(c));
        assertEquals(3, watcher.value("A"));
        assertEquals(9, watcher.value("B"));
        assertEquals(-2, watcher.value("C"));

        Files.writeString(c, "1\n");
        Files.delete(a);
        watcher.define(List.of(sa, sb, sc)); // a reload: overwrite is held back, a missing file is created
        assertEquals("1\n", Files.readString(c));
        assertEquals("3\n", Files.readString(a));
    }

    @Test
    void anEngineContinuingAfterAHandOverDoesNotOverwrite() throws Exception {
        // a bundle update is not keepalived's start: an operator's value in the file must survive it
        Path c = dir.resolve("c");
        Files.writeString(c, "7\n");
        watcher.continuing();
        watcher.define(List.of(new TrackFileSpec("C", c.toString(), 1, false, true, 0, true)));
        assertEquals("7\n", Files.readString(c));
        assertEquals(7, watcher.value("C"));
    }

    @Test
    void aMissingDirectoryIsNotTrackedAMissingFileHoldsZero() throws Exception {
        watcher.define(List.of(new TrackFileSpec("GONE", dir.resolve("nodir/f").toString(), 1, false, false, 0,
                false), new TrackFileSpec("LATER", dir.resolve("later").toString(), 1, false, false, 0, false)));
        assertEquals(Set.of("LATER"), watcher.usable());
        assertEquals(0, watcher.value("LATER"));
        Files.writeString(dir.resolve("later"), "42\n");
        assertEquals("LATER", changes.poll(10, TimeUnit.SECONDS));
        assertEquals(42, watcher.value("LATER"));
    }

    @Test
    void writesMovesAndDeletesAreSeen() throws Exception {
        Path f = dir.resolve("prio");
        Files.writeString(f, "0\n");
        watcher.define(List.of(new TrackFileSpec("P", f.toString(), 1, false, false, 0, false),
                new TrackFileSpec("OTHER", dir.resolve("other").toString(), 1, false, false, 0, false)));
        assertEquals(0, watcher.value("P"));

        Files.writeString(f, "-20\n");
        assertEquals("P", changes.poll(10, TimeUnit.SECONDS));
        assertEquals(-20, watcher.value("P"));

        Path tmp = dir.resolve("prio.new");
        Files.writeString(tmp, "0x1f");
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertEquals("P", changes.poll(10, TimeUnit.SECONDS));
        assertEquals(31, watcher.value("P"));

        Files.writeString(f, "31\n"); // same value: nothing to report
        Files.delete(f);
        assertEquals("P", changes.poll(10, TimeUnit.SECONDS));
        assertEquals(0, watcher.value("P"), "a deleted file holds 0");
        assertTrue(changes.isEmpty(), changes.toString());

        watcher.define(List.of()); // forgotten
        assertEquals(Set.of(), watcher.usable());
        Files.writeString(f, "5\n");
        assertEquals(null, changes.poll(500, TimeUnit.MILLISECONDS));
        assertFalse(watcher.usable().contains("P"));
    }
}
