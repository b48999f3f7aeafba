package org.calpe.net.api;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/** Creates FIFOs ({@code mkfifo(3)}), for keepalived's {@code notify_fifo} family. */
@ProviderType
public interface NamedPipes {

    /**
     * Creates a FIFO at {@code path} with mode 0644 (less the umask), as keepalived does.
     *
     * @throws java.nio.file.FileAlreadyExistsException if anything exists at {@code path}
     * @throws IOException for any other refusal, with errno's text
     */
    void create(Path path) throws IOException;
}
