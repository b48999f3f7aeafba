package org.calpe.genhash;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import org.calpe.check.http.core.RequestEncoding;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The request genhash sends, byte for byte: {@code GET <url> HTTP/1.<m>}, {@code User-Agent: KeepAliveClient},
 * {@code Connection: close} for 1.0c and 1.1, {@code Host}. The url and virtualhost go out as typed (in the
 * charset the JVM decoded the command line with). Like keepalived, which formats it into a 2048-byte buffer, a
 * request longer than {@value #MAX_LENGTH} bytes is cut there (and then lacks its final CRLF CRLF).
 * <p>
 * On the wire it is a {@link DefaultFullHttpRequest} (headers in keepalived's order) written through Netty's
 * {@link HttpRequestEncoder} whenever that encoder writes exactly these bytes ({@link #encodable()}); otherwise
 * (an empty {@code -u}, a space or control character, non-ASCII text, over 2047 bytes...: see
 * {@link RequestEncoding}) {@link #message()} is the bytes built here.
 *
 * @param target  {@code -u}, as given
 * @param protocol {@code -P}
 * @param host    the Host header's value
 * @param charset the charset the command line was decoded with
 */
record GetRequest(String target, HttpProtocol protocol, String host, Charset charset) {
    /** keepalived's GET_BUFFER_LENGTH less the terminating NUL. */
    static final int MAX_LENGTH = 2047;

    GetRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(charset, "charset");
    }

    static GetRequest of(GenhashOptions o, Charset argCharset) {
        return new GetRequest(o.url(), o.protocol(), o.hostHeader(), argCharset);
    }

    /** keepalived's bytes, written by hand: the reference for, and fallback of, the Netty encoding. */
    byte[] bytes() {
        byte[] b = text().getBytes(charset);
        return b.length > MAX_LENGTH ? Arrays.copyOf(b, MAX_LENGTH) : b;
    }

    /** True when Netty's {@link HttpRequestEncoder} writes exactly {@link #bytes()} for {@link #toHttpRequest()}. */
    boolean encodable() {
        String text = text();
        return RequestEncoding.encodable(target, host, text.length())
                && Arrays.equals(text.getBytes(charset), text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The request as a Netty message for {@link HttpRequestEncoder}; only meaningful when {@link #encodable()}. */
    FullHttpRequest toHttpRequest() {
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
    Object message() {
        return encodable() ? toHttpRequest() : Unpooled.wrappedBuffer(bytes());
    }

    private String text() {
        return "GET " + target + " HTTP/1." + protocol.minor() + "\r\n"
                + "User-Agent: KeepAliveClient\r\n"
                + (protocol.connectionClose() ? "Connection: close\r\n" : "")
                + "Host: " + host + "\r\n\r\n";
    }
}
