package org.calpe.net.linux;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.calpe.net.api.LinkInfo;
import org.calpe.net.api.LinkMonitor;
import org.calpe.net.api.NetNamespace;
import org.calpe.net.api.NetlinkEvent;
import org.calpe.net.api.NetlinkListener;
import org.calpe.net.linux.netlink.NetlinkMessage;
import org.calpe.net.linux.netlink.NetlinkSocket;
import org.calpe.net.linux.netlink.NetlinkSockets;
import org.calpe.net.linux.netlink.RtnetlinkCodec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/** Links and their changes over rtnetlink. Each watch has its own socket and receive thread. */
@Component(service = LinkMonitor.class)
public final class LinuxLinkMonitor implements LinkMonitor {

    private final Posix posix;
    private final NetlinkSockets sockets;

    @Activate
    public LinuxLinkMonitor() {
        this(new Posix());
    }

    LinuxLinkMonitor(Posix posix) {
        this.posix = posix;
        this.sockets = new NetlinkSockets(posix);
    }

    @Override
    public List<LinkInfo> links(NetNamespace namespace) throws IOException {
        List<LinkInfo> out = new ArrayList<>();
        for (NetlinkMessage m : sockets.get(namespace).request(RtnetlinkCodec::dumpLinks)) {
            if (m.type() == RtnetlinkCodec.RTM_NEWLINK) {
                LinkInfo l = RtnetlinkCodec.parseLink(m);
                if (l != null) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    @Override
    public Optional<LinkInfo> link(NetNamespace namespace, String name) throws IOException {
        return links(namespace).stream().filter(l -> l.name().equals(name)).findFirst();
    }

    @Override
    public Optional<LinkInfo> link(NetNamespace namespace, int ifindex) throws IOException {
        return links(namespace).stream().filter(l -> l.index() == ifindex).findFirst();
    }

    @Override
    public Closeable watch(NetNamespace namespace, NetlinkListener listener) throws IOException {
        return watch(namespace, listener,
                RtnetlinkCodec.RTMGRP_LINK | RtnetlinkCodec.RTMGRP_IPV4_IFADDR | RtnetlinkCodec.RTMGRP_IPV6_IFADDR);
    }

    /** Only the link group: the kernel sends this socket nothing when an address changes. */
    @Override
    public Closeable watchLinks(NetNamespace namespace, NetlinkListener listener) throws IOException {
        return watch(namespace, listener, RtnetlinkCodec.RTMGRP_LINK);
    }

    private Closeable watch(NetNamespace namespace, NetlinkListener listener, int groups) throws IOException {
        int fd = sockets.runner().call(namespace, () -> NetlinkSocket.openDescriptor(posix, groups));
        byte[] buffer = new byte[65536];
        ReceiveLoop loop;
        try {
            loop = new ReceiveLoop(posix, fd, "calpe-netlink-watch-" + namespace, socket -> {
                while (true) {
                    long n = posix.libc().recv(socket, buffer, buffer.length, Posix.MSG_DONTWAIT);
                    if (n < 0) {
                        int e = posix.errno();
                        if (e == Posix.ENOBUFS) {
                            listener.changed(new NetlinkEvent.Overrun());
                            continue;
                        }
                        if (e == Posix.EAGAIN || e == Posix.EINTR) {
                            return 0; // (its loop has no busy pause: the count is not used)
                        }
                        throw posix.error("netlink watch receive");
                    }
                    for (NetlinkMessage m : NetlinkMessage.parseAll(buffer, (int) n)) {
                        NetlinkEvent event = toEvent(m);
                        if (event != null) {
                            listener.changed(event);
                        }
                    }
                }
            }, e -> listener.changed(new NetlinkEvent.Overrun()));
            loop.start();
        } catch (IOException | RuntimeException e) {
            posix.closeQuietly(fd);
            throw e;
        }
        return loop::close;
    }

    static NetlinkEvent toEvent(NetlinkMessage m) {
        switch (m.type()) {
            case RtnetlinkCodec.RTM_NEWLINK:
            case RtnetlinkCodec.RTM_DELLINK: {
                LinkInfo l = RtnetlinkCodec.parseLink(m);
                return l == null ? null : new NetlinkEvent.LinkChanged(l, m.type() == RtnetlinkCodec.RTM_DELLINK);
            }
            case RtnetlinkCodec.RTM_NEWADDR:
            case RtnetlinkCodec.RTM_DELADDR: {
                var a = RtnetlinkCodec.parseAddress(m);
                return a == null ? null : new NetlinkEvent.AddressChanged(a, m.type() == RtnetlinkCodec.RTM_DELADDR);
            }
            default:
                return null;
        }
    }

    @Deactivate
    void deactivate() {
        sockets.close();
    }
}
