package org.calpe.vrrp.core.notify;

import java.io.IOException;
import java.nio.file.Path;

/** Creates a FIFO (keepalived: {@code mkfifo(name, 0644)}); supplied by a bundle that can make system calls. */
@FunctionalInterface
public interface FifoMaker {

    /** Creates the FIFO at {@code path}, mode 0644; fails if anything exists there. */
    void mkfifo(Path path) throws IOException;
}
