package org.calpe.net.linux;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.HashMap;
import java.util.Map;

import org.calpe.net.api.Announcer;
import org.calpe.net.api.MacAddress;
import org.calpe.net.api.NetNamespace;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Sends gratuitous ARP and unsolicited neighbour advertisements on one send-only {@code AF_PACKET} socket per
 * namespace (protocol 0: it receives nothing), with frames built by {@link AnnouncementFrames}.
 */
@Component(service = Announcer.class)
public final class LinuxAnnouncer implements Announcer {

    private final Posix posix;
    private final NamespaceRunner runner;
    private static final int WARM_UP_ROUNDS = 2_000;
    private final Map<NetNamespace, Integer> sockets = new HashMap<>();
    private boolean warmed;

    @Activate
    public LinuxAnnouncer() {
        this(new Posix());
    }

    LinuxAnnouncer(Posix posix) {
        this.posix = posix;
        this.runner = new NamespaceRunner(posix);
    }

    @Override
    public void gratuitousArp(NetNamespace namespace, int ifindex, MacAddress source, Inet4Address address)
            throws IOException {
        send(namespace, ifindex, AnnouncementFrames.ETHERTYPE_ARP, AnnouncementFrames.gratuitousArp(source, address),
                "gratuitous ARP for " + address.getHostAddress());
    }

    @Override
    public void unsolicitedNeighbourAdvert(NetNamespace namespace, int ifindex, MacAddress source,
            Inet6Address address, boolean router) throws IOException {
        send(namespace, ifindex, AnnouncementFrames.ETHERTYPE_IPV6,
                AnnouncementFrames.unsolicitedNeighbourAdvert(source, address, router),
                "unsolicited neighbour advert for " + address.getHostAddress());
    }

    @Override
    public synchronized void prepare(NetNamespace namespace, int ifindex) throws IOException {
        socket(namespace);
        if (warmed) {
            return;
        }
        warmed = true;
        // the first real gratuitous ARP runs loaded, linked and compiled code
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            dryRun(ifindex, (i & 7) == 0);
        }
    }

    @Override
    public synchronized void rehearse(NetNamespace namespace, int ifindex) {
        if (warmed && sockets.containsKey(namespace)) {
            dryRun(ifindex, true);
        }
    }

    private static final MacAddress DRY_MAC = MacAddress.parse("02:00:00:00:00:00");
    private static final Inet4Address DRY_V4 = (Inet4Address) Bytes.address(new byte[] {(byte) 198, 18, 0, 0}, 0, 4);
    private static final Inet6Address DRY_V6 = (Inet6Address) Bytes.address(
            new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0, 16);

    /**
     * The same frame building and native call as a real announcement, on an invalid descriptor (EBADF): nothing
     * reaches the wire. With {@code na} an unsolicited neighbour advert too.
     */
    private void dryRun(int ifindex, boolean na) {
        byte[] arp = AnnouncementFrames.gratuitousArp(DRY_MAC, DRY_V4);
        byte[] sll = Bytes.sockaddrLl(AnnouncementFrames.ETHERTYPE_ARP, ifindex, null);
        posix.libc().sendto(-1, arp, arp.length, Posix.MSG_DONTWAIT, sll, sll.length);
        if (na) {
            byte[] frame = AnnouncementFrames.unsolicitedNeighbourAdvert(DRY_MAC, DRY_V6, false);
            posix.libc().sendto(-1, frame, frame.length, Posix.MSG_DONTWAIT, sll, sll.length);
        }
    }

    private int socket(NetNamespace namespace) throws IOException {
        Integer fd = sockets.get(namespace);
        if (fd == null) {
            fd = runner.call(namespace, () -> posix.socket(Posix.AF_PACKET, Posix.SOCK_RAW | Posix.SOCK_NONBLOCK, 0,
                    "socket(AF_PACKET)"));
            sockets.put(namespace, fd);
        }
        return fd;
    }

    private synchronized void send(NetNamespace namespace, int ifindex, int ethertype, byte[] frame, String what)
            throws IOException {
        int fd = socket(namespace);
        byte[] sll = Bytes.sockaddrLl(ethertype, ifindex, null);
        long n = posix.libc().sendto(fd, frame, frame.length, Posix.MSG_DONTWAIT, sll, sll.length);
        if (n < 0) {
            Posix.NativeException e = posix.error(what + " on ifindex " + ifindex + " in " + namespace);
            // the namespace may have gone away: start afresh next time
            sockets.remove(namespace);
            posix.closeQuietly(fd);
            throw e;
        }
    }

    @Deactivate
    synchronized void deactivate() {
        sockets.values().forEach(posix::closeQuietly);
        sockets.clear();
    }
}
