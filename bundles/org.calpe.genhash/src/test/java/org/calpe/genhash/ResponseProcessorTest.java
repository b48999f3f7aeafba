package org.calpe.genhash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Digests as keepalived 2.2.7 computes them (values from the installed genhash against the same bytes). */
class ResponseProcessorTest {
    private static ResponseProcessor feed(boolean verbose, String response, int... readSizes) {
        byte[] b = response.getBytes(StandardCharsets.ISO_8859_1);
        ResponseProcessor p = new ResponseProcessor(verbose);
        int at = 0;
        int k = 0;
        while (at < b.length && p.room() > 0) {
            int n = Math.min(Math.min(p.room(), b.length - at), k < readSizes.length ? readSizes[k++] : b.length);
            p.read(b, at, n);
            at += n;
        }
        return p;
    }

    private static String digest(String response, int... readSizes) {
        return ResponseProcessor.hex(feed(false, response, readSizes).finish());
    }

    @Test
    void hashesTheRawBodyEvenWhenChunked() {
        assertEquals("a83b79bca5ff0a46abb576422f380435",
                digest("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n"));
    }

    @Test
    void contentLengthLimitsTheDigestOnlyWithTheExactFieldName() {
        assertEquals("900150983cd24fb0d6963f7d28e17f72", digest("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdef"));
        assertEquals("900150983cd24fb0d6963f7d28e17f72",
                digest("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdef", 40, 1, 1, 1, 1));
        assertEquals("e80b5017098950fc58aad83c8c14978e", digest("HTTP/1.1 200 OK\r\ncontent-length: 3\r\n\r\nabcdef"));
        assertEquals("e80b5017098950fc58aad83c8c14978e", digest("HTTP/1.1 200 OK\r\nContent-Length:   -2\r\n\r\nabcdef"));
        assertEquals("e80b5017098950fc58aad83c8c14978e", digest("HTTP/1.0 200 OK\r\n\r\nabcdef"));
        assertEquals("e80b5017098950fc58aad83c8c14978e", digest("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabcdef"));
    }

    @Test
    void headSplitOverReadsAndBodyInPieces() {
        String r = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nabcdef";
        assertEquals(digest(r), digest(r, 5, 10, 20, 2, 1));
        ResponseProcessor p = feed(true, r, 5, 40);
        p.finish();
        String out = new String(p.drain(), StandardCharsets.ISO_8859_1);
        // one header title per read until the head is complete
        assertTrue(out.startsWith(ResponseProcessor.HTTP_HEADER_HEXA + ResponseProcessor.HTTP_HEADER_HEXA + "0000 "));
    }

    @Test
    void noHeadMeansNoData() {
        ResponseProcessor p = feed(false, "HTTP/1.1 200 OK\nX: y\n\nabc");
        p.finish();
        assertFalse(p.headReceived());
    }

    @Test
    void aHeadLargerThanTheBufferEndsTheResponse() {
        String r = "HTTP/1.1 200 OK\r\nX: " + "a".repeat(5000) + "\r\n\r\nbody";
        ResponseProcessor p = feed(false, r);
        assertEquals(0, p.room());
        assertFalse(p.headReceived());
    }
}
