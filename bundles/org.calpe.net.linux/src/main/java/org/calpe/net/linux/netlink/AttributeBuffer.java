package org.calpe.net.linux.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds the payload of a nested attribute ({@code RTA_METRICS}, {@code RTA_MULTIPATH}): a run of 4-byte aligned
 * {@code rtattr}s and raw structures, handed to {@link MessageWriter#attr(int, byte[])} as one value.
 */
final class AttributeBuffer {

    private final ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.nativeOrder());

    int position() {
        return b.position();
    }

    boolean isEmpty() {
        return b.position() == 0;
    }

    AttributeBuffer attr(int type, byte[] value) {
        pad();
        b.putShort((short) (4 + value.length)).putShort((short) type).put(value);
        pad();
        return this;
    }

    AttributeBuffer attrU32(int type, long value) {
        return attr(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt((int) value).array());
    }

    /** A string attribute without the terminating NUL (as {@code RTAX_CC_ALGO} is sent). */
    AttributeBuffer attrText(int type, String value) {
        return attr(type, value.getBytes(StandardCharsets.US_ASCII));
    }

    AttributeBuffer u8(int v) {
        b.put((byte) v);
        return this;
    }

    AttributeBuffer u16(int v) {
        b.putShort((short) v);
        return this;
    }

    AttributeBuffer u32(int v) {
        b.putInt(v);
        return this;
    }

    /** Overwrites the 16-bit value at {@code offset} (a length field written before its contents). */
    void putU16(int offset, int v) {
        b.putShort(offset, (short) v);
    }

    private void pad() {
        while (b.position() % 4 != 0) {
            b.put((byte) 0);
        }
    }

    byte[] toBytes() {
        return Arrays.copyOf(b.array(), b.position());
    }
}
