package org.calpe.check.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTarget;
import org.calpe.check.api.FailureCause;
import org.calpe.check.api.Verdict;
import org.calpe.check.http.core.RawServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

/**
 * Lab test (no root needed): keepalived 2.2.7's {@code genhash} (installed with keepalived) and Calpe's HTTP_GET
 * face the same raw responses, edge cases included; Calpe must accept exactly the digest genhash prints, and must
 * send the same request bytes.
 */
class GenhashParityLabTest {
    private static final Pattern MD5 = Pattern.compile("\\b[0-9a-f]{32}\\b");
    private static EventLoopGroup group;
    private static HttpGetChecker checker;

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        checker = new HttpGetChecker(group);
    }

    @AfterAll
    static void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static String genhash(int port, String... extra) throws Exception {
        return genhashPath(port, "/a", extra);
    }

    private static String genhashPath(int port, String path, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("genhash", "-s", "127.0.0.1", "-p", Integer.toString(port), "-u",
                path));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "genhash hangs");
        return out;
    }

    private static CheckResult check(int port, Map<String, Object> options) throws Exception {
        CheckTarget t = CheckTarget.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                Duration.ofSeconds(5));
        t = new CheckTarget(t.name(), t.connectTo(), null, 0, "", 0, t.connectTimeout(), options);
        return checker.check(t).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void digestsEqualGenhashOnEdgeCases() throws Exception {
        String[] responses = {
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloworld",
            "HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhelloworld",
            "HTTP/1.1 200 OK\r\nContent-Length:5\r\n\r\nhelloworld",
            "HTTP/1.1 200 OK\r\nContent-Length: 5 \r\n\r\nhelloworld",
            "HTTP/1.1 200 OK\r\nContent-Length: 5\nX: y\r\n\r\nhelloworld",
            "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nhelloworld",
            "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nhelloworld",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nX: y\r\n\r\nContent-Length: 5\r\nhelloworld",
            "HTTP/1.0 404 Not Found\r\n\r\nnot here",
            "HTTP/1.1 200 OK\r\n\r\n",
            "HTTP/1.1 200 OK\r\nX: " + "a".repeat(4070) + "\r\n\r\nhello",
            "HTTP/1.1 200 OK\r\nX: " + "a".repeat(4080) + "\r\n\r\nhello",
            "HTTP/1.1 200 OK\r\nX: 1\r\n",
            "HTTP/1.1 200 OK\nContent-Length: 5\n\nhelloworld",
            "HTTP/1.1 200 OK\r\n\r\n" + "0123456789".repeat(50_000),
        };
        for (String response : responses) {
            try (RawServer server = RawServer.respond(response)) {
                String out = genhash(server.port());
                Matcher m = MD5.matcher(out);
                String what = response.length() > 80 ? response.substring(0, 80) + "…" : response;
                if (m.find()) {
                    CheckResult r = check(server.port(),
                            Map.of("url", List.of("path /a status_code 100-599 digest " + m.group())));
                    assertEquals(Verdict.SUCCESS, r.verdict(), what + " → " + r);
                } else {
                    assertTrue(out.contains("no data received"), out);
                    CheckResult r = check(server.port(), Map.of("url", List.of("path /a status_code 100-599")));
                    assertEquals(FailureCause.RESPONSE, r.cause(), what + " → " + r);
                    assertTrue(r.reason().startsWith("Read, no data received"), what + " → " + r);
                }
            }
        }
    }

    @Test
    void requestsEqualGenhash() throws Exception {
        String[][] variants = {{}, {"-P", "1.0c"}, {"-P", "1.1"}, {"-V", "www.calpe.invalid"},
            {"-P", "1.1", "-V", "www.calpe.invalid"}};
        for (String[] v : variants) {
            try (RawServer server = RawServer.respond("HTTP/1.0 200 OK\r\n\r\n")) {
                genhash(server.port(), v);
                String proto = "1.0";
                String vhost = null;
                for (int i = 0; i < v.length; i += 2) {
                    if (v[i].equals("-P")) {
                        proto = v[i + 1].toUpperCase();
                    } else {
                        vhost = v[i + 1];
                    }
                }
                Map<String, Object> options = vhost == null ? Map.of("url", List.of("path /a"), "http_protocol", proto)
                        : Map.of("url", List.of("path /a"), "http_protocol", proto, "virtualhost", vhost);
                assertEquals(Verdict.SUCCESS, check(server.port(), options).verdict());
                assertEquals(2, server.requests().size());
                assertEquals(server.requests().get(0), server.requests().get(1), "genhash " + List.of(v));
            }
        }
    }

    /**
     * Paths Calpe sends through Netty's HttpRequestEncoder and paths it must write itself (an absolute url without
     * a path, where the encoder would insert a slash; non-ASCII text, sent as the configuration's UTF-8 bytes).
     */
    @Test
    void pathsEqualGenhash() throws Exception {
        List<String> paths = new ArrayList<>(List.of("/q?a=1&b=%20", "http://h/x", "http://h?q", "*"));
        if ("UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"))) {
            paths.add("/\u00e9t\u00e9"); // genhash gets it in the JVM's command line encoding
        }
        for (String path : paths) {
            try (RawServer server = RawServer.respond("HTTP/1.0 200 OK\r\n\r\n")) {
                genhashPath(server.port(), path, "-P", "1.1");
                Map<String, Object> options = Map.of("url", List.of("path \"" + path + "\""), "http_protocol", "1.1");
                assertEquals(Verdict.SUCCESS, check(server.port(), options).verdict(), path);
                assertEquals(2, server.requests().size());
                assertEquals(server.requests().get(0), server.requests().get(1), "path " + path);
            }
        }
    }
}
