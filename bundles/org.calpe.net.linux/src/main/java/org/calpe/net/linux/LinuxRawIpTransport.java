package org.calpe.net.linux;

import java.io.IOException;

import org.calpe.net.api.PacketListener;
import org.calpe.net.api.RawIpTransport;
import org.calpe.net.api.VrrpSocket;
import org.calpe.net.api.VrrpSocketSpec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Raw IPv4/IPv6 sockets through jnr-ffi, created in the requested namespace. They share one receive thread
 * ({@link ReceivePoller}, {@value #RECEIVE_THREAD}), and their timed sends ({@link VrrpSocket#sendAt}) one io_uring,
 * set up at the first (and not again if that failed).
 * <p>
 * Immediate: when the VRRP engine is updated, the old engine releases this service while its masters go on
 * advertising through their sockets until the next engine takes over (a hand-over bridge). A delayed component
 * would be disposed then, closing the io_uring under the bridge's queued adverts.
 */
@Component(service = RawIpTransport.class, immediate = true)
public final class LinuxRawIpTransport implements RawIpTransport {

    /** The name of the sockets' receive thread. */
    static final String RECEIVE_THREAD = "calpe-raw-receive";

    private final Posix posix;
    private final NamespaceRunner runner;
    private final ReceivePoller poller;
    private final TimedSends.Source timed = new TimedSends.Source() {
        @Override
        public TimedSends get() throws IOException {
            return timedSends();
        }

        @Override
        public void retire(int fd) {
            TimedSends t;
            synchronized (LinuxRawIpTransport.this) {
                t = timedSends;
            }
            if (t != null) {
                t.retire(fd);
            } else {
                posix.closeQuietly(fd);
            }
        }
    };
    private TimedSends timedSends;
    private IOException timedProblem;
    private boolean deactivated;

    @Activate
    public LinuxRawIpTransport() {
        this(new Posix());
    }

    LinuxRawIpTransport(Posix posix) {
        this.posix = posix;
        this.runner = new NamespaceRunner(posix);
        this.poller = new ReceivePoller(posix, RECEIVE_THREAD);
    }

    @Override
    public VrrpSocket open(VrrpSocketSpec spec, PacketListener listener) throws IOException {
        return runner.call(spec.namespace(), () -> RawIpSocket.open(posix, spec, listener, timed, poller));
    }

    private synchronized TimedSends timedSends() throws IOException {
        if (timedSends == null && timedProblem == null) {
            if (deactivated) {
                throw new IOException("raw IP transport stopped");
            }
            try {
                timedSends = TimedSends.open(posix);
            } catch (IOException | RuntimeException | LinkageError e) {
                timedProblem = new IOException("io_uring unavailable: " + e.getMessage(), e);
            }
        }
        if (timedProblem != null) {
            throw timedProblem;
        }
        return timedSends;
    }

    /** Withdraws what is still pending and closes the ring. */
    @Deactivate
    synchronized void deactivate() {
        deactivated = true;
        if (timedSends != null) {
            timedSends.close();
        }
    }
}
