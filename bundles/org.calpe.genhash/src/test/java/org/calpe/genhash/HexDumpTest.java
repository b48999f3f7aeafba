package org.calpe.genhash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Lines copied from keepalived 2.2.7's genhash -v output. */
class HexDumpTest {
    private static String dump(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HexDump.dump(b, 0, b.length, out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void partialLineIsPadded() {
        assertEquals("0000  68 65 6c 6c 6f 20 77 6f - 72 6c 64 0a               hello world.    \n",
                dump("hello world\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void fullLinesAndDecimalOffsets() {
        String head = "HTTP/1.1 200 OK\r\nServer: test\r\nContent-Length: 12\r\n\r\n";
        assertEquals("0000  48 54 54 50 2f 31 2e 31 - 20 32 30 30 20 4f 4b 0d   HTTP/1.1 200 OK.\n"
                + "0016  0a 53 65 72 76 65 72 3a - 20 74 65 73 74 0d 0a 43   .Server: test..C\n"
                + "0032  6f 6e 74 65 6e 74 2d 4c - 65 6e 67 74 68 3a 20 31   ontent-Length: 1\n"
                + "0048  32 0d 0a 0d 0a          -                           2....           \n",
                dump(head.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void emptyPrintsNothingAndOffsetsWrapAt65536() {
        assertEquals("", dump(new byte[0]));
        String big = dump(new byte[65536 + 16]);
        String[] lines = big.split("\n");
        assertEquals(4097, lines.length);
        assertEquals("65520 ", lines[4095].substring(0, 6));
        assertEquals("0000 ", lines[4096].substring(0, 5));
    }
}
