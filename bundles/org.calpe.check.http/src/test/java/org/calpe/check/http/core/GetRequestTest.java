package org.calpe.check.http.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequestEncoder;

/**
 * Requests byte for byte as keepalived 2.2.7 sends them (the goldens were captured from its genhash with a raw
 * server on this machine), as they leave {@link HttpExchange}: through Netty's HttpRequestEncoder, or keepalived's
 * own bytes where that encoder cannot write them.
 */
class GetRequestTest {
    private static final InetSocketAddress V4 = new InetSocketAddress(InetAddress.getLoopbackAddress(), 18931);

    /** What leaves HttpExchange on a plain connection, and whether Netty's encoder wrote it. */
    private record Wire(String text, boolean netty) {
    }

    private static Wire wire(GetRequest r) {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpExchange(r, UrlSpec.parse("path /x"), TransportSecurity.PLAIN));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
                byte[] bytes = new byte[b.readableBytes()];
                b.readBytes(bytes);
                b.release();
                out.writeBytes(bytes);
            }
            return new Wire(out.toString(StandardCharsets.ISO_8859_1), ch.pipeline().get(HttpRequestEncoder.class) != null);
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    /** Netty's encoding of the request, whatever encodable() says (null if the encoder refuses it). */
    private static String netty(GetRequest r) {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpRequestEncoder());
        try {
            ch.writeOutbound(r.toHttpRequest());
            StringBuilder sb = new StringBuilder();
            for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
                sb.append(b.toString(StandardCharsets.ISO_8859_1));
                b.release();
            }
            return sb.toString();
        } catch (RuntimeException e) {
            return null;
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static void assertNetty(String expected, GetRequest r) {
        assertTrue(r.encodable(), r::toString);
        assertEquals(new Wire(expected, true), wire(r));
        assertEquals(expected, latin1(r.bytes()), "hand-written reference");
    }

    private static void assertFallback(String expected, GetRequest r) {
        assertFalse(r.encodable(), r::toString);
        assertEquals(new Wire(expected, false), wire(r));
    }

    @Test
    void keepalivedRequestsGoThroughNettysEncoder() {
        assertNetty("GET /a HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 127.0.0.1:18931\r\n\r\n",
                GetRequest.of("/a", HttpProtocol.HTTP_1_0, Optional.empty(), V4));
        assertNetty("GET /a HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: www.x\r\n\r\n",
                GetRequest.of("/a", HttpProtocol.HTTP_1_1, Optional.of("www.x"), V4));
        assertNetty("GET /a HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\n"
                + "Host: 127.0.0.1:18931\r\n\r\n", GetRequest.of("/a", HttpProtocol.HTTP_1_0C, Optional.empty(), V4));
        assertNetty("GET /q?a=1&b=%20 HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: h:8080\r\n\r\n",
                GetRequest.of("/q?a=1&b=%20", HttpProtocol.HTTP_1_0, Optional.of("h:8080"), V4));
        assertNetty("GET http://h/x HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: \r\n\r\n",
                GetRequest.of("http://h/x", HttpProtocol.HTTP_1_0, Optional.of(""), V4));
        assertNetty("GET http://h/?q HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: h\r\n\r\n",
                GetRequest.of("http://h/?q", HttpProtocol.HTTP_1_0, Optional.of("h"), V4));
    }

    @Test
    void ipv6HostIsBracketedInInetNtopForm() throws Exception {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:0:0:0:1"), 80);
        assertNetty("GET /a HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: [2001:db8::1]:80\r\n\r\n",
                GetRequest.of("/a", HttpProtocol.HTTP_1_0, Optional.empty(), to));
        assertNetty("GET /a HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: v6.invalid\r\n\r\n",
                GetRequest.of("/a", HttpProtocol.HTTP_1_0, Optional.of("v6.invalid"), to));
        assertEquals("[::198.18.0.1]:1", host("::c612:1"));
        assertEquals("[2001:db8::1:0:0:1]:1", host("2001:db8:0:0:1:0:0:1"));
        assertEquals("[fe80::abcd]:1", host("fe80::ABCD"));
    }

    private static String host(String address) throws Exception {
        return GetRequest.of("/", HttpProtocol.HTTP_1_0, Optional.empty(),
                new InetSocketAddress(InetAddress.getByName(address), 1)).host();
    }

    /** Each fallback exists because Netty's encoder changes or refuses keepalived's request. */
    @Test
    void keepalivedsBytesWhereNettyDiffers() {
        GetRequest empty = new GetRequest("", HttpProtocol.HTTP_1_0, "h");
        assertFallback("GET  HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: h\r\n\r\n", empty);
        assertEquals("GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: h\r\n\r\n", netty(empty));

        GetRequest absolute = new GetRequest("http://h?q", HttpProtocol.HTTP_1_0, "h");
        assertFallback("GET http://h?q HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: h\r\n\r\n", absolute);
        assertEquals("GET http://h/?q HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: h\r\n\r\n", netty(absolute));

        GetRequest space = new GetRequest("/a b", HttpProtocol.HTTP_1_0, "h");
        assertFallback("GET /a b HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: h\r\n\r\n", space);
        assertThrows(IllegalArgumentException.class, space::toHttpRequest);

        GetRequest leadingSpace = new GetRequest("/", HttpProtocol.HTTP_1_0, " h");
        assertFallback("GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost:  h\r\n\r\n", leadingSpace);
        assertThrows(IllegalArgumentException.class, leadingSpace::toHttpRequest);

        // keepalived sends the configuration's bytes (UTF-8); Netty writes header values in ISO-8859-1
        GetRequest utf8 = new GetRequest("/\u00e9", HttpProtocol.HTTP_1_0, "\u00e9.invalid");
        assertFallback("GET /\u00c3\u00a9 HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: \u00c3\u00a9.invalid\r\n\r\n",
                utf8);
        assertNotEquals(latin1(utf8.bytes()), netty(utf8));
    }

    @Test
    void requestsOver2047BytesAreCutAsKeepalivedDoes() {
        GetRequest longest = new GetRequest("/" + "a".repeat(1991), HttpProtocol.HTTP_1_0, "h");
        assertEquals(GetRequest.MAX_LENGTH, wire(longest).text().length());
        assertTrue(wire(longest).netty());

        GetRequest tooLong = new GetRequest("/" + "a".repeat(3000), HttpProtocol.HTTP_1_0, "h");
        Wire w = wire(tooLong);
        assertFalse(w.netty());
        assertEquals(GetRequest.MAX_LENGTH, w.text().length());
        assertTrue(w.text().startsWith("GET /aaa"));
        assertEquals('a', w.text().charAt(GetRequest.MAX_LENGTH - 1));
        assertEquals(3001 + 55, netty(tooLong).length(), "Netty would send it whole");
    }

    /** The rules never send a request through Netty that it would change or refuse. */
    @Test
    void encodableRequestsEncodeIdenticallyOnRandomInput() {
        String alphabet = "a/:?h%tp .\t\r\n\u0000\u0001\u007f\u00e9\u0100[]#";
        String absolute = "://?h"; // stresses the encoder's slash insertion into absolute targets
        Random random = new Random(4242);
        int viaNetty = 0;
        for (int i = 0; i < 20_000; i++) {
            GetRequest r = new GetRequest(random(random, i % 2 == 0 ? alphabet : absolute),
                    HttpProtocol.values()[random.nextInt(3)],
                    random(random, alphabet));
            String expected = latin1(r.bytes());
            if (r.encodable()) {
                viaNetty++;
                assertEquals(expected, netty(r), r::toString);
            }
            Wire w = wire(r);
            assertEquals(expected, w.text(), r::toString);
            assertEquals(r.encodable(), w.netty());
        }
        assertTrue(viaNetty > 1000, "too few encodable samples: " + viaNetty);
    }

    private static String random(Random random, String alphabet) {
        StringBuilder sb = new StringBuilder();
        if (random.nextBoolean()) {
            sb.append('/');
        }
        for (int n = random.nextInt(8); n > 0; n--) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Test
    void messageIsAFreshNettyRequestOrRawBytes() {
        Object m = new GetRequest("/", HttpProtocol.HTTP_1_0, "h").message();
        assertTrue(m instanceof io.netty.handler.codec.http.FullHttpRequest, String.valueOf(m));
        Object raw = new GetRequest("", HttpProtocol.HTTP_1_0, "h").message();
        assertTrue(raw instanceof ByteBuf, String.valueOf(raw));
        assertArrayEquals(new GetRequest("", HttpProtocol.HTTP_1_0, "h").bytes(), bytes((ByteBuf) raw));
        assertNotNull(m);
        assertNull(netty(new GetRequest("/\n", HttpProtocol.HTTP_1_0, "h")));
    }

    private static byte[] bytes(ByteBuf b) {
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        b.release();
        return out;
    }
}
