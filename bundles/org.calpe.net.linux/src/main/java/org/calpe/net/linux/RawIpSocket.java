package org.calpe.net.linux;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.calpe.net.api.IpFamily;
import org.calpe.net.api.PacketListener;
import org.calpe.net.api.ReceivedPacket;
import org.calpe.net.api.ScheduledSend;
import org.calpe.net.api.VrrpSocket;
import org.calpe.net.api.VrrpSocketSpec;

import jnr.ffi.Pointer;

/**
 * A non-blocking raw IPv4/IPv6 socket for one IP protocol, bound to one interface, read with {@code recvmmsg(2)} by
 * a receive thread ({@link ReceiveLoop}): its own, or one its transport's sockets share ({@link ReceivePoller}).
 */
final class RawIpSocket implements VrrpSocket {

    /** struct mmsghdr of LP64 Linux: struct msghdr (56 bytes), then msg_len, padded to 8. */
    private static final int MMSGHDR = 64;
    private static final int MSG_LEN = 56;
    private static final int IOVEC = 16;
    private static final int NAME = 128;
    private static final int CONTROL = 256;
    /** One datagram's iovec, name and control buffers. */
    private static final int BUFFERS = IOVEC + NAME + CONTROL;
    /**
     * Datagrams one {@code recvmmsg(2)} reads at most: the adverts of a busy interface come in bursts (masters in
     * phases), read in one or two calls instead of one call each.
     */
    static final int SLOTS = 16;
    /**
     * How long the receive thread, woken by a datagram, waits before reading when datagrams come in more often
     * than once per twice this on average (many instances on one interface; {@link ReceiveLoop}): one wake-up then
     * reads all that arrived meanwhile, instead of one thread wake-up and one event-loop hand-off per datagram — at
     * 1,000 instances with advert_int 0.1 that was most of a backup's CPU. The datagrams keep the kernel's receive
     * time ({@code SO_TIMESTAMPNS}), so the protocol's timers do not move. A socket whose datagrams are further
     * apart than twice this on average never waits.
     */
    static final long BUSY_PAUSE_NANOS = Long.getLong("calpe.net.raw_busy_pause_us", 2000) * 1000L;
    private static final int DATA = 65536;
    private static final int WARM_UP_ROUNDS = 2_000;
    private static final InetAddress IPV4_PROBE = probe(new byte[] {(byte) 198, 18, 0, 0});
    private static final InetAddress IPV6_PROBE = probe(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0});

    private final Posix posix;
    private final VrrpSocketSpec spec;
    private final int fd;
    private final int ifindex;
    private final ReceiveLoop loop;
    private final PacketListener listener;
    /**
     * The array of {@link #SLOTS} struct mmsghdr, then each slot's {@link #BUFFERS}, then each slot's data buffer of
     * {@link #DATA} bytes (only what datagrams fill is touched).
     */
    private final Pointer block;
    private final byte[] nameBytes = new byte[NAME];
    private final byte[] controlBytes = new byte[CONTROL];
    private final ReentrantLock reading = new ReentrantLock();
    private final TimedSends.Source timed;
    /** The duplicate descriptor of timed sends (see {@link TimedSends}), -1 until the first; guarded by this. */
    private int timedFd = -1;
    /** close() has taken {@link #timedFd}; guarded by this. */
    private boolean timedRetired;

    private RawIpSocket(Posix posix, VrrpSocketSpec spec, int fd, int ifindex, PacketListener listener,
            TimedSends.Source timed, ReceivePoller poller) throws IOException {
        this.posix = posix;
        this.timed = timed;
        this.spec = spec;
        this.fd = fd;
        this.ifindex = ifindex;
        this.listener = listener;
        this.block = posix.allocateUncleared(SLOTS * (MMSGHDR + BUFFERS + DATA));
        long base = block.address();
        for (int i = 0; i < SLOTS; i++) {
            long slot = (long) i * MMSGHDR;
            long iov = iovecOffset(i);
            block.putAddress(slot, base + iov + IOVEC); // msg_name
            block.putInt(slot + 8, NAME);
            block.putInt(slot + 12, 0);
            block.putAddress(slot + 16, base + iov); // msg_iov
            block.putLong(slot + 24, 1);
            block.putAddress(slot + 32, base + iov + IOVEC + NAME); // msg_control
            block.putLong(slot + 40, CONTROL);
            block.putInt(slot + 48, 0);
            block.putInt(slot + MSG_LEN, 0);
            block.putAddress(iov, base + dataOffset(i));
            block.putLong(iov + 8, DATA);
        }
        this.loop = new ReceiveLoop(posix, fd,
                poller != null ? poller
                        : new ReceivePoller(posix, "calpe-raw-" + spec.protocol() + "-" + spec.interfaceName()),
                this::drain, listener::receiveFailed, BUSY_PAUSE_NANOS);
    }

    /** Creates and configures the socket; must run in the spec's namespace. */
    static RawIpSocket open(Posix posix, VrrpSocketSpec spec, PacketListener listener) throws IOException {
        return open(posix, spec, listener, TimedSends.Source.NONE, null);
    }

    /**
     * {@link #open(Posix, VrrpSocketSpec, PacketListener)} with timed sends from {@code timed}, read on
     * {@code poller}'s thread (null: a thread of its own).
     */
    static RawIpSocket open(Posix posix, VrrpSocketSpec spec, PacketListener listener, TimedSends.Source timed,
            ReceivePoller poller) throws IOException {
        boolean v4 = spec.family() == IpFamily.INET;
        int fd = posix.socket(v4 ? Posix.AF_INET : Posix.AF_INET6, Posix.SOCK_RAW | Posix.SOCK_NONBLOCK,
                spec.protocol(), "socket(raw, " + spec.protocol() + ")");
        try {
            int ifindex = 0;
            if (spec.interfaceName() != null) {
                ifindex = posix.libc().if_nametoindex(spec.interfaceName());
                if (ifindex == 0) {
                    throw posix.error("interface " + spec.interfaceName());
                }
                byte[] name = (spec.interfaceName() + "\0").getBytes(StandardCharsets.US_ASCII);
                posix.setsockopt(fd, Posix.SOL_SOCKET, Posix.SO_BINDTODEVICE, name,
                        "SO_BINDTODEVICE " + spec.interfaceName());
            }
            posix.setsockoptInt(fd, Posix.SOL_SOCKET, Posix.SO_TIMESTAMPNS, 1, "SO_TIMESTAMPNS"); // receive times
            if (v4) {
                configureV4(posix, fd, spec, ifindex);
            } else {
                configureV6(posix, fd, spec, ifindex);
            }
            if (spec.bindAddress() != null) {
                byte[] sa = Bytes.sockaddr(spec.bindAddress(), ifindex);
                posix.check(posix.libc().bind(fd, sa, sa.length), "bind " + spec.bindAddress().getHostAddress());
            }
            RawIpSocket socket = new RawIpSocket(posix, spec, fd, ifindex, listener, timed, poller);
            socket.loop.start();
            return socket;
        } catch (IOException | RuntimeException e) {
            posix.closeQuietly(fd);
            throw e;
        }
    }

    private static void configureV4(Posix posix, int fd, VrrpSocketSpec spec, int ifindex) throws IOException {
        if (spec.headerIncluded()) {
            posix.setsockoptInt(fd, Posix.IPPROTO_IP, Posix.IP_HDRINCL, 1, "IP_HDRINCL");
        }
        posix.setsockoptInt(fd, Posix.IPPROTO_IP, Posix.IP_PKTINFO, 1, "IP_PKTINFO");
        posix.setsockoptInt(fd, Posix.IPPROTO_IP, Posix.IP_RECVTTL, 1, "IP_RECVTTL");
        posix.setsockoptInt(fd, Posix.IPPROTO_IP, Posix.IP_TTL, spec.ttl(), "IP_TTL");
        posix.setsockoptInt(fd, Posix.IPPROTO_IP, Posix.IP_MULTICAST_TTL, spec.ttl(), "IP_MULTICAST_TTL");
        posix.setsockoptInt(fd, Posix.IPPROTO_IP, Posix.IP_MULTICAST_LOOP, spec.multicastLoop() ? 1 : 0,
                "IP_MULTICAST_LOOP");
        if (ifindex != 0) {
            posix.setsockopt(fd, Posix.IPPROTO_IP, Posix.IP_MULTICAST_IF, Bytes.ipMreqn(null, ifindex),
                    "IP_MULTICAST_IF");
        }
        if (spec.multicastGroup() != null) {
            posix.setsockopt(fd, Posix.IPPROTO_IP, Posix.IP_ADD_MEMBERSHIP,
                    Bytes.ipMreqn((Inet4Address) spec.multicastGroup(), ifindex), "IP_ADD_MEMBERSHIP");
        }
    }

    private static void configureV6(Posix posix, int fd, VrrpSocketSpec spec, int ifindex) throws IOException {
        posix.setsockoptInt(fd, Posix.IPPROTO_IPV6, Posix.IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
        posix.setsockoptInt(fd, Posix.IPPROTO_IPV6, Posix.IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT");
        posix.setsockoptInt(fd, Posix.IPPROTO_IPV6, Posix.IPV6_UNICAST_HOPS, spec.ttl(), "IPV6_UNICAST_HOPS");
        posix.setsockoptInt(fd, Posix.IPPROTO_IPV6, Posix.IPV6_MULTICAST_HOPS, spec.ttl(), "IPV6_MULTICAST_HOPS");
        posix.setsockoptInt(fd, Posix.IPPROTO_IPV6, Posix.IPV6_MULTICAST_LOOP, spec.multicastLoop() ? 1 : 0,
                "IPV6_MULTICAST_LOOP");
        if (ifindex != 0) {
            posix.setsockoptInt(fd, Posix.IPPROTO_IPV6, Posix.IPV6_MULTICAST_IF, ifindex, "IPV6_MULTICAST_IF");
        }
        if (spec.multicastGroup() != null) {
            posix.setsockopt(fd, Posix.IPPROTO_IPV6, Posix.IPV6_JOIN_GROUP,
                    Bytes.ipv6Mreq((Inet6Address) spec.multicastGroup(), ifindex), "IPV6_JOIN_GROUP");
        }
    }

    /**
     * Reads datagrams until the socket would block: the receive thread, or {@link #receivePending()}.
     *
     * @return the datagrams read
     */
    private int drain(int socketFd) throws IOException {
        reading.lock(); // one reader at a time: the buffers below are shared
        try {
            return drainLocked(socketFd);
        } finally {
            reading.unlock();
        }
    }

    @Override
    public void receivePending() throws IOException {
        var lock = loop.sendLock(); // the descriptor stays open meanwhile
        lock.lock();
        try {
            if (!loop.isClosed()) {
                drain(fd);
            }
        } finally {
            lock.unlock();
        }
    }

    private static long iovecOffset(int slot) {
        return (long) SLOTS * MMSGHDR + (long) slot * BUFFERS;
    }

    private static long dataOffset(int slot) {
        return (long) SLOTS * (MMSGHDR + BUFFERS) + (long) slot * DATA;
    }

    private int drainLocked(int socketFd) throws IOException {
        int read = 0;
        while (true) {
            int n = posix.libc().recvmmsg(socketFd, block, SLOTS, Posix.MSG_DONTWAIT, null);
            if (n < 0) {
                int e = posix.errno();
                if (e == Posix.EAGAIN || e == Posix.EINTR) {
                    return read;
                }
                throw posix.error("recvmmsg");
            }
            long now = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long slot = (long) i * MMSGHDR;
                long length = block.getInt(slot + MSG_LEN) & 0xFFFF_FFFFL;
                int nameLen = block.getInt(slot + 8);
                int controlLen = (int) Math.min(block.getLong(slot + 40), CONTROL);
                block.putInt(slot + 8, NAME); // what the kernel changed, back for the next call
                block.putLong(slot + 40, CONTROL);
                read++;
                byte[] packet = new byte[(int) Math.min(length, DATA)];
                block.get(dataOffset(i), packet, 0, packet.length);
                long buffers = iovecOffset(i);
                block.get(buffers + IOVEC, nameBytes, 0, Math.min(nameLen, NAME));
                block.get(buffers + IOVEC + NAME, controlBytes, 0, controlLen);
                InetAddress source = ControlMessages.sourceOf(nameBytes, nameLen);
                if (source == null) {
                    continue;
                }
                ControlMessages cm = ControlMessages.parse(controlBytes, controlLen);
                listener.packetReceived(new ReceivedPacket(packet, source, cm.destination(), cm.ifindex(),
                        cm.ttl(), arrival(now, cm.realtimeNanos())));
            }
            if (n < SLOTS) {
                return read; // the queue ran empty during the call
            }
        }
    }

    /**
     * The kernel's receive time on the {@link System#nanoTime()} scale, or {@code read} (when the datagram was
     * read) when the kernel gave none or it is implausible (the wall clock was stepped). The wall clock is read
     * on both sides of the monotonic one, and again (up to {@value #CLOCK_TRIES} times) when the thread was
     * preempted between them: a gap between the two clocks' readings would shift the receive time by it (a full
     * test run saw 0.22 ms).
     */
    static long arrival(long read, long realtimeNanos) {
        if (realtimeNanos < 0) {
            return read;
        }
        long bestSpan = Long.MAX_VALUE;
        long mono = 0;
        long wall = 0;
        for (int i = 0; i < CLOCK_TRIES && bestSpan > CLOCK_SPAN_NANOS; i++) {
            long w0 = wallNanos();
            long m = System.nanoTime();
            long w1 = wallNanos();
            if (w1 - w0 < bestSpan) {
                bestSpan = w1 - w0;
                mono = m;
                wall = w0 + (w1 - w0) / 2;
            }
        }
        long age = wall - realtimeNanos;
        return age >= 0 && age < MAX_AGE_NANOS ? mono - age : read;
    }

    private static long wallNanos() {
        Instant wall = Instant.now();
        return wall.getEpochSecond() * 1_000_000_000L + wall.getNano();
    }

    private static final int CLOCK_TRIES = 4;
    /** Two wall clock readings this close bracket the monotonic one well enough. */
    private static final long CLOCK_SPAN_NANOS = 20_000L;

    private static final long MAX_AGE_NANOS = 1_000_000_000L;

    @Override
    public VrrpSocketSpec spec() {
        return spec;
    }

    @Override
    public int ifindex() {
        return ifindex;
    }

    @Override
    public void send(byte[] packet, InetAddress destination) throws IOException {
        if (IpFamily.of(destination) != spec.family()) {
            throw new IllegalArgumentException(destination + " is not " + spec.family());
        }
        byte[] sa = Bytes.sockaddr(destination, ifindex);
        var lock = loop.sendLock();
        lock.lock();
        try {
            if (loop.isClosed()) {
                throw new IOException("socket closed");
            }
            long n = posix.libc().sendto(fd, packet, packet.length, Posix.MSG_DONTWAIT, sa, sa.length);
            if (n < 0) {
                throw posix.error("sendto " + destination.getHostAddress() + " on " + spec.interfaceName());
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@inheritDoc} Through the transport's io_uring ({@link TimedSends}), on a duplicate of this socket's
     * descriptor.
     *
     * @throws IOException also when io_uring is unavailable here (the message says why)
     */
    @Override
    public ScheduledSend sendAt(long atNanos, List<byte[]> packets, List<InetAddress> destinations)
            throws IOException {
        if (packets.size() != destinations.size()) {
            throw new IllegalArgumentException(packets.size() + " packets, " + destinations.size() + " destinations");
        }
        List<byte[]> names = new ArrayList<>(destinations.size());
        for (InetAddress d : destinations) {
            if (IpFamily.of(d) != spec.family()) {
                throw new IllegalArgumentException(d + " is not " + spec.family());
            }
            names.add(Bytes.sockaddr(d, ifindex));
        }
        TimedSends t = timed.get();
        var lock = loop.sendLock();
        lock.lock();
        try {
            if (loop.isClosed()) {
                throw new IOException("socket closed");
            }
            synchronized (this) { // close() retires the duplicate only after a round submitted here is known
                if (timedRetired) {
                    throw new IOException("socket closed");
                }
                if (timedFd < 0) {
                    timedFd = posix.check(posix.libc().fcntl(fd, Posix.F_DUPFD_CLOEXEC, 0), "dup for timed sends");
                }
                return t.submit(timedFd, atNanos, packets, names);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void warmUp() {
        // the send path of send(), on an invalid descriptor: EBADF, nothing on the wire
        byte[] packet = new byte[64];
        byte[] sa = Bytes.sockaddr(spec.family() == IpFamily.INET6 ? IPV6_PROBE : IPV4_PROBE,
                ifindex);
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            posix.libc().sendto(-1, packet, packet.length, Posix.MSG_DONTWAIT, sa, sa.length);
        }
    }

    @Override
    public void joinGroup(InetAddress group) throws IOException {
        membership(group, true);
    }

    @Override
    public void leaveGroup(InetAddress group) throws IOException {
        membership(group, false);
    }

    private void membership(InetAddress group, boolean join) throws IOException {
        var lock = loop.sendLock();
        lock.lock();
        try {
            if (loop.isClosed()) {
                throw new IOException("socket closed");
            }
            if (group instanceof Inet4Address g && spec.family() == IpFamily.INET) {
                posix.setsockopt(fd, Posix.IPPROTO_IP, join ? Posix.IP_ADD_MEMBERSHIP : Posix.IP_DROP_MEMBERSHIP,
                        Bytes.ipMreqn(g, ifindex), join ? "IP_ADD_MEMBERSHIP" : "IP_DROP_MEMBERSHIP");
            } else if (group instanceof Inet6Address g && spec.family() == IpFamily.INET6) {
                posix.setsockopt(fd, Posix.IPPROTO_IPV6, join ? Posix.IPV6_JOIN_GROUP : Posix.IPV6_LEAVE_GROUP,
                        Bytes.ipv6Mreq(g, ifindex), join ? "IPV6_JOIN_GROUP" : "IPV6_LEAVE_GROUP");
            } else {
                throw new IllegalArgumentException(group + " is not " + spec.family());
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        loop.close();
        int d;
        synchronized (this) { // a sendAt still running submits nothing after this
            timedRetired = true;
            d = timedFd;
            timedFd = -1;
        }
        if (d >= 0) {
            timed.retire(d); // pending rounds withdrawn, the duplicate closed once none refers to it
        }
    }

    @Override
    public String toString() {
        return "VrrpSocket[" + spec.family() + " proto " + spec.protocol() + " on " + spec.interfaceName() + " ("
                + ifindex + ") in " + spec.namespace() + "]";
    }

    private static InetAddress probe(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
