package org.calpe.config.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lookup and mount decisions, against a fake mount table and fake blkid/mount/umount. */
class LabelledPartitionTest {
    @TempDir
    Path tmp;
    Path byLabel;
    Path mounts;
    Path dev;
    Path mountDir;
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    FakeCommands commands;

    @BeforeEach
    void setUp() throws Exception {
        byLabel = tmp.resolve("by-label");
        mounts = Files.writeString(tmp.resolve("mounts"), "proc /proc proc rw 0 0\n");
        dev = Files.createFile(tmp.resolve("loop5"));
        mountDir = tmp.resolve("state/media");
        commands = new FakeCommands(mounts);
    }

    private LabelledPartition partition(boolean root) {
        return new LabelledPartition(byLabel, new MountTable(mounts), commands, root, mountDir, clock);
    }

    private String mountCommand() {
        return "mount -o rw,noatime,sync " + dev + " " + mountDir;
    }

    @Test
    void udevLinkIsUsedWithoutBlkid() throws Exception {
        Files.createDirectories(byLabel);
        Files.createSymbolicLink(byLabel.resolve("CALPE"), dev);
        assertEquals(Optional.of(byLabel.resolve("CALPE")), partition(true).findDevice());
        assertTrue(commands.calls.isEmpty());
    }

    @Test
    void blkidFindsItWithoutUdev() {
        commands.answer("blkid", FakeCommands.ok(dev + "\n"));
        assertEquals(Optional.of(dev), partition(true).findDevice());
        assertEquals(List.of("blkid -L CALPE"), commands.lines());
    }

    @Test
    void noLabelNoTimeoutNoGarbage() {
        commands.answer("blkid", FakeCommands.fail(2, ""), FakeCommands.timeout(), FakeCommands.ok("weird"));
        LabelledPartition p = partition(true);
        assertTrue(p.findDevice().isEmpty(), "exit code 2: no such label");
        assertTrue(p.findDevice().isEmpty(), "no answer in time");
        assertTrue(p.findDevice().isEmpty(), "not a device path");
    }

    @Test
    void noPartitionMeansNoAttachmentAndNoMount() {
        commands.answer("blkid", FakeCommands.fail(2, ""));
        assertTrue(partition(true).attach().isEmpty());
        assertEquals(List.of("blkid -L CALPE"), commands.lines());
        assertFalse(Files.exists(mountDir), "no mount point made for nothing");
    }

    @Test
    void mountedElsewhereIsUsedAsItIsAndLeftAlone() throws Exception {
        commands.answer("blkid", FakeCommands.ok(dev.toString()));
        Files.writeString(mounts, dev + " /media/usb0 vfat rw 0 0\n", java.nio.file.StandardOpenOption.APPEND);
        LabelledPartition p = partition(true);
        LabelledPartition.Attachment a = p.attach().orElseThrow();
        assertEquals(Path.of("/media/usb0"), a.directory());
        assertFalse(a.ours());
        p.release();
        assertEquals(List.of("blkid -L CALPE"), commands.lines(), "no mount, no umount of someone else's mount");
    }

    @Test
    void notMountedAsRootIsMountedSyncAndUnmountedOnRelease() throws Exception {
        commands.answer("blkid", FakeCommands.ok(dev.toString()));
        LabelledPartition p = partition(true);
        LabelledPartition.Attachment a = p.attach().orElseThrow();
        assertEquals(mountDir, a.directory());
        assertTrue(a.ours());
        assertTrue(Files.isDirectory(mountDir), "mount point created");
        assertEquals(List.of("blkid -L CALPE", mountCommand()), commands.lines());
        assertTrue(p.mountedByUs());
        assertEquals(List.of(mountDir.toRealPath()), new MountTable(mounts).mountPointsOf(dev));
        p.release();
        assertEquals("umount " + mountDir, commands.last());
        assertFalse(p.mountedByUs());
        p.release();
        assertEquals(3, commands.calls.size(), "released once only");
    }

    @Test
    void notMountedAndNotRootFallsBack() {
        commands.answer("blkid", FakeCommands.ok(dev.toString()));
        assertTrue(partition(false).attach().isEmpty());
        assertEquals(List.of("blkid -L CALPE"), commands.lines());
    }

    @Test
    void leftoverMountOnOurMountPointIsAdoptedAndReleased() throws Exception {
        Files.createDirectories(mountDir);
        Files.writeString(mounts, dev + " " + mountDir.toRealPath() + " ext4 rw 0 0\n",
                java.nio.file.StandardOpenOption.APPEND);
        commands.answer("blkid", FakeCommands.ok(dev.toString()));
        LabelledPartition p = partition(true);
        LabelledPartition.Attachment a = p.attach().orElseThrow();
        assertTrue(a.ours());
        assertEquals(mountDir, a.directory());
        assertEquals(List.of("blkid -L CALPE"), commands.lines(), "not mounted twice");
        p.release();
        assertEquals("umount " + mountDir, commands.last());
    }

    @Test
    void failedMountIsRetriedWithGrowingPauses() {
        commands.answer("blkid", FakeCommands.ok(dev.toString()));
        commands.answer("mount", FakeCommands.fail(32, "mount: wrong fs type"), FakeCommands.fail(32, "again"),
                FakeCommands.ok(""));
        LabelledPartition p = partition(true);
        LabelledPartition.Attachment a = p.attach().orElseThrow();
        assertTrue(a.ours(), "the media is our mount point, missing until it mounts");
        assertFalse(p.mountedByUs());
        int calls = commands.calls.size();
        assertFalse(p.retry(), "not before the pause");
        assertEquals(calls, commands.calls.size());
        clock.advance(Duration.ofSeconds(2));
        assertFalse(p.retry(), "second mount fails too");
        assertEquals(mountCommand(), commands.last());
        calls = commands.calls.size();
        clock.advance(Duration.ofSeconds(3));
        assertFalse(p.retry(), "the pause has doubled to 4 s");
        assertEquals(calls, commands.calls.size());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(p.retry(), "third mount succeeds");
        assertTrue(p.mountedByUs());
    }

    @Test
    void pausesStopGrowingAtAMinute() {
        commands.answer("blkid", FakeCommands.fail(2, ""));
        LabelledPartition p = partition(true);
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofMinutes(5));
            p.retry();
        }
        int calls = commands.calls.size();
        clock.advance(Duration.ofSeconds(59));
        p.retry();
        assertEquals(calls, commands.calls.size());
        clock.advance(Duration.ofSeconds(1));
        p.retry();
        assertEquals(calls + 1, commands.calls.size());
    }

    @Test
    void staleMountIsDetachedBeforeMountingAgain() throws Exception {
        Files.createDirectories(mountDir);
        // the stick was pulled: the old device node is gone, its dead mount still sits on our mount point
        Files.writeString(mounts, tmp.resolve("gone-sdb1") + " " + mountDir.toRealPath() + " vfat rw 0 0\n",
                java.nio.file.StandardOpenOption.APPEND);
        commands.answer("blkid", FakeCommands.ok(dev.toString()));
        LabelledPartition p = partition(true);
        assertTrue(p.retry());
        assertEquals(List.of("blkid -L CALPE", "umount -l " + mountDir, mountCommand()), commands.lines());
    }

    @Test
    void healthyMountWithoutConfigurationIsNotRemounted() throws Exception {
        commands.answer("blkid", FakeCommands.ok(dev.toString()));
        LabelledPartition p = partition(true);
        p.attach();
        int calls = commands.calls.size();
        clock.advance(Duration.ofSeconds(5));
        assertFalse(p.retry());
        assertEquals(calls + 1, commands.calls.size(), "only blkid: " + commands.lines());
    }

    @Test
    void releaseFallsBackToALazyUnmount() {
        commands.answer("blkid", FakeCommands.ok(dev.toString()));
        commands.answer("umount", FakeCommands.fail(32, "target is busy"), FakeCommands.ok(""));
        LabelledPartition p = partition(true);
        p.attach();
        p.release();
        List<String> l = commands.lines();
        assertEquals(List.of("umount " + mountDir, "umount -l " + mountDir), l.subList(l.size() - 2, l.size()));
    }

    @Test
    void notRootNeverRetries() {
        LabelledPartition p = partition(false);
        clock.advance(Duration.ofMinutes(1));
        assertFalse(p.retry());
        assertTrue(commands.calls.isEmpty());
    }

    @Test
    void effectiveUidFromProcStatus() throws Exception {
        Path s = Files.writeString(tmp.resolve("status"), "Name:\tjava\nUid:\t1000\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
        assertTrue(LabelledPartition.effectiveUidIsRoot(s));
        Files.writeString(s, "Uid:\t0\t1000\t1000\t1000\n");
        assertFalse(LabelledPartition.effectiveUidIsRoot(s));
        assertFalse(LabelledPartition.effectiveUidIsRoot(tmp.resolve("missing")));
    }

    @Test
    void mountPointUnderTheStateDirectory() {
        assertEquals(Path.of("/var/lib/calpe/lb1/media"), LabelledPartition.mountDirFor("/var/lib/calpe/lb1"));
        assertEquals(Path.of("/run/calpe/media"), LabelledPartition.mountDirFor(null));
        assertEquals(Path.of("/run/calpe/media"), LabelledPartition.mountDirFor(" "));
    }
}
