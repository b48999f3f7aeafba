package org.calpe.net.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.IntFunction;

import org.calpe.net.api.LinkDetails;
import org.calpe.net.api.LinkInfo;
import org.calpe.net.api.LinkManager;
import org.calpe.net.api.Macvlan;
import org.calpe.net.api.NetNamespace;
import org.calpe.net.linux.netlink.LinkCodec;
import org.calpe.net.linux.netlink.NetlinkMessage;
import org.calpe.net.linux.netlink.NetlinkSockets;
import org.calpe.net.linux.netlink.RtnetlinkCodec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Macvlan interfaces over rtnetlink, one request socket per namespace; kernel parameters through
 * {@code /proc/sys}, opened on a thread in the namespace (the files show the opener's namespace).
 */
@Component(service = LinkManager.class)
public final class LinuxLinkManager implements LinkManager {

    private static final Path PROC_SYS = Path.of("/proc/sys");

    private final NetlinkSockets sockets;

    @Activate
    public LinuxLinkManager() {
        this(new Posix());
    }

    LinuxLinkManager(Posix posix) {
        this.sockets = new NetlinkSockets(posix);
    }

    @Override
    public Optional<LinkDetails> find(NetNamespace namespace, String name) throws IOException {
        try {
            for (NetlinkMessage m : sockets.get(namespace).request(seq -> LinkCodec.getLink(name, seq))) {
                if (m.type() == RtnetlinkCodec.RTM_NEWLINK) {
                    LinkDetails d = LinkCodec.parseDetails(m);
                    if (d != null && d.link().name().equals(name)) {
                        return Optional.of(d);
                    }
                }
            }
            return Optional.empty();
        } catch (Posix.NativeException e) {
            if (e.errno() == Posix.ENODEV) {
                return Optional.empty();
            }
            throw new Posix.NativeException("find link " + name + " in " + namespace + ": " + e.getMessage(),
                    e.errno());
        }
    }

    @Override
    public LinkInfo addMacvlan(NetNamespace namespace, Macvlan macvlan) throws IOException {
        talk(namespace, seq -> LinkCodec.newMacvlan(macvlan, seq), "create macvlan " + macvlan.name());
        return find(namespace, macvlan.name()).map(LinkDetails::link).orElseThrow(() -> new IOException(
                "macvlan " + macvlan.name() + " created but not found in " + namespace));
    }

    @Override
    public void setUp(NetNamespace namespace, int ifindex, boolean up) throws IOException {
        talk(namespace, seq -> LinkCodec.setUp(ifindex, up, seq), "set ifindex " + ifindex + (up ? " up" : " down"));
    }

    @Override
    public void disableIpv6AddressGeneration(NetNamespace namespace, int ifindex) throws IOException {
        talk(namespace, seq -> LinkCodec.addrGenModeNone(ifindex, seq), "set addrgenmode none on ifindex "
                + ifindex);
    }

    @Override
    public boolean remove(NetNamespace namespace, int ifindex) throws IOException {
        try {
            sockets.get(namespace).request(seq -> LinkCodec.deleteLink(ifindex, seq));
            return true;
        } catch (Posix.NativeException e) {
            if (e.errno() == Posix.ENODEV) {
                return false;
            }
            throw new Posix.NativeException("remove ifindex " + ifindex + " in " + namespace + ": "
                    + e.getMessage(), e.errno());
        }
    }

    @Override
    public String sysctl(NetNamespace namespace, String key) throws IOException {
        Path p = path(key);
        return sockets.runner().call(namespace, () -> Files.readString(p, StandardCharsets.US_ASCII).trim());
    }

    @Override
    public void setSysctl(NetNamespace namespace, String key, String value) throws IOException {
        Path p = path(key);
        sockets.runner().call(namespace, () -> Files.writeString(p, value, StandardCharsets.US_ASCII));
    }

    /** @return the file of {@code key} under /proc/sys; the key may not leave it */
    static Path path(String key) {
        Path p = PROC_SYS.resolve(key).normalize();
        if (!p.startsWith(PROC_SYS) || p.equals(PROC_SYS) || key.startsWith("/")) {
            throw new IllegalArgumentException("not a /proc/sys parameter: " + key);
        }
        return p;
    }

    private void talk(NetNamespace namespace, IntFunction<byte[]> request, String what) throws IOException {
        try {
            sockets.get(namespace).request(request);
        } catch (Posix.NativeException e) {
            throw new Posix.NativeException(what + " in " + namespace + ": " + e.getMessage(), e.errno());
        }
    }

    @Deactivate
    void deactivate() {
        sockets.close();
    }
}
