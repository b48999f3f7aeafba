package org.calpe.check.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTarget;
import org.calpe.check.api.FailureCause;
import org.calpe.check.api.Verdict;
import org.calpe.check.http.core.RawServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

class HttpGetCheckerTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final String HELLO = "5d41402abc4b2a76b9719d911017c592";
    private static final String OK_HELLO = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

    private EventLoopGroup group;
    private HttpGetChecker checker;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void setUp() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        checker = new HttpGetChecker(group);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private RawServer serve(String response) throws IOException {
        RawServer s = RawServer.respond(response);
        toClose.add(s);
        return s;
    }

    private RawServer serve(RawServer.Behaviour b) throws IOException {
        RawServer s = RawServer.start(b);
        toClose.add(s);
        return s;
    }

    private static CheckTarget target(int port, Duration timeout, Map<String, Object> options) {
        CheckTarget t = CheckTarget.of(new InetSocketAddress(LOOPBACK, port), timeout);
        return new CheckTarget(t.name(), t.connectTo(), null, 0, "", 0, timeout, options);
    }

    private CheckResult run(int port, Object... kv) throws Exception {
        return run(port, Duration.ofSeconds(5), kv);
    }

    private CheckResult run(int port, Duration timeout, Object... kv) throws Exception {
        java.util.HashMap<String, Object> options = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            options.put((String) kv[i], kv[i + 1]);
        }
        return checker.check(target(port, timeout, options)).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static void passes(CheckResult r) {
        assertEquals(Verdict.SUCCESS, r.verdict(), r.toString());
    }

    private static void fails(CheckResult r, FailureCause cause, String reasonStart) {
        assertEquals(Verdict.FAILURE, r.verdict(), r.toString());
        assertEquals(cause, r.cause(), r.toString());
        assertTrue(r.reason().startsWith(reasonStart), r.toString());
    }

    @Test
    void typeAndRetryDefaults() {
        assertEquals("HTTP_GET", checker.type());
        assertEquals(Duration.ofSeconds(3), checker.defaultDelayBeforeRetry());
    }

    @Test
    void statusCodesAndRanges() throws Exception {
        int ok = serve("HTTP/1.0 200 OK\r\n\r\n").port();
        int moved = serve("HTTP/1.0 302 Found\r\nLocation: /x\r\n\r\n").port();
        passes(run(ok, "url", List.of("path /")));
        fails(run(moved, "url", List.of("path /")), FailureCause.RESPONSE, "HTTP status code error (302)");
        passes(run(moved, "url", List.of("path / status_code 200 301-303")));
        fails(run(ok, "url", List.of("path / status_code 500-599")), FailureCause.RESPONSE, "HTTP status code error");
    }

    @Test
    void requestIsKeepalivedsAndVirtualhostRules() throws Exception {
        RawServer s = serve("HTTP/1.0 200 OK\r\n\r\n");
        passes(run(s.port(), "url", List.of("path /index.html")));
        passes(run(s.port(), "url", List.of("path /a"), "virtualhost", "checker.invalid", "http_protocol", "1.1"));
        passes(run(s.port(), "url", List.of("path /b virtualhost url.invalid"), "virtualhost", "checker.invalid",
                "http_protocol", "1.0C"));
        passes(run(s.port(), "url", List.of("path /c"), "real_server.virtualhost", "rs.invalid",
                "virtual_server.virtualhost", "vs.invalid"));
        assertEquals(List.of(
                "GET /index.html HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 127.0.0.1:" + s.port() + "\r\n\r\n",
                "GET /a HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: checker.invalid\r\n\r\n",
                "GET /b HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: url.invalid\r\n\r\n",
                "GET /c HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: rs.invalid\r\n\r\n"), s.requests());
    }

    @Test
    void virtualhostSelectsTheResponse() throws Exception {
        RawServer s = serve((sock, head) -> {
            String status = head.contains("Host: good.invalid\r\n") ? "200 OK" : "404 Not Found";
            sock.getOutputStream().write(("HTTP/1.0 " + status + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        });
        passes(run(s.port(), "url", List.of("path / virtualhost good.invalid")));
        fails(run(s.port(), "url", List.of("path / virtualhost bad.invalid")), FailureCause.RESPONSE,
                "HTTP status code error (404)");
    }

    @Test
    void digestPassFailAndContentLengthTruncation() throws Exception {
        int p = serve(OK_HELLO).port();
        passes(run(p, "url", List.of("path / digest " + HELLO)));
        fails(run(p, "url", List.of("path / digest fc5e038d38a57032085441e7fe7010b0")), FailureCause.RESPONSE,
                "MD5 digest error");
        int more = serve("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloworld and more").port();
        passes(run(more, "url", List.of("path / digest " + HELLO)));
    }

    @Test
    void chunkedHttp11IsHashedRawLikeKeepalived() throws Exception {
        int p = serve("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n").port();
        passes(run(p, "url", List.of("path / digest 79e9489e3bd3f0cb0158215341de046d"), "http_protocol", "1.1"));
        fails(run(p, "url", List.of("path / digest " + HELLO), "http_protocol", "1.1"), FailureCause.RESPONSE,
                "MD5 digest error");
    }

    @Test
    void regexPassFailNoMatchAndOffsets() throws Exception {
        int p = serve("HTTP/1.1 200 OK\r\nContent-Length: 16\r\n\r\nstatus: healthy\n").port();
        passes(run(p, "url", List.of("path / regex healthy")));
        fails(run(p, "url", List.of("path / regex sick")), FailureCause.RESPONSE, "Regex match failed");
        passes(run(p, "url", List.of("path / regex sick regex_no_match")));
        fails(run(p, "url", List.of("path / regex healthy regex_no_match")), FailureCause.RESPONSE,
                "Regex match failed");
        // offsets count from the status line: header and body arrive in one read here
        int at = ("HTTP/1.1 200 OK\r\nContent-Length: 16\r\n\r\nstatus: ").length();
        passes(run(p, "url", List.of("path / regex healthy regex_min_offset " + at + " regex_max_offset " + at)));
        fails(run(p, "url", List.of("path / regex healthy regex_min_offset " + (at + 1))), FailureCause.RESPONSE,
                "Regex match failed");
        fails(run(p, "url", List.of("path / regex healthy regex_max_offset " + (at - 1))), FailureCause.RESPONSE,
                "Regex match failed");
    }

    @Test
    void allUrlsMustPassInOrder() throws Exception {
        RawServer s = serve((sock, head) -> {
            String status = head.startsWith("GET /bad ") ? "500 Error" : "200 OK";
            sock.getOutputStream().write(("HTTP/1.0 " + status + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        });
        passes(run(s.port(), "url", List.of("path /a", "path /b")));
        fails(run(s.port(), "url", List.of("path /a", "path /bad", "path /c")), FailureCause.RESPONSE,
                "HTTP status code error (500), url /bad");
        assertEquals(4, s.requests().size(), "/c is never requested: " + s.requests());
    }

    @Test
    void refusedConnection() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, LOOPBACK)) {
            port = ss.getLocalPort();
        }
        fails(run(port, "url", List.of("path /")), FailureCause.REFUSED, "Connection failed");
    }

    @Test
    void serverThatNeverAnswersTimesOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        toClose.add(release::countDown);
        int p = serve((sock, head) -> release.await(20, TimeUnit.SECONDS)).port();
        long start = System.nanoTime();
        CheckResult r = run(p, Duration.ofMillis(600), "url", List.of("path /"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        fails(r, FailureCause.TIMEOUT, "Timeout HTTP read");
        assertTrue(took.toMillis() >= 550 && took.toMillis() < 2000, took.toString());
    }

    @Test
    void serverThatTricklesPastTheTimeoutTimesOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        toClose.add(release::countDown);
        int p = serve((sock, head) -> {
            OutputStream out = sock.getOutputStream();
            byte[] r = OK_HELLO.getBytes(StandardCharsets.ISO_8859_1);
            for (byte b : r) { // one byte every 150 ms: every read is well within the timeout, the whole is not
                out.write(b);
                out.flush();
                if (release.await(150, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        }).port();
        long start = System.nanoTime();
        CheckResult r = run(p, Duration.ofMillis(800), "url", List.of("path / digest " + HELLO));
        fails(r, FailureCause.TIMEOUT, "Timeout HTTP read");
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2500);
    }

    @Test
    void resetAfterHeaderFailsLikeKeepalivedsReadError() throws Exception {
        int p = serve((sock, head) -> {
            sock.getOutputStream().write("HTTP/1.0 200 OK\r\nContent-Length: 100\r\n\r\npartial"
                    .getBytes(StandardCharsets.ISO_8859_1));
            sock.getOutputStream().flush();
            Thread.sleep(100);
            sock.setSoLinger(true, 0); // RST
        }).port();
        fails(run(p, "url", List.of("path /")), FailureCause.RESET, "Read error with server");
    }

    @Test
    void closeWithoutAnswerIsNoData() throws Exception {
        int p = serve((sock, head) -> { }).port();
        fails(run(p, "url", List.of("path /")), FailureCause.RESPONSE, "Read, no data received");
    }

    @Test
    void bindIfAndFwmarkAreNotSilentlyIgnored() throws Exception {
        CheckTarget base = target(1, Duration.ofSeconds(1), Map.of("url", List.of("path /")));
        CheckTarget withIf = new CheckTarget(base.name(), base.connectTo(), null, 0, "lo", 0, base.connectTimeout(),
                base.options());
        CheckTarget withMark = new CheckTarget(base.name(), base.connectTo(), null, 0, "", 7, base.connectTimeout(),
                base.options());
        assertEquals(Verdict.ERROR, checker.check(withIf).toCompletableFuture().get().verdict());
        assertEquals(Verdict.ERROR, checker.check(withMark).toCompletableFuture().get().verdict());
    }

    @Test
    void unusableOptionsGiveNoVerdict() throws Exception {
        assertEquals(Verdict.ERROR, run(1).verdict(), "no url");
    }

    @Test
    void cancellingClosesTheConnection() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        int p = serve((sock, head) -> {
            if (sock.getInputStream().read() < 0) {
                closed.countDown();
            }
        }).port();
        CompletableFuture<CheckResult> f = checker.check(target(p, Duration.ofSeconds(10),
                Map.of("url", List.of("path /")))).toCompletableFuture();
        Thread.sleep(300);
        f.cancel(false);
        assertTrue(closed.await(5, TimeUnit.SECONDS), "connection closed after cancel");
    }

    @Test
    void manyConcurrentChecks() throws Exception {
        int p = serve(OK_HELLO).port();
        List<CompletableFuture<CheckResult>> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add(checker.check(target(p, Duration.ofSeconds(5), Map.of("url", List.of("path / digest " + HELLO))))
                    .toCompletableFuture());
        }
        for (CompletableFuture<CheckResult> f : all) {
            passes(f.get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void bindFailureGivesNoVerdict() throws Exception {
        int p = serve("HTTP/1.0 200 OK\r\n\r\n").port();
        ServerSocket busy = new ServerSocket(0, 1, LOOPBACK);
        toClose.add(busy);
        CheckTarget t = target(p, Duration.ofSeconds(5), Map.of("url", List.of("path /")))
                .withBind(LOOPBACK, busy.getLocalPort());
        CheckResult r = checker.check(t).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(Verdict.ERROR, r.verdict(), r.toString());
        assertTrue(r.reason().startsWith("Error connecting"), r.toString());
    }

    @Test
    void ipv6HostHeaderOverIpv6Loopback() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        ServerSocket ss;
        try {
            ss = new ServerSocket(0, 5, v6);
        } catch (IOException e) {
            throw new AssertionError("this test needs ::1 on lo", e);
        }
        toClose.add(ss);
        List<String> heads = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread t = new Thread(() -> {
            try (java.net.Socket s = ss.accept()) {
                heads.add(new String(s.getInputStream().readNBytes(
                        ("GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: [::1]:" + ss.getLocalPort()
                                + "\r\n\r\n").length()), StandardCharsets.ISO_8859_1));
                s.getOutputStream().write("HTTP/1.0 200 OK\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                // reported by the assertion below
            }
        });
        t.setDaemon(true);
        t.start();
        CheckTarget target = CheckTarget.of(new InetSocketAddress(v6, ss.getLocalPort()), Duration.ofSeconds(5));
        target = new CheckTarget(target.name(), target.connectTo(), null, 0, "", 0, target.connectTimeout(),
                Map.of("url", List.of("path /")));
        passes(checker.check(target).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(List.of("GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: [::1]:" + ss.getLocalPort()
                + "\r\n\r\n"), heads);
    }
}
