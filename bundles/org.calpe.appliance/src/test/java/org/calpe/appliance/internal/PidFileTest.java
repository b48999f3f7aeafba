package org.calpe.appliance.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

    @TempDir
    Path dir;

    @Test
    void removesItsOwnPidFile() throws IOException {
        Path f = Files.writeString(dir.resolve("calpe.pid"), "4242\n");
        assertTrue(new PidFile(f, 4242).removeIfOwned());
        assertFalse(Files.exists(f));
    }

    @Test
    void leavesAnotherProcesssPidFile() throws IOException {
        Path f = Files.writeString(dir.resolve("calpe.pid"), "4243\n");
        assertFalse(new PidFile(f, 4242).removeIfOwned());
        assertTrue(Files.exists(f));
    }

    @Test
    void absentFileIsNotAnError() {
        assertFalse(new PidFile(dir.resolve("none.pid"), 4242).removeIfOwned());
    }
}
