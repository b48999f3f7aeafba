package org.calpe.check.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTarget;
import org.calpe.check.api.Checker;
import org.calpe.check.api.FailureCause;
import org.calpe.check.api.Verdict;
import org.calpe.check.http.HttpGetChecker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

/**
 * Lab test (no root needed): HTTP_GET and SSL_GET against a real nginx on 127.0.0.1 with two name-based servers
 * per port. Every digest golden comes from keepalived's own {@code genhash} against the same nginx, which proves
 * that Calpe hashes exactly what keepalived hashes.
 */
class NginxLabTest {
    private static Path dir;
    private static NginxLab lab;
    private static EventLoopGroup group;
    private static HttpGetChecker http;
    private static SslGetChecker ssl;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("calpe-nginx-lab");
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        http = new HttpGetChecker(group);
        ssl = new SslGetChecker(group, null);
        lab = NginxLab.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (lab != null) {
                lab.close();
            }
        } finally {
            if (group != null) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static CheckResult check(Checker checker, int port, Object... kv) throws Exception {
        Map<String, Object> options = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            options.put((String) kv[i], kv[i + 1]);
        }
        CheckTarget t = CheckTarget.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                Duration.ofSeconds(5));
        t = new CheckTarget(t.name(), t.connectTo(), null, 0, "", 0, t.connectTimeout(), options);
        return checker.check(t).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static void passes(CheckResult r) throws Exception {
        assertEquals(Verdict.SUCCESS, r.verdict(), r + "\n" + lab.log());
    }

    private static void failsOnResponse(CheckResult r, String reasonStart) {
        assertEquals(Verdict.FAILURE, r.verdict(), r.toString());
        assertEquals(FailureCause.RESPONSE, r.cause(), r.toString());
        assertTrue(r.reason().startsWith(reasonStart), r.toString());
    }

    @Test
    void httpDigestEqualsGenhash() throws Exception {
        String index = lab.genhash(lab.httpPort, "/index.html");
        String big = lab.genhash(lab.httpPort, "/big.txt");
        assertTrue(index.matches("[0-9a-f]{32}"), index);
        passes(check(http, lab.httpPort, "url", List.of("path /index.html digest " + index, "path /big.txt digest "
                + big)));
        failsOnResponse(check(http, lab.httpPort, "url", List.of("path /index.html digest " + big)),
                "MD5 digest error");
        passes(check(http, lab.httpPort, "url", List.of("path /big.txt digest " + big), "http_protocol", "1.1"));
        passes(check(http, lab.httpPort, "url", List.of("path /big.txt digest " + big), "http_protocol", "1.0C"));
    }

    @Test
    void httpStatusCodes() throws Exception {
        failsOnResponse(check(http, lab.httpPort, "url", List.of("path /missing")), "HTTP status code error (404)");
        passes(check(http, lab.httpPort, "url", List.of("path /missing status_code 404")));
        passes(check(http, lab.httpPort, "url", List.of("path /teapot status_code 400-499")));
        failsOnResponse(check(http, lab.httpPort, "url", List.of("path /index.html status_code 300-399")),
                "HTTP status code error (200)");
    }

    @Test
    void httpRegex() throws Exception {
        passes(check(http, lab.httpPort, "url", List.of("path /status regex \"status: healthy\"")));
        failsOnResponse(check(http, lab.httpPort, "url", List.of("path /status regex sick")), "Regex match failed");
        passes(check(http, lab.httpPort, "url", List.of("path /status regex sick regex_no_match")));
        passes(check(http, lab.httpPort, "url", List.of("path /status regex \"HEALTHY ON B\" regex_options caseless"
                + " virtualhost " + NginxLab.B)));
    }

    @Test
    void httpVirtualhost() throws Exception {
        String a = lab.genhash(lab.httpPort, "/index.html", "-V", NginxLab.A);
        String b = lab.genhash(lab.httpPort, "/index.html", "-V", NginxLab.B);
        assertNotEquals(a, b);
        passes(check(http, lab.httpPort, "url", List.of("path /index.html digest " + b), "virtualhost", NginxLab.B));
        passes(check(http, lab.httpPort, "url", List.of("path /index.html digest " + b + " virtualhost "
                + NginxLab.B), "virtualhost", NginxLab.A));
        failsOnResponse(check(http, lab.httpPort, "url", List.of("path /index.html digest " + b)),
                "MD5 digest error"); // Host 127.0.0.1:port reaches the default server, a
        passes(check(http, lab.httpPort, "url", List.of("path /index.html digest " + a)));
    }

    @Test
    void sslDigestEqualsGenhash() throws Exception {
        String index = lab.genhash(lab.tlsPort, "/index.html", "-S");
        String big = lab.genhash(lab.tlsPort, "/big.txt", "-S");
        assertTrue(big.matches("[0-9a-f]{32}"), big);
        passes(check(ssl, lab.tlsPort, "url", List.of("path /index.html digest " + index, "path /big.txt digest "
                + big)));
        failsOnResponse(check(ssl, lab.tlsPort, "url", List.of("path /big.txt digest " + index)), "MD5 digest error");
        passes(check(ssl, lab.tlsPort, "url", List.of("path /big.txt digest " + big), "http_protocol", "1.1"));
    }

    @Test
    void sslStatusRegexAndVirtualhost() throws Exception {
        failsOnResponse(check(ssl, lab.tlsPort, "url", List.of("path /missing")), "HTTP status code error (404)");
        passes(check(ssl, lab.tlsPort, "url", List.of("path /missing status_code 404")));
        passes(check(ssl, lab.tlsPort, "url", List.of("path /status regex \"on b\\\\.calpe\""), "virtualhost",
                NginxLab.B));
        failsOnResponse(check(ssl, lab.tlsPort, "url", List.of("path /status regex \"on b\\\\.calpe\"")),
                "Regex match failed");
        String b = lab.genhash(lab.tlsPort, "/index.html", "-S", "-V", NginxLab.B);
        passes(check(ssl, lab.tlsPort, "url", List.of("path /index.html digest " + b), "virtualhost", NginxLab.B));
    }

    @Test
    void sslSniOnlyWithEnableSni() throws Exception {
        passes(check(ssl, lab.tlsPort, "url", List.of("path /sni regex \"sni=b\\\\.calpe\\\\.invalid host=b\""),
                "virtualhost", NginxLab.B, "enable_sni", "true"));
        passes(check(ssl, lab.tlsPort, "url", List.of("path /sni regex \"sni= host=b\""), "virtualhost",
                NginxLab.B));
        // genhash -I sends the same SNI: same digest as ours passing
        String withSni = lab.genhash(lab.tlsPort, "/sni", "-S", "-I", "-V", NginxLab.B);
        passes(check(ssl, lab.tlsPort, "url", List.of("path /sni digest " + withSni), "virtualhost", NginxLab.B,
                "enable_sni", "true"));
        failsOnResponse(check(ssl, lab.tlsPort, "url", List.of("path /sni digest " + withSni), "virtualhost",
                NginxLab.B), "MD5 digest error");
    }

    @Test
    void sslCheckerOnThePlainPortFailsTheHandshake() throws Exception {
        CheckResult r = check(ssl, lab.httpPort, "url", List.of("path /"));
        assertEquals(Verdict.FAILURE, r.verdict(), r.toString());
        assertEquals(FailureCause.RESPONSE, r.cause(), r.toString());
    }
}
