package org.calpe.config.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountTableTest {
    @TempDir
    Path tmp;

    @Test
    void unescapeOctal() {
        assertEquals("a b\tc\\", MountTable.unescape("a\\040b\\011c\\134"));
        assertEquals("x\\0", MountTable.unescape("x\\0"));
        assertEquals("\\04", MountTable.unescape("\\04"));
        assertEquals("end ", MountTable.unescape("end\\040"));
    }

    @Test
    void devicesMatchByRealPath() throws Exception {
        Path dev = Files.createFile(tmp.resolve("loop3"));
        Path link = Files.createSymbolicLink(tmp.resolve("CALPE"), dev);
        Path mounts = Files.writeString(tmp.resolve("mounts"), "proc /proc proc rw 0 0\n"
                + "tmpfs /run tmpfs rw 0 0\n" + link + " /mnt/a\\040b ext4 rw 0 0\n" + dev + " /srv/c ext4 rw 0 0\n");
        MountTable t = new MountTable(mounts);
        assertEquals(List.of(Path.of("/mnt/a b"), Path.of("/srv/c")), t.mountPointsOf(dev));
        assertEquals(List.of(Path.of("/mnt/a b"), Path.of("/srv/c")), t.mountPointsOf(link));
        assertTrue(t.mountPointsOf(tmp.resolve("sdz9")).isEmpty());
    }

    @Test
    void topmostSourceOfAMountPoint() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("media")).toRealPath();
        Path mounts = Files.writeString(tmp.resolve("mounts"),
                "/dev/old " + dir + " vfat rw 0 0\n/dev/new " + dir + " ext4 rw 0 0\n");
        MountTable t = new MountTable(mounts);
        assertEquals(Optional.of("/dev/new"), t.sourceAt(dir));
        assertEquals(Optional.empty(), t.sourceAt(tmp));
    }
}
