package org.calpe.net.linux;

import java.io.IOException;

import org.calpe.net.api.PacketListener;
import org.calpe.net.api.RawIpTransport;
import org.calpe.net.api.VrrpSocket;
import org.calpe.net.api.VrrpSocketSpec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** Raw IPv4/IPv6 sockets through jnr-ffi, created in the requested namespace. */
@Component(service = RawIpTransport.class)
public final class LinuxRawIpTransport implements RawIpTransport {

    private final Posix posix;
    private final NamespaceRunner runner;

    @Activate
    public LinuxRawIpTransport() {
        this(new Posix());
    }

    LinuxRawIpTransport(Posix posix) {
        this.posix = posix;
        this.runner = new NamespaceRunner(posix);
    }

    @Override
    public VrrpSocket open(VrrpSocketSpec spec, PacketListener listener) throws IOException {
        return runner.call(spec.namespace(), () -> RawIpSocket.open(posix, spec, listener));
    }
}
