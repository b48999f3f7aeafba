package org.calpe.check.http.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Requests byte for byte as keepalived 2.2.7's genhash sends them (captured on this machine with a raw server). */
class HttpRequestsTest {

    private static String get(HttpProtocol p, Optional<String> vhost, InetSocketAddress to) {
        return new String(HttpRequests.get("/a", p, vhost, to), StandardCharsets.ISO_8859_1);
    }

    @Test
    void keepalivedRequests() throws Exception {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 18931);
        assertEquals("GET /a HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 127.0.0.1:18931\r\n\r\n",
                get(HttpProtocol.HTTP_1_0, Optional.empty(), to));
        assertEquals("GET /a HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: www.x\r\n\r\n",
                get(HttpProtocol.HTTP_1_1, Optional.of("www.x"), to));
        assertEquals("GET /a HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\n"
                + "Host: 127.0.0.1:18931\r\n\r\n", get(HttpProtocol.HTTP_1_0C, Optional.empty(), to));
    }

    @Test
    void ipv6HostIsBracketedInInetNtopForm() throws Exception {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:0:0:0:1"), 80);
        assertEquals("GET /a HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: [2001:db8::1]:80\r\n\r\n",
                get(HttpProtocol.HTTP_1_0, Optional.empty(), to));
        assertEquals("GET /a HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: v6.invalid\r\n\r\n",
                get(HttpProtocol.HTTP_1_0, Optional.of("v6.invalid"), to));
    }

    @Test
    void ntop() throws Exception {
        assertEquals("2001:db8::1", ntop("2001:0db8:0000:0000:0000:0000:0000:0001"));
        assertEquals("2001:db8:0:1:1:1:1:1", ntop("2001:db8:0:1:1:1:1:1"));
        assertEquals("2001:db8::1:0:0:1", ntop("2001:db8:0:0:1:0:0:1"));
        assertEquals("::1", ntop("::1"));
        assertEquals("::", ntop("::"));
        assertEquals("fe80::abcd", ntop("fe80::ABCD"));
        assertEquals("::198.18.0.1", ntop("::c612:1"));
    }

    private static String ntop(String s) throws Exception {
        return HttpRequests.ntop((Inet6Address) InetAddress.getByName(s));
    }
}
