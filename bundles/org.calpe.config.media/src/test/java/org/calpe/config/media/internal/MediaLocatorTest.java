package org.calpe.config.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaLocatorTest {
    @TempDir
    Path tmp;

    @Test
    void precedence() throws Exception {
        Path example = tmp.resolve("example");
        FakeCommands none = new FakeCommands(tmp.resolve("mounts"));
        LabelledPartition partition = partition(none, true);
        assertEquals(tmp.resolve("cfg"),
                MediaLocator.locate(tmp.resolve("cfg").toString(), "/fw", partition, () -> example).directory());
        assertEquals(Path.of("/fw"), MediaLocator.locate("", "/fw", partition, () -> example).directory());
        assertEquals(MediaLocator.FRAMEWORK_PROPERTY, MediaLocator.locate(" ", "/fw", partition, () -> example).origin());
        assertTrue(none.calls.isEmpty(), "a named media needs no search: " + none.calls);
        MediaLocation ex = MediaLocator.locate(null, null, partition, () -> example);
        assertEquals(example, ex.directory());
        assertEquals("bundled example", ex.origin());
        assertFalse(MediaLocator.isPartition(ex));
    }

    @Test
    void searchOffMeansExample() {
        MediaLocation ex = MediaLocator.search(null, () -> tmp);
        assertEquals(MediaLocator.EXAMPLE, ex.origin());
    }

    @Test
    void explicitIsImmediateAndEmptyWithoutNames() {
        assertTrue(MediaLocator.explicit("", null).isEmpty());
        assertTrue(MediaLocator.explicit(null, "  ").isEmpty());
        assertEquals(MediaLocator.CONFIGURATION, MediaLocator.explicit("/x", "/y").orElseThrow().origin());
    }

    @Test
    void labelledPartitionFromProcMounts() throws Exception {
        Path dev = Files.createFile(tmp.resolve("sdz1"));
        Path byLabel = Files.createDirectories(tmp.resolve("by-label"));
        Files.createSymbolicLink(byLabel.resolve("CALPE"), dev);
        Path mounts = tmp.resolve("mounts");
        Files.writeString(mounts, "proc /proc proc rw 0 0\n" + dev + " /media/CALPE\\040stick vfat rw 0 0\n");
        FakeCommands commands = new FakeCommands(mounts);
        LabelledPartition p = new LabelledPartition(byLabel, new MountTable(mounts), commands, true,
                tmp.resolve("state/media"), new MutableClock(Instant.EPOCH));
        MediaLocation l = MediaLocator.locate("", "", p, () -> tmp);
        assertEquals(Path.of("/media/CALPE stick"), l.directory());
        assertEquals("partition labelled CALPE (" + byLabel.resolve("CALPE") + ")", l.origin());
        assertTrue(MediaLocator.isPartition(l));
        assertTrue(commands.calls.isEmpty(), "udev's link and a mounted partition need no command: " + commands.calls);
    }

    @Test
    void unmountedPartitionIsMountedOnTheStateDirectory() throws Exception {
        Path dev = Files.createFile(tmp.resolve("loop7"));
        Path mounts = Files.writeString(tmp.resolve("mounts"), "proc /proc proc rw 0 0\n");
        FakeCommands commands = new FakeCommands(mounts).answer("blkid", FakeCommands.ok(dev.toString()));
        LabelledPartition p = new LabelledPartition(tmp.resolve("no-udev"), new MountTable(mounts), commands, true,
                LabelledPartition.mountDirFor(tmp.resolve("state").toString()), new MutableClock(Instant.EPOCH));
        MediaLocation l = MediaLocator.locate(null, null, p, () -> tmp.resolve("example"));
        assertEquals(tmp.resolve("state/media"), l.directory());
        assertTrue(MediaLocator.isPartition(l));
        assertEquals("mount -o rw,noatime,sync " + dev + " " + tmp.resolve("state/media"), commands.last());
    }

    private LabelledPartition partition(FakeCommands commands, boolean root) {
        return new LabelledPartition(tmp.resolve("by-label"), new MountTable(commands.mounts), commands, root,
                tmp.resolve("state/media"), new MutableClock(Instant.EPOCH));
    }
}
