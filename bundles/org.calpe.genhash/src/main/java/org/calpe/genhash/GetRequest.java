package org.calpe.genhash;

import java.nio.charset.Charset;

/**
 * The request genhash sends, byte for byte: {@code GET <url> HTTP/1.<m>}, {@code User-Agent: KeepAliveClient},
 * {@code Connection: close} for 1.0c and 1.1, {@code Host}. The url and virtualhost go out exactly as given
 * (Netty's HttpRequestEncoder would turn an empty url into "/" and validates header values, so the bytes are
 * written here). Like keepalived, which formats it into a 2048-byte buffer, a request longer than 2047 bytes is
 * cut there (and then lacks its final CRLF CRLF).
 */
final class GetRequest {
    /** keepalived's GET_BUFFER_LENGTH less the terminating NUL. */
    static final int MAX_LENGTH = 2047;

    private GetRequest() {
    }

    static byte[] encode(GenhashOptions o, Charset argCharset) {
        String s = "GET " + o.url() + " HTTP/1." + o.protocol().minor() + "\r\n"
                + "User-Agent: KeepAliveClient\r\n"
                + (o.protocol().connectionClose() ? "Connection: close\r\n" : "")
                + "Host: " + o.hostHeader() + "\r\n\r\n";
        byte[] b = s.getBytes(argCharset);
        return b.length > MAX_LENGTH ? java.util.Arrays.copyOf(b, MAX_LENGTH) : b;
    }
}
