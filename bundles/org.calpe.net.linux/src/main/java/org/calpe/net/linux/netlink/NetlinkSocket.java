package org.calpe.net.linux.netlink;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.calpe.net.linux.Bytes;
import org.calpe.net.linux.Posix;

import jnr.ffi.Pointer;

/**
 * A non-blocking {@code NETLINK_ROUTE} socket for request/response exchanges (one at a time, synchronized).
 * Create it in the namespace it should talk to; it stays there.
 */
public final class NetlinkSocket implements Closeable {

    private static final int NETLINK_ROUTE = 0;
    private static final int BUFFER = 65536;
    private static final int REPLY_TIMEOUT_MILLIS = 5000;

    private final Posix posix;
    private final int fd;
    private final byte[] buffer = new byte[BUFFER];
    private final Pointer pollFd;
    private int seq = (int) (System.nanoTime() & 0x7FFF_FFFF);
    private boolean closed;

    private NetlinkSocket(Posix posix, int fd) {
        this.posix = posix;
        this.fd = fd;
        this.pollFd = posix.allocate(8);
    }

    /** Opens a socket subscribed to {@code groups} (0 for none); must run in the target namespace. */
    public static int openDescriptor(Posix posix, int groups) throws IOException {
        int fd = posix.socket(Posix.AF_NETLINK, Posix.SOCK_RAW | Posix.SOCK_NONBLOCK, NETLINK_ROUTE,
                "socket(AF_NETLINK)");
        try {
            posix.setsockoptInt(fd, Posix.SOL_SOCKET, Posix.SO_RCVBUF, 1 << 20, "SO_RCVBUF");
            byte[] sa = Bytes.sockaddrNl(0, groups);
            posix.check(posix.libc().bind(fd, sa, sa.length), "bind netlink");
            return fd;
        } catch (IOException | RuntimeException e) {
            posix.closeQuietly(fd);
            throw e;
        }
    }

    /** Opens a request socket; must run in the target namespace. */
    public static NetlinkSocket open(Posix posix) throws IOException {
        return new NetlinkSocket(posix, openDescriptor(posix, 0));
    }

    /**
     * Sends a request built for the next sequence number and collects the replies up to NLMSG_DONE or the
     * acknowledgement.
     *
     * @throws Posix.NativeException with the kernel's errno if it answers with an error
     */
    public synchronized List<NetlinkMessage> request(java.util.function.IntFunction<byte[]> builder)
            throws IOException {
        if (closed) {
            throw new IOException("netlink socket closed");
        }
        int s = ++seq;
        byte[] msg = builder.apply(s);
        byte[] kernel = Bytes.sockaddrNl(0, 0);
        if (posix.libc().sendto(fd, msg, msg.length, 0, kernel, kernel.length) < 0) {
            throw posix.error("netlink send");
        }
        List<NetlinkMessage> replies = new ArrayList<>();
        long deadline = System.nanoTime() + REPLY_TIMEOUT_MILLIS * 1_000_000L;
        while (true) {
            long n = posix.libc().recv(fd, buffer, BUFFER, Posix.MSG_DONTWAIT);
            if (n < 0) {
                int e = posix.errno();
                if (e != Posix.EAGAIN && e != Posix.EINTR) {
                    throw posix.error("netlink receive");
                }
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    throw new IOException("no netlink reply in " + REPLY_TIMEOUT_MILLIS + " ms");
                }
                pollFd.putInt(0, fd);
                pollFd.putShort(4, (short) Posix.POLLIN);
                pollFd.putShort(6, (short) 0);
                posix.libc().poll(pollFd, 1, (int) left);
                continue;
            }
            for (NetlinkMessage m : NetlinkMessage.parseAll(buffer, (int) n)) {
                if (m.seq() != s) {
                    continue; // a stale reply of an earlier, timed-out request
                }
                if (m.type() == NetlinkMessage.NLMSG_DONE) {
                    return replies;
                }
                if (m.type() == NetlinkMessage.NLMSG_ERROR) {
                    int errno = m.errorCode();
                    if (errno == 0) {
                        return replies;
                    }
                    throw new Posix.NativeException("netlink: " + posix.libc().strerror(errno) + " (errno " + errno
                            + ")", errno);
                }
                replies.add(m);
                if ((m.flags() & NetlinkMessage.NLM_F_MULTI) == 0) {
                    return replies;
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            posix.closeQuietly(fd);
        }
    }
}
