package org.calpe.net.linux;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Parses the ancillary data of {@code recvmsg(2)} on a raw socket: {@code IP_PKTINFO}/{@code IPV6_PKTINFO}
 * (interface index and header destination) and {@code IP_TTL}/{@code IPV6_HOPLIMIT}. Layout of LP64 Linux:
 * {@code struct cmsghdr { size_t len; int level; int type; }} followed by data aligned to 8 bytes. Also
 * {@code SCM_TIMESTAMPNS}: when the kernel received the datagram.
 *
 * @param ifindex       the arrival interface, 0 if not reported
 * @param destination   the header's destination address, null if not reported
 * @param ttl           the TTL or hop limit, -1 if not reported
 * @param realtimeNanos the kernel's receive time, nanoseconds since the epoch (CLOCK_REALTIME), -1 if not reported
 */
public record ControlMessages(int ifindex, InetAddress destination, int ttl, long realtimeNanos) {

    public ControlMessages(int ifindex, InetAddress destination, int ttl) {
        this(ifindex, destination, ttl, -1);
    }

    static final int HEADER = 16;

    /** @return the messages found in {@code control[0, length)} */
    public static ControlMessages parse(byte[] control, int length) {
        ByteBuffer b = ByteBuffer.wrap(control, 0, length).order(ByteOrder.nativeOrder());
        int ifindex = 0;
        int ttl = -1;
        long realtime = -1;
        InetAddress destination = null;
        int off = 0;
        while (off + HEADER <= length) {
            long len = b.getLong(off);
            if (len < HEADER || off + len > length) {
                break;
            }
            int level = b.getInt(off + 8);
            int type = b.getInt(off + 12);
            int data = off + HEADER;
            if (level == Posix.IPPROTO_IP && type == Posix.IP_PKTINFO && len >= HEADER + 12) {
                ifindex = b.getInt(data);
                destination = Bytes.address(control, data + 8, 4);
            } else if (level == Posix.IPPROTO_IP && type == Posix.IP_TTL && len >= HEADER + 1) {
                ttl = len >= HEADER + 4 ? b.getInt(data) : control[data] & 0xFF;
            } else if (level == Posix.IPPROTO_IPV6 && type == Posix.IPV6_PKTINFO && len >= HEADER + 20) {
                destination = Bytes.address(control, data, 16);
                ifindex = b.getInt(data + 16);
            } else if (level == Posix.IPPROTO_IPV6 && type == Posix.IPV6_HOPLIMIT && len >= HEADER + 4) {
                ttl = b.getInt(data);
            } else if (level == Posix.SOL_SOCKET && type == Posix.SCM_TIMESTAMPNS && len >= HEADER + 16) {
                realtime = b.getLong(data) * 1_000_000_000L + b.getLong(data + 8);
            }
            off += (int) ((len + 7) & ~7L);
        }
        return new ControlMessages(ifindex, destination, ttl, realtime);
    }

    /** @return the source address held in a {@code sockaddr_in}/{@code sockaddr_in6}, or null */
    public static InetAddress sourceOf(byte[] name, int length) {
        if (length < 2) {
            return null;
        }
        int family = ByteBuffer.wrap(name).order(ByteOrder.nativeOrder()).getShort(0);
        if (family == Posix.AF_INET && length >= 8) {
            return Bytes.address(name, 4, 4);
        }
        if (family == Posix.AF_INET6 && length >= 24) {
            return Bytes.address(name, 8, 16);
        }
        return null;
    }
}
