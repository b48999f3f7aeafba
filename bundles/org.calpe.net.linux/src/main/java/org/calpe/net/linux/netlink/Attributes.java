package org.calpe.net.linux.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The {@code rtattr}s of a message payload after its fixed header, by type (nested flag stripped). */
public final class Attributes {

    private final Map<Integer, byte[]> values = new HashMap<>();

    private Attributes() {
    }

    /** @return the attributes found in {@code payload} from {@code offset} */
    public static Attributes parse(byte[] payload, int offset) {
        Attributes a = new Attributes();
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
        int off = offset;
        while (off + 4 <= payload.length) {
            int len = b.getShort(off) & 0xFFFF;
            int type = b.getShort(off + 2) & 0x3FFF;
            if (len < 4 || off + len > payload.length) {
                break;
            }
            byte[] v = new byte[len - 4];
            System.arraycopy(payload, off + 4, v, 0, v.length);
            a.values.putIfAbsent(type, v);
            off += NetlinkMessage.align(len);
        }
        return a;
    }

    public byte[] get(int type) {
        return values.get(type);
    }

    public boolean has(int type) {
        return values.containsKey(type);
    }

    /** @return the u32 attribute, or {@code fallback} */
    public int u32(int type, int fallback) {
        byte[] v = values.get(type);
        return v == null || v.length < 4 ? fallback : ByteBuffer.wrap(v).order(ByteOrder.nativeOrder()).getInt();
    }

    /** @return the NUL-terminated string attribute, or null */
    public String string(int type) {
        byte[] v = values.get(type);
        if (v == null) {
            return null;
        }
        int n = 0;
        while (n < v.length && v[n] != 0) {
            n++;
        }
        return new String(v, 0, n, StandardCharsets.UTF_8);
    }
}
