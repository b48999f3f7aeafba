package org.calpe.vrrp.core.codec;

import io.netty.buffer.ByteBuf;

/**
 * The Internet checksum (RFC 1071): the 16-bit one's complement of the one's complement sum, accumulated over
 * several pieces (pseudo-header, then message). Each piece starts at a 16-bit boundary of the whole, which is
 * true of every piece VRRP sums.
 */
final class InternetChecksum {
    private long sum;

    /** Adds {@code length} bytes of {@code buf} from absolute index {@code index}. */
    InternetChecksum add(ByteBuf buf, int index, int length) {
        int i = 0;
        for (; i + 1 < length; i += 2) {
            sum += buf.getUnsignedShort(index + i);
        }
        if (i < length) {
            sum += buf.getUnsignedByte(index + i) << 8;
        }
        return this;
    }

    /** Adds a byte array. */
    InternetChecksum add(byte[] bytes) {
        int i = 0;
        for (; i + 1 < bytes.length; i += 2) {
            sum += ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff);
        }
        if (i < bytes.length) {
            sum += (bytes[i] & 0xff) << 8;
        }
        return this;
    }

    /** Adds a 16-bit value. */
    InternetChecksum add16(int value) {
        sum += value & 0xffff;
        return this;
    }

    /** The checksum: 0 when the pieces included a correct checksum field. */
    int value() {
        long s = sum;
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) (~s & 0xffff);
    }
}
