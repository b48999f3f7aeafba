package org.calpe.genhash;

import java.io.ByteArrayOutputStream;

/**
 * keepalived's {@code dump_buffer()}: 16 bytes a line, "%.4zu " decimal offset (wrapping at 65536) from 0 for
 * every call, " %02x" per byte, " -" after the eighth, three blanks then the bytes 0x20..0x7e as themselves and
 * others as '.', the last line padded with blanks. An empty buffer prints nothing.
 */
final class HexDump {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private HexDump() {
    }

    static void dump(byte[] b, int off, int count, ByteArrayOutputStream out) {
        int c = count % 16 == 0 ? count : count + 16 - count % 16;
        for (int i = 0; i < c; i++) {
            if (i % 16 == 0) {
                offset(i & 0xffff, out);
            }
            if (i < count) {
                int v = b[off + i] & 0xff;
                out.write(' ');
                out.write(HEX[v >> 4]);
                out.write(HEX[v & 15]);
            } else {
                out.write(' ');
                out.write(' ');
                out.write(' ');
            }
            if ((i + 1) % 8 == 0) {
                if ((i + 1) % 16 != 0) {
                    out.write(' ');
                    out.write('-');
                } else {
                    out.write(' ');
                    out.write(' ');
                    out.write(' ');
                    for (int j = i - 15; j <= i; j++) {
                        if (j < count) {
                            int v = b[off + j] & 0xff;
                            out.write(v >= 0x20 && v <= 0x7e ? v : '.');
                        } else {
                            out.write(' ');
                        }
                    }
                    out.write('\n');
                }
            }
        }
    }

    private static void offset(int value, ByteArrayOutputStream out) {
        String s = Integer.toString(value);
        for (int k = s.length(); k < 4; k++) {
            out.write('0');
        }
        for (int k = 0; k < s.length(); k++) {
            out.write(s.charAt(k));
        }
        out.write(' ');
    }
}
