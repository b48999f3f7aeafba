package org.calpe.check.http.core;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.calpe.net.api.InetText;

/**
 * The GET request keepalived sends, byte for byte:
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
 * address in brackets and in {@code inet_ntop} form.
 */
public final class HttpRequests {
    private HttpRequests() {
    }

    /** The request for {@code path} to {@code connectTo}. */
    public static byte[] get(String path, HttpProtocol protocol, Optional<String> virtualhost,
            InetSocketAddress connectTo) {
        StringBuilder sb = new StringBuilder(128);
        sb.append("GET ").append(path).append(" HTTP/1.").append(protocol.minor()).append("\r\n");
        sb.append("User-Agent: KeepAliveClient\r\n");
        if (protocol.connectionClose()) {
            sb.append("Connection: close\r\n");
        }
        sb.append("Host: ");
        if (virtualhost.isPresent()) {
            sb.append(virtualhost.get());
        } else {
            InetAddress a = connectTo.getAddress();
            if (a instanceof Inet6Address v6) {
                sb.append('[').append(ntop(v6)).append(']');
            } else {
                sb.append(a.getHostAddress());
            }
            sb.append(':').append(connectTo.getPort());
        }
        sb.append("\r\n\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * An IPv6 address as glibc's {@code inet_ntop} writes it: lower-case hex groups without leading zeros, the
     * longest run of two or more zero groups (the first one on a tie) as {@code ::}, no scope.
     */
    static String ntop(Inet6Address address) {
        return InetText.of(address);
    }
}
