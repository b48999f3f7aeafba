package org.calpe.check.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTarget;
import org.calpe.check.api.FailureCause;
import org.calpe.check.api.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

class SslGetCheckerTest {

    private static final String HELLO = "5d41402abc4b2a76b9719d911017c592";
    private static final String OK_HELLO = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

    private EventLoopGroup group;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void setUp() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private TlsServer tls(String response, boolean needClientAuth) throws Exception {
        TlsServer s = new TlsServer(response, needClientAuth);
        toClose.add(s);
        return s;
    }

    private static CheckResult run(SslGetChecker checker, int port, Duration timeout, Object... kv) throws Exception {
        Map<String, Object> options = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            options.put((String) kv[i], kv[i + 1]);
        }
        CheckTarget t = CheckTarget.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeout);
        t = new CheckTarget(t.name(), t.connectTo(), null, 0, "", 0, timeout, options);
        return checker.check(t).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private SslGetChecker checker(Object ssl) {
        return new SslGetChecker(group, ssl);
    }

    @Test
    void typeAndDefaults() {
        SslGetChecker c = checker(null);
        assertEquals("SSL_GET", c.type());
        assertEquals(Duration.ofSeconds(3), c.defaultDelayBeforeRetry());
    }

    @Test
    void getOverTlsWithoutVerifyingTheServer() throws Exception {
        TlsServer s = tls(OK_HELLO, false);
        CheckResult r = run(checker(null), s.port(), Duration.ofSeconds(5), "url", List.of("path / digest " + HELLO));
        assertEquals(Verdict.SUCCESS, r.verdict(), r.toString());
        r = run(checker(null), s.port(), Duration.ofSeconds(5), "url",
                List.of("path / digest fc5e038d38a57032085441e7fe7010b0"));
        assertEquals(FailureCause.RESPONSE, r.cause(), r.toString());
        assertTrue(r.reason().startsWith("MD5 digest error"), r.toString());
        assertEquals("GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 127.0.0.1:" + s.port() + "\r\n\r\n",
                s.requests().get(0));
    }

    @Test
    void sniOnlyWithEnableSni() throws Exception {
        TlsServer s = tls(OK_HELLO, false);
        SslGetChecker c = checker(null);
        run(c, s.port(), Duration.ofSeconds(5), "url", List.of("path /"), "virtualhost", "a.calpe.invalid");
        run(c, s.port(), Duration.ofSeconds(5), "url", List.of("path /"), "virtualhost", "a.calpe.invalid",
                "enable_sni", "true");
        run(c, s.port(), Duration.ofSeconds(5), "url", List.of("path / virtualhost b.calpe.invalid"),
                "virtualhost", "a.calpe.invalid", "enable_sni", "true");
        run(c, s.port(), Duration.ofSeconds(5), "url", List.of("path /"), "enable_sni", "true",
                "real_server.virtualhost", "rs.calpe.invalid");
        assertEquals(List.of("", "a.calpe.invalid", "b.calpe.invalid", ""), s.sniNames());
    }

    @Test
    void clientCertificateFromTheGlobalSslBlock() throws Exception {
        TlsServer s = tls(OK_HELLO, true);
        CheckResult without = run(checker(null), s.port(), Duration.ofSeconds(5), "url", List.of("path /"));
        assertEquals(Verdict.FAILURE, without.verdict(), without.toString());
        for (String key : new String[] {"client-pkcs8-enc.key", "client-pkcs1-enc.key", "client-pkcs1.key"}) {
            String line = "password s3cret ca " + Fixtures.file("server.crt") + " certificate "
                    + Fixtures.file("client.crt") + " key " + Fixtures.file(key);
            CheckResult with = run(checker(new String[] {line}), s.port(), Duration.ofSeconds(5), "url",
                    List.of("path /"));
            assertEquals(Verdict.SUCCESS, with.verdict(), key + ": " + with);
        }
        assertTrue(s.clientSubjects().contains("CN=calpe-test-client"), s.clientSubjects().toString());
    }

    @Test
    void theTlsContextIsMadeByTheFirstCheckNotAtActivation() throws Exception {
        TlsServer s = tls(OK_HELLO, false);
        SslGetChecker c = checker(null);
        assertFalse(c.contextMade(), "no TLS context before a check needs one");
        CheckResult r = run(c, s.port(), Duration.ofSeconds(5), "url", List.of("path /"));
        assertEquals(Verdict.SUCCESS, r.verdict(), r.toString());
        assertTrue(c.contextMade());
        // an unusable block: activation still succeeds, the first check gives the reason
        String line = "password wrong certificate " + Fixtures.file("client.crt") + " key "
                + Fixtures.file("client-pkcs8-enc.key");
        SslGetChecker bad = checker(new String[] {line});
        assertFalse(bad.contextMade());
        assertEquals(Verdict.ERROR, run(bad, s.port(), Duration.ofSeconds(5), "url", List.of("path /")).verdict());
    }

    @Test
    void unusableSslBlockGivesNoVerdict() throws Exception {
        TlsServer s = tls(OK_HELLO, false);
        String line = "password wrong certificate " + Fixtures.file("client.crt") + " key "
                + Fixtures.file("client-pkcs8-enc.key");
        CheckResult r = run(checker(new String[] {line}), s.port(), Duration.ofSeconds(5), "url", List.of("path /"));
        assertEquals(Verdict.ERROR, r.verdict(), r.toString());
        assertTrue(r.reason().startsWith("SSL error"), r.toString());
        assertTrue(!r.reason().contains("wrong"), "no password in the reason: " + r.reason());
    }

    @Test
    void plainHttpServerFailsTheHandshake() throws Exception {
        ServerSocket plain = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        toClose.add(plain);
        Thread t = new Thread(() -> {
            try (Socket s = plain.accept()) {
                s.getOutputStream().write("HTTP/1.0 400 Bad Request\r\n\r\n".getBytes());
            } catch (IOException e) {
                // closed
            }
        });
        t.setDaemon(true);
        t.start();
        CheckResult r = run(checker(null), plain.getLocalPort(), Duration.ofSeconds(5), "url", List.of("path /"));
        assertEquals(Verdict.FAILURE, r.verdict(), r.toString());
        assertEquals(FailureCause.RESPONSE, r.cause(), r.toString());
    }

    @Test
    void silentServerTimesOutInTheHandshake() throws Exception {
        ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        toClose.add(silent);
        long start = System.nanoTime();
        CheckResult r = run(checker(null), silent.getLocalPort(), Duration.ofMillis(700), "url", List.of("path /"));
        assertEquals(FailureCause.TIMEOUT, r.cause(), r.toString());
        assertTrue(r.reason().startsWith("Timeout SSL handshake"), r.toString());
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(ms >= 650 && ms < 2500, ms + " ms");
    }
}
