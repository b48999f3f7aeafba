package org.calpe.net.linux;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;

import org.calpe.net.api.NamedPipes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** {@link NamedPipes} with mkfifo(3). */
@Component(service = NamedPipes.class)
public final class LinuxNamedPipes implements NamedPipes {
    private static final int MODE = 0644;

    private final Posix posix;

    @Activate
    public LinuxNamedPipes() {
        this(new Posix());
    }

    LinuxNamedPipes(Posix posix) {
        this.posix = posix;
    }

    @Override
    public void create(Path path) throws IOException {
        if (posix.libc().mkfifo(path.toString(), MODE) != 0) {
            Posix.NativeException e = posix.error("mkfifo " + path);
            if (e.errno() == Posix.EEXIST) {
                throw new FileAlreadyExistsException(path.toString());
            }
            throw e;
        }
    }
}
