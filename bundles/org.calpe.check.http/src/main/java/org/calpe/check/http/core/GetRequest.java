package org.calpe.check.http.core;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.calpe.net.api.InetText;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The GET request keepalived 2.2.7 sends for one url, byte for byte:
 *
 * <pre>
 * GET {path} HTTP/1.{0|1}\r\n
 * User-Agent: KeepAliveClient\r\n
 * [Connection: close\r\n]          (http_protocol 1.0C and 1.1)
 * Host: {virtualhost | ip:port | [ipv6]:port}\r\n
 * \r\n
 * </pre>
 *
 * A virtualhost is sent as is, without a port; without one, the connect address and port are sent, an IPv6
 * address in brackets and in {@code inet_ntop} form. keepalived sends the configuration's bytes (Calpe reads the
 * file as UTF-8) formatted into a 2048-byte buffer, so a request longer than {@value #MAX_LENGTH} bytes is cut
 * there and then lacks its final CRLF CRLF.
 * <p>
 * On the wire the request is a {@link DefaultFullHttpRequest} (headers in keepalived's order) written through
 * Netty's {@link HttpRequestEncoder} whenever that encoder writes exactly keepalived's bytes
 * ({@link #encodable()}). Where it cannot, {@link #message()} is keepalived's bytes as built here; see
 * {@link RequestEncoding} for exactly which requests those are.
 *
 * @param target the request target (the url's {@code path}), as configured
 * @param protocol {@code http_protocol}
 * @param host the Host header's value
 */
public record GetRequest(String target, HttpProtocol protocol, String host) {
    /** keepalived's GET_BUFFER_LENGTH (2048) less the terminating NUL. */
    public static final int MAX_LENGTH = 2047;

    public GetRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(host, "host");
    }

    /** The request for {@code path} to {@code connectTo}, with the virtualhost keepalived would use (if any). */
    public static GetRequest of(String path, HttpProtocol protocol, Optional<String> virtualhost,
            InetSocketAddress connectTo) {
        return new GetRequest(path, protocol, virtualhost.orElseGet(() -> hostPort(connectTo)));
    }

    private static String hostPort(InetSocketAddress connectTo) {
        InetAddress a = connectTo.getAddress();
        String text = InetText.of(a);
        return (a instanceof Inet6Address ? "[" + text + "]" : text) + ":" + connectTo.getPort();
    }

    /** keepalived's bytes, written by hand: the reference for, and fallback of, the Netty encoding. */
    public byte[] bytes() {
        byte[] b = text().getBytes(StandardCharsets.UTF_8);
        return b.length > MAX_LENGTH ? Arrays.copyOf(b, MAX_LENGTH) : b;
    }

    /** True when Netty's {@link HttpRequestEncoder} writes exactly {@link #bytes()} for {@link #toHttpRequest()}. */
    public boolean encodable() {
        return RequestEncoding.encodable(target, host, text().length());
    }

    /** The request as a Netty message for {@link HttpRequestEncoder}; only meaningful when {@link #encodable()}. */
    public FullHttpRequest toHttpRequest() {
        FullHttpRequest r = new DefaultFullHttpRequest(protocol.minor() == 1 ? HttpVersion.HTTP_1_1
                : HttpVersion.HTTP_1_0, HttpMethod.GET, target, Unpooled.EMPTY_BUFFER);
        // keepalived's spelling and order; HttpHeaderNames' constants are lower case
        r.headers().add("User-Agent", "KeepAliveClient");
        if (protocol.connectionClose()) {
            r.headers().add("Connection", "close");
        }
        r.headers().add("Host", host);
        return r;
    }

    /**
     * What to write: {@link #toHttpRequest()} for a pipeline holding an {@link HttpRequestEncoder} when
     * {@link #encodable()}, else keepalived's bytes as a buffer (and then no HTTP encoder must be in the way).
     */
    public Object message() {
        return encodable() ? toHttpRequest() : Unpooled.wrappedBuffer(bytes());
    }

    private String text() {
        return "GET " + target + " HTTP/1." + protocol.minor() + "\r\n"
                + "User-Agent: KeepAliveClient\r\n"
                + (protocol.connectionClose() ? "Connection: close\r\n" : "")
                + "Host: " + host + "\r\n\r\n";
    }
}
