package org.calpe.net.linux;

import java.io.IOException;
import java.nio.channels.NetworkChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.calpe.net.api.SocketTuning;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@link SocketTuning} with setsockopt(2) on the channel's descriptor ({@link ChannelDescriptors}):
 * {@code SOL_SOCKET}/{@code SO_BINDTODEVICE} with the NUL-terminated interface name (as keepalived passes it) and
 * {@code SOL_SOCKET}/{@code SO_MARK} with the mark as a native int. Both need CAP_NET_ADMIN (SO_MARK) or
 * CAP_NET_RAW (SO_BINDTODEVICE on older kernels); Calpe runs as root. The service is registered even when the JVM
 * hides socket descriptors: each call then fails with the reason, so a check reports it instead of the bundle
 * failing to start.
 */
@Component(service = SocketTuning.class)
public final class LinuxSocketTuning implements SocketTuning {
    static final int SO_MARK = 36;

    private final Posix posix;
    private final ChannelDescriptors descriptors;

    @Activate
    public LinuxSocketTuning() {
        this(new Posix(), new ChannelDescriptors());
    }

    LinuxSocketTuning(Posix posix, ChannelDescriptors descriptors) {
        this.posix = posix;
        this.descriptors = descriptors;
    }

    @Override
    public void bindToDevice(NetworkChannel channel, String ifname) throws IOException {
        byte[] name = ifname.getBytes(StandardCharsets.UTF_8);
        setsockopt(channel, Posix.SO_BINDTODEVICE, Arrays.copyOf(name, name.length + 1));
    }

    @Override
    public void setMark(NetworkChannel channel, int mark) throws IOException {
        setsockopt(channel, SO_MARK, Bytes.intNative(mark));
    }

    private void setsockopt(NetworkChannel channel, int option, byte[] value) throws IOException {
        int fd = descriptors.fd(channel);
        if (posix.libc().setsockopt(fd, Posix.SOL_SOCKET, option, value, value.length) != 0) {
            int errno = posix.errno();
            throw new Posix.NativeException(posix.libc().strerror(errno) + " (errno " + errno + ")", errno);
        }
    }
}
