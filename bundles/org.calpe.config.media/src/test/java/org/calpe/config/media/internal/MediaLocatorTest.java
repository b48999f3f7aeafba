package org.calpe.config.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaLocatorTest {
    @TempDir
    Path tmp;

    @Test
    void precedence() throws Exception {
        MediaLocator none = new MediaLocator(tmp.resolve("by-label"), tmp.resolve("mounts"));
        Path example = tmp.resolve("example");
        assertEquals(tmp.resolve("cfg"), none.locate(tmp.resolve("cfg").toString(), "/fw", () -> example).directory());
        assertEquals(Path.of("/fw"), none.locate("", "/fw", () -> example).directory());
        MediaLocation ex = none.locate(null, null, () -> example);
        assertEquals(example, ex.directory());
        assertEquals("bundled example", ex.origin());
    }

    @Test
    void labelledPartitionFromProcMounts() throws Exception {
        Path dev = Files.createFile(tmp.resolve("sdz1"));
        Path byLabel = Files.createDirectories(tmp.resolve("by-label"));
        Files.createSymbolicLink(byLabel.resolve("CALPE"), dev);
        Path mounts = tmp.resolve("mounts");
        Files.writeString(mounts, "proc /proc proc rw 0 0\n" + dev + " /media/CALPE\\040stick vfat rw 0 0\n");
        MediaLocator locator = new MediaLocator(byLabel, mounts);
        assertEquals(Optional.of(Path.of("/media/CALPE stick")), locator.labelledPartition());
        MediaLocation l = locator.locate("", "", () -> tmp);
        assertEquals("partition labelled CALPE", l.origin());
    }

    @Test
    void labelledButNotMountedFallsBack() throws Exception {
        Path dev = Files.createFile(tmp.resolve("sdz1"));
        Path byLabel = Files.createDirectories(tmp.resolve("by-label"));
        Files.createSymbolicLink(byLabel.resolve("CALPE"), dev);
        Path mounts = Files.writeString(tmp.resolve("mounts"), "proc /proc proc rw 0 0\n");
        assertTrue(new MediaLocator(byLabel, mounts).labelledPartition().isEmpty());
    }

    @Test
    void unescapeOctal() {
        assertEquals("a b\tc\\", MediaLocator.unescape("a\\040b\\011c\\134"));
        assertEquals("x\\0", MediaLocator.unescape("x\\0"));
    }
}
