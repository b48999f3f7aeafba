package org.calpe.genhash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Requests as keepalived 2.2.7's genhash sends them (captured from the installed binary). */
class GetRequestTest {
    private static String request(String... args) {
        GenhashOptions o = GenhashArguments.parse("genhash", List.of(args), System.err).options();
        return new String(GetRequest.encode(o, StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void protocols() {
        assertEquals("GET /x HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 127.0.0.1:18490\r\n\r\n",
                request("-s", "127.0.0.1", "-p", "18490", "-u", "/x"));
        assertEquals("GET /x HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: 127.0.0.1:18490\r\n\r\n",
                request("-s", "127.0.0.1", "-p", "18490", "-u", "/x", "-P", "1.0c"));
        assertEquals("GET /x HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: vh.test\r\n\r\n",
                request("-s", "127.0.0.1", "-p", "18490", "-u", "/x", "-V", "vh.test", "-P", "1.1"));
        assertEquals("GET /x HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: [::ffff:127.0.0.1]:18490\r\n\r\n",
                request("-s", "::ffff:127.0.0.1", "-p", "18490", "-u", "/x"));
    }

    @Test
    void longRequestsAreCutAt2047Bytes() {
        String r = request("-s", "127.0.0.1", "-p", "1", "-u", "/" + "a".repeat(3000));
        assertEquals(2047, r.length());
        assertEquals("GET /aaa", r.substring(0, 8));
        assertEquals('a', r.charAt(2046));
    }
}
