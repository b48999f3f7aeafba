package org.calpe.net.linux.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One netlink message: the {@code nlmsghdr} fields and its payload (RFC 3549; {@code linux/netlink.h}).
 *
 * @param type    the message type ({@code RTM_*}, {@code NLMSG_*})
 * @param flags   the {@code NLM_F_*} flags
 * @param seq     the sequence number
 * @param pid     the port id
 * @param payload the bytes after the 16-byte header
 */
public record NetlinkMessage(int type, int flags, int seq, int pid, byte[] payload) {

    public static final int HEADER = 16;
    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLMSG_OVERRUN = 4;
    public static final int NLM_F_REQUEST = 0x1;
    public static final int NLM_F_MULTI = 0x2;
    public static final int NLM_F_ACK = 0x4;
    public static final int NLM_F_DUMP = 0x300;
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;

    /** @return the messages in {@code data[0, length)}; a truncated trailing message is ignored */
    public static List<NetlinkMessage> parseAll(byte[] data, int length) {
        ByteBuffer b = ByteBuffer.wrap(data, 0, length).order(ByteOrder.nativeOrder());
        List<NetlinkMessage> out = new ArrayList<>();
        int off = 0;
        while (off + HEADER <= length) {
            int len = b.getInt(off);
            if (len < HEADER || off + len > length) {
                break;
            }
            byte[] payload = new byte[len - HEADER];
            System.arraycopy(data, off + HEADER, payload, 0, payload.length);
            out.add(new NetlinkMessage(b.getShort(off + 4) & 0xFFFF, b.getShort(off + 6) & 0xFFFF, b.getInt(off + 8),
                    b.getInt(off + 12), payload));
            off += align(len);
        }
        return out;
    }

    /** @return for an {@code NLMSG_ERROR}: the positive errno, 0 for an acknowledgement */
    public int errorCode() {
        if (type != NLMSG_ERROR || payload.length < 4) {
            throw new IllegalStateException("not an error message");
        }
        return -ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder()).getInt(0);
    }

    /** @return {@code length} rounded up to netlink's 4-byte alignment */
    public static int align(int length) {
        return (length + 3) & ~3;
    }
}
