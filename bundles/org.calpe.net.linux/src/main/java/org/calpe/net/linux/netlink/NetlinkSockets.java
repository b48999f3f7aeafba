package org.calpe.net.linux.netlink;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.calpe.net.api.NetNamespace;
import org.calpe.net.linux.NamespaceRunner;
import org.calpe.net.linux.Posix;

/** One request socket per namespace, created on first use in that namespace; owned by one component. */
public final class NetlinkSockets implements AutoCloseable {

    private final Posix posix;
    private final NamespaceRunner runner;
    private final Map<NetNamespace, NetlinkSocket> sockets = new HashMap<>();

    public NetlinkSockets(Posix posix) {
        this.posix = posix;
        this.runner = new NamespaceRunner(posix);
    }

    public synchronized NetlinkSocket get(NetNamespace namespace) throws IOException {
        NetlinkSocket s = sockets.get(namespace);
        if (s == null) {
            s = runner.call(namespace, () -> NetlinkSocket.open(posix));
            sockets.put(namespace, s);
        }
        return s;
    }

    /** Forgets (and closes) the socket of {@code namespace}, for example after the namespace went away. */
    public synchronized void evict(NetNamespace namespace) {
        NetlinkSocket s = sockets.remove(namespace);
        if (s != null) {
            s.close();
        }
    }

    public NamespaceRunner runner() {
        return runner;
    }

    @Override
    public synchronized void close() {
        sockets.values().forEach(NetlinkSocket::close);
        sockets.clear();
    }
}
