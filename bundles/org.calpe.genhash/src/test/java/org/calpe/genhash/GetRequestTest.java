package org.calpe.genhash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequestEncoder;

/**
 * Requests as keepalived 2.2.7's genhash sends them (every golden captured from the installed binary with a raw
 * server), as they leave {@link GenhashHandler}: through Netty's HttpRequestEncoder, or genhash's own bytes where
 * that encoder cannot write them.
 */
class GetRequestTest {
    /** What leaves the handler, and whether Netty's encoder wrote it. */
    private record Wire(String text, boolean netty) {
    }

    private static GetRequest request(Charset cs, String... args) {
        GenhashOptions o = GenhashArguments.parse("genhash", List.of(args), System.err).options();
        return GetRequest.of(o, cs);
    }

    private static Wire wire(String... args) {
        return wire(StandardCharsets.UTF_8, args);
    }

    private static Wire wire(Charset cs, String... args) {
        GenhashOptions o = GenhashArguments.parse("genhash", List.of(args), System.err).options();
        GenhashHandler h = new GenhashHandler(o, GetRequest.of(o, cs), new ByteArrayOutputStream(), Long.MAX_VALUE,
                new CompletableFuture<>());
        EmbeddedChannel ch = new EmbeddedChannel(h);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
                byte[] bytes = new byte[b.readableBytes()];
                b.readBytes(bytes);
                b.release();
                out.writeBytes(bytes);
            }
            return new Wire(out.toString(StandardCharsets.ISO_8859_1),
                    ch.pipeline().get(HttpRequestEncoder.class) != null);
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void protocolsGoThroughNettysEncoder() {
        assertEquals(new Wire("GET /x HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 127.0.0.1:18490\r\n\r\n", true),
                wire("-s", "127.0.0.1", "-p", "18490", "-u", "/x"));
        assertEquals(new Wire("GET /x HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\n"
                + "Host: 127.0.0.1:18490\r\n\r\n", true),
                wire("-s", "127.0.0.1", "-p", "18490", "-u", "/x", "-P", "1.0c"));
        assertEquals(new Wire("GET /x HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\n"
                + "Host: vh.test\r\n\r\n", true),
                wire("-s", "127.0.0.1", "-p", "18490", "-u", "/x", "-V", "vh.test", "-P", "1.1"));
        assertEquals(new Wire("GET /x HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: [::ffff:127.0.0.1]:18490\r\n\r\n",
                true), wire("-s", "::ffff:127.0.0.1", "-p", "18490", "-u", "/x"));
    }

    /** Where Netty's encoder would change or refuse the request, genhash's bytes go out unchanged. */
    @Test
    void fallbacksSendKeepalivedsBytes() {
        assertEquals(new Wire("GET  HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 127.0.0.1:18490\r\n\r\n", false),
                wire("-s", "127.0.0.1", "-p", "18490", "-u", ""));
        assertEquals(new Wire("GET http://h?q HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 127.0.0.1:18490\r\n\r\n",
                false), wire("-s", "127.0.0.1", "-p", "18490", "-u", "http://h?q"));
        assertEquals(new Wire("GET /a b HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost:  h\r\n\r\n", false),
                wire("-s", "127.0.0.1", "-p", "18490", "-u", "/a b", "-V", " h"));
        assertEquals(new Wire("GET /x HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: a\tb\r\n\r\n",
                false), wire("-s", "127.0.0.1", "-p", "18490", "-u", "/x", "-V", "a\tb", "-P", "1.1"));
        assertEquals(new Wire("GET /\u00c3\u00a9 HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: \u00c3\u00a9.invalid\r\n\r\n",
                false), wire("-s", "127.0.0.1", "-p", "18490", "-u", "/\u00e9", "-V", "\u00e9.invalid"));
        // the command line's own charset: one byte per character in ISO-8859-1
        assertEquals(new Wire("GET /\u00e9 HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: h\r\n\r\n", false),
                wire(StandardCharsets.ISO_8859_1, "-s", "127.0.0.1", "-p", "18490", "-u", "/\u00e9", "-V", "h"));
    }

    @Test
    void longRequestsAreCutAt2047Bytes() {
        Wire w = wire("-s", "127.0.0.1", "-p", "1", "-u", "/" + "a".repeat(3000));
        assertFalse(w.netty());
        assertEquals(2047, w.text().length());
        assertEquals("GET /aaa", w.text().substring(0, 8));
        assertEquals('a', w.text().charAt(2046));
        // 2047 bytes exactly still goes through Netty: "GET " + 1994 + " HTTP/1.0\r\n" + 29 + "Host: 127.0.0.1:1\r\n\r\n"
        Wire exact = wire("-s", "127.0.0.1", "-p", "1", "-u", "/" + "a".repeat(1981));
        assertEquals(2047, exact.text().length());
        assertTrue(exact.text().endsWith("\r\n\r\n"));
        assertTrue(exact.netty());
    }

    /** The rules never send a request through Netty that it would change or refuse. */
    @Test
    void encodableRequestsEncodeIdenticallyOnRandomInput() {
        String alphabet = "a/:?h%tp .\t\r\u0001\u007f\u00e9\u0100[]#";
        Random random = new Random(2207);
        int viaNetty = 0;
        for (int i = 0; i < 5_000; i++) {
            GetRequest r = new GetRequest(random(random, alphabet), HttpProtocol.values()[random.nextInt(3)],
                    random(random, alphabet), random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            if (r.encodable()) {
                viaNetty++;
                EmbeddedChannel ch = new EmbeddedChannel(new HttpRequestEncoder());
                ch.writeOutbound(r.toHttpRequest());
                StringBuilder sb = new StringBuilder();
                for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
                    sb.append(b.toString(StandardCharsets.ISO_8859_1));
                    b.release();
                }
                ch.finishAndReleaseAll();
                assertEquals(new String(r.bytes(), StandardCharsets.ISO_8859_1), sb.toString(), r::toString);
            }
        }
        assertTrue(viaNetty > 200, "too few encodable samples: " + viaNetty);
    }

    private static String random(Random random, String alphabet) {
        StringBuilder sb = new StringBuilder(random.nextBoolean() ? "/" : "");
        for (int n = random.nextInt(8); n > 0; n--) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Test
    void requestIgnoresTimeoutAndSsl() {
        assertEquals(request(StandardCharsets.UTF_8, "-s", "127.0.0.1", "-p", "1", "-u", "/"),
                request(StandardCharsets.UTF_8, "-s", "127.0.0.1", "-p", "1", "-u", "/", "-S", "-t", "3"));
    }
}
