package org.calpe.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.channels.SocketChannel;

import org.calpe.net.api.SocketTuning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The checkers' bind_if / fwmark service in a real Felix: it reaches socket descriptors (the bndrun's -runvm
 * --add-exports, the exported jar's Add-Exports manifest attribute), and the kernel's answers come through.
 * Runs as root (SO_MARK needs CAP_NET_ADMIN), as the whole suite does.
 */
@ExtendWith(ServiceExtension.class)
class SocketTuningIT {
    @InjectService(timeout = 10_000)
    SocketTuning tuning;

    @Test
    void setsOptionsOnAJdkChannelInsideTheFramework() throws IOException {
        try (SocketChannel channel = SocketChannel.open()) {
            tuning.setMark(channel, 42);
            tuning.bindToDevice(channel, "lo");
            IOException e = assertThrows(IOException.class, () -> tuning.bindToDevice(channel, "calpe-nosuch"));
            assertEquals("No such device (errno 19)", e.getMessage());
        }
    }
}
