package org.calpe.check.http.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.calpe.check.api.FailureCause;
import org.junit.jupiter.api.Test;

/**
 * Response evaluation against goldens produced by keepalived 2.2.7's {@code genhash} on raw responses (the same
 * cases run live against genhash in {@code GenhashParityLabTest}).
 */
class ResponseEvaluatorTest {

    private static final String HELLO = "5d41402abc4b2a76b9719d911017c592"; // md5("hello")
    private static final String HELLOWORLD = "fc5e038d38a57032085441e7fe7010b0"; // md5("helloworld")

    static UrlVerdict evaluate(String url, String response, int chunk) {
        ResponseEvaluator e = new ResponseEvaluator(UrlSpec.parse(url));
        byte[] b = response.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < b.length; i += chunk) {
            if (!e.feed(b, i, Math.min(chunk, b.length - i))) {
                break;
            }
        }
        return e.finish();
    }

    private static void digest(String expected, String response) {
        for (int chunk : new int[] {1, 3, 7, 4096}) {
            UrlVerdict v = evaluate("path / digest " + expected, response, chunk);
            assertTrue(v.passed(), "chunk " + chunk + ": " + v);
        }
    }

    @Test
    void digestIsCutAtContentLength() {
        digest(HELLO, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloworld");
        digest(HELLO, "HTTP/1.1 200 OK\r\nContent-Length:5\r\n\r\nhelloworld");
        digest(HELLO, "HTTP/1.1 200 OK\r\nContent-Length: 5\nX: y\r\n\r\nhelloworld");
    }

    @Test
    void contentLengthIsIgnoredUnlessExactlyWritten() {
        digest(HELLOWORLD, "HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhelloworld");
        digest(HELLOWORLD, "HTTP/1.1 200 OK\r\nContent-Length: 5 \r\n\r\nhelloworld");
        digest(HELLOWORLD, "HTTP/1.1 200 OK\r\nContent-Length: 5x\r\n\r\nhelloworld");
        digest(HELLOWORLD, "HTTP/1.1 200 OK\r\nContent-Length: \r\n\r\nhelloworld");
        digest(HELLOWORLD, "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nhelloworld");
    }

    @Test
    void zeroContentLengthHashesNothing() {
        digest("d41d8cd98f00b204e9800998ecf8427e", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nhelloworld");
        digest("d41d8cd98f00b204e9800998ecf8427e", "HTTP/1.1 200 OK\r\n\r\n");
    }

    @Test
    void chunkedBodiesAreHashedRaw() {
        digest("79e9489e3bd3f0cb0158215341de046d",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    }

    @Test
    void contentLengthInTheFirstBodyBytesCountsLikeKeepalived() {
        // genhash: md5("Conte"), the header has no Content-Length but the body read with it does
        UrlVerdict v = evaluate("path / digest e9277fe946e16047237dbc357dc25d8f",
                "HTTP/1.1 200 OK\r\nX: y\r\n\r\nContent-Length: 5\r\nhelloworld", 4096);
        assertTrue(v.passed(), v.toString());
    }

    @Test
    void noHeaderEndIsNoData() {
        for (String r : new String[] {"HTTP/1.1 200 OK\r\nX: 1\r\n", "HTTP/1.1 200 OK\nContent-Length: 5\n\nhello",
            ""}) {
            UrlVerdict v = evaluate("path /", r, 4096);
            assertEquals(FailureCause.RESPONSE, v.cause());
            assertTrue(v.reason().startsWith("Read, no data received"), v.reason());
        }
    }

    @Test
    void headerMustEndWithin4095Bytes() {
        String fits = "HTTP/1.1 200 OK\r\nX: " + "a".repeat(4070) + "\r\n\r\nhello"; // header 4094 bytes
        String tooLong = "HTTP/1.1 200 OK\r\nX: " + "a".repeat(4080) + "\r\n\r\nhello"; // header 4104 bytes
        assertTrue(evaluate("path / digest " + HELLO, fits, 1000).passed());
        UrlVerdict v = evaluate("path / digest " + HELLO, tooLong, 1000);
        assertTrue(v.reason().startsWith("Read, no data received"), v.reason());
        ResponseEvaluator e = new ResponseEvaluator(UrlSpec.parse("path /"));
        byte[] b = tooLong.getBytes(StandardCharsets.ISO_8859_1);
        assertFalse(e.feed(b, 0, b.length), "an overflowing header ends the exchange at once");
    }

    @Test
    void statusCodes() {
        String ok = "HTTP/1.0 200 OK\r\n\r\n";
        assertTrue(evaluate("path /", ok, 4096).passed(), "default 200-299");
        assertTrue(evaluate("path /", "HTTP/1.0 299 X\r\n\r\n", 4096).passed());
        assertFalse(evaluate("path /", "HTTP/1.0 301 Moved\r\n\r\n", 4096).passed());
        assertFalse(evaluate("path / status_code 301", ok, 4096).passed());
        assertTrue(evaluate("path / status_code 200 301-302", "HTTP/1.0 302 Found\r\n\r\n", 4096).passed());
        assertTrue(evaluate("path / status_code 500-599", "HTTP/1.1 503 Service Unavailable\r\n\r\n", 4096).passed());
        UrlVerdict v = evaluate("path / digest " + HELLO, "HTTP/1.0 404 Not Found\r\n\r\nhello", 4096);
        assertTrue(v.reason().startsWith("HTTP status code error (404)"), "status is checked before the digest: " + v);
    }

    @Test
    void statusLineParsingFollowsKeepalived() {
        byte[] noReason = "HTTP/1.1 200\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(0, ResponseEvaluator.statusCode(noReason, noReason.length), "no blank after the code");
        byte[] ok = "HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(204, ResponseEvaluator.statusCode(ok, ok.length));
        byte[] four = "HTTP/1.1 2000 X\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(0, ResponseEvaluator.statusCode(four, four.length));
    }

    @Test
    void digestMismatchFails() {
        UrlVerdict v = evaluate("path / digest " + HELLOWORLD, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloworld",
                4096);
        assertEquals(FailureCause.RESPONSE, v.cause());
        assertTrue(v.reason().startsWith("MD5 digest error (got " + HELLO + ")"), v.reason());
    }

    @Test
    void regexAndNoMatch() {
        String r = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nstatus: healthy\n";
        assertTrue(evaluate("path / regex healthy", r, 4096).passed());
        assertFalse(evaluate("path / regex sick", r, 4096).passed());
        assertTrue(evaluate("path / regex sick regex_no_match", r, 4096).passed());
        assertFalse(evaluate("path / regex healthy regex_no_match", r, 4096).passed());
        assertTrue(evaluate("path / regex HEALTHY regex_options caseless", r, 4096).passed());
        assertTrue(evaluate("path / regex \"status: h\\\\w+\"", r, 3).passed(), "a match spanning reads");
    }

    @Test
    void bigBodiesAreStreamedAndMatchedFarIn() {
        String body = "x".repeat(1_000_000) + "needle" + "y".repeat(1000);
        String r = "HTTP/1.1 200 OK\r\n\r\n" + body;
        assertTrue(evaluate("path / regex needle", r, 8192).passed());
        assertFalse(evaluate("path / regex needle regex_max_offset 1000", r, 8192).passed());
    }

    @Test
    void regexSeesTheHeaderOnlyWhenBodyBytesCameWithIt() {
        // keepalived hands PCRE2 its whole buffer when the read that completed the header also brought body bytes
        String head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = "all good\n".getBytes(StandardCharsets.ISO_8859_1);
        ResponseEvaluator together = new ResponseEvaluator(UrlSpec.parse("path / regex text/plain"));
        byte[] all = (head + "all good\n").getBytes(StandardCharsets.ISO_8859_1);
        together.feed(all, 0, all.length);
        assertTrue(together.finish().passed());
        ResponseEvaluator apart = new ResponseEvaluator(UrlSpec.parse("path / regex text/plain"));
        apart.feed(h, 0, h.length);
        apart.feed(body, 0, body.length);
        assertEquals("Regex match failed, url /", apart.finish().reason());
        ResponseEvaluator bodyOnly = new ResponseEvaluator(UrlSpec.parse("path / regex \"^all\""));
        bodyOnly.feed(h, 0, h.length);
        bodyOnly.feed(body, 0, body.length);
        assertTrue(bodyOnly.finish().passed(), "offsets then start at the body");
    }
}
