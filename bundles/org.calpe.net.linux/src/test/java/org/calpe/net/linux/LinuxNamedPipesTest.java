package org.calpe.net.linux;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxNamedPipesTest {
    private final LinuxNamedPipes pipes = new LinuxNamedPipes();

    @Test
    void createsAFifoAndRefusesAnExistingName(@TempDir Path dir) throws IOException {
        Path fifo = dir.resolve("notify.fifo");
        pipes.create(fifo);
        PosixFileAttributes a = Files.readAttributes(fifo, PosixFileAttributes.class);
        assertTrue(a.isOther(), "a FIFO is neither file, directory nor link");
        assertThrows(FileAlreadyExistsException.class, () -> pipes.create(fifo));
        assertThrows(IOException.class, () -> pipes.create(dir.resolve("missing/dir/fifo")));
    }
}
