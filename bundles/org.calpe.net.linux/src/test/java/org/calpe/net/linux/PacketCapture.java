package org.calpe.net.linux;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.calpe.net.api.NetNamespace;

/** Test helper: an {@code AF_PACKET} capture of one ethertype on one interface in a namespace. */
final class PacketCapture implements AutoCloseable {

    private final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
    private final ReceiveLoop loop;

    private PacketCapture(Posix posix, int fd) throws IOException {
        byte[] buffer = new byte[4096];
        this.loop = new ReceiveLoop(posix, fd, "test-capture", socket -> {
            while (true) {
                long n = posix.libc().recv(socket, buffer, buffer.length, Posix.MSG_DONTWAIT);
                if (n < 0) {
                    return 0;
                }
                frames.add(Arrays.copyOf(buffer, (int) n));
            }
        }, Throwable::printStackTrace);
        loop.start();
    }

    static PacketCapture open(NetNamespace ns, String dev, int ethertype) throws IOException {
        Posix posix = new Posix();
        return new NamespaceRunner(posix).call(ns, () -> {
            int fd = posix.socket(Posix.AF_PACKET, Posix.SOCK_RAW | Posix.SOCK_NONBLOCK, Bytes.htons(ethertype),
                    "capture socket");
            int ifindex = posix.libc().if_nametoindex(dev);
            byte[] sll = Bytes.sockaddrLl(ethertype, ifindex, null);
            posix.check(posix.libc().bind(fd, sll, sll.length), "bind capture");
            return new PacketCapture(posix, fd);
        });
    }

    byte[] next(long millis) throws InterruptedException {
        return frames.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        loop.close();
    }
}
