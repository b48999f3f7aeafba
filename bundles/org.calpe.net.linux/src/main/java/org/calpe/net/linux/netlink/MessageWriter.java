package org.calpe.net.linux.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Writes one netlink message: header, fixed family header, then {@code rtattr}s, all 4-byte aligned. */
public final class MessageWriter {

    private final ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.nativeOrder());

    public MessageWriter(int type, int flags, int seq) {
        b.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
    }

    public MessageWriter u8(int v) {
        b.put((byte) v);
        return this;
    }

    public MessageWriter u16(int v) {
        b.putShort((short) v);
        return this;
    }

    public MessageWriter u32(int v) {
        b.putInt(v);
        return this;
    }

    /** Appends an attribute with raw bytes. */
    public MessageWriter attr(int type, byte[] value) {
        pad();
        b.putShort((short) (4 + value.length)).putShort((short) type).put(value);
        pad();
        return this;
    }

    public MessageWriter attrU32(int type, int value) {
        return attr(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    /** Appends a NUL-terminated string attribute. */
    public MessageWriter attrString(int type, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        return attr(type, Arrays.copyOf(s, s.length + 1));
    }

    private void pad() {
        while (b.position() % 4 != 0) {
            b.put((byte) 0);
        }
    }

    /** @return the finished message with its length filled in */
    public byte[] toBytes() {
        pad();
        b.putInt(0, b.position());
        return Arrays.copyOf(b.array(), b.position());
    }
}
