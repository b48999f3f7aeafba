package org.calpe.check.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTarget;
import org.calpe.check.api.FailureCause;
import org.calpe.check.api.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

class TcpCheckerTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private IoEventLoopGroup group;
    private TcpChecker checker;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void setUp() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        checker = new TcpChecker(group);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private ServerSocket listen(int backlog) throws IOException {
        ServerSocket server = new ServerSocket(0, backlog, LOOPBACK);
        toClose.add(server);
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    private CheckResult run(CheckTarget target) throws Exception {
        return checker.check(target).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static CheckTarget target(int port, Duration timeout) {
        return CheckTarget.of(new InetSocketAddress(LOOPBACK, port), timeout);
    }

    @Test
    void typeIsTcpCheck() {
        assertEquals("TCP_CHECK", checker.type());
    }

    @Test
    void openPortIsUpAndConnectionIsClosed() throws Exception {
        ServerSocket server = listen(50);
        CheckResult result = run(target(server.getLocalPort(), Duration.ofSeconds(5)));
        assertEquals(Verdict.SUCCESS, result.verdict(), result.toString());
        server.setSoTimeout(5000);
        try (Socket accepted = server.accept()) {
            accepted.setSoTimeout(5000);
            InputStream in = accepted.getInputStream();
            assertEquals(-1, in.read(), "the checker closes the connection without sending anything");
        }
    }

    @Test
    void closedPortIsDownRefused() throws Exception {
        CheckResult result = run(target(freePort(), Duration.ofSeconds(5)));
        assertEquals(Verdict.FAILURE, result.verdict(), result.toString());
        assertEquals(FailureCause.REFUSED, result.cause(), result.toString());
        assertTrue(result.latency().compareTo(Duration.ofSeconds(1)) < 0, result.toString());
    }

    @Test
    void fullBacklogTimesOutWithinConnectTimeout() throws Exception {
        ServerSocket server = listen(1);
        InetSocketAddress address = new InetSocketAddress(LOOPBACK, server.getLocalPort());
        boolean full = false;
        for (int i = 0; i < 64 && !full; i++) { // never accepted: the accept queue fills, then SYNs are dropped
            Socket s = new Socket();
            toClose.add(s);
            try {
                s.connect(address, 300);
            } catch (SocketTimeoutException e) {
                full = true;
            }
        }
        assertTrue(full, "accept queue never filled");
        Duration timeout = Duration.ofMillis(700);
        long start = System.nanoTime();
        CheckResult result = run(target(server.getLocalPort(), timeout));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(Verdict.FAILURE, result.verdict(), result.toString());
        assertEquals(FailureCause.TIMEOUT, result.cause(), result.toString());
        assertTrue(took.compareTo(timeout.minusMillis(50)) >= 0, "too early: " + took);
        assertTrue(took.compareTo(timeout.plusMillis(500)) < 0, "too late: " + took);
    }

    @Test
    void bindtoAndBindPortAreHonoured() throws Exception {
        ServerSocket server = listen(50);
        int bindPort = freePort();
        CheckResult result = run(target(server.getLocalPort(), Duration.ofSeconds(5)).withBind(LOOPBACK, bindPort));
        assertEquals(Verdict.SUCCESS, result.verdict(), result.toString());
        server.setSoTimeout(5000);
        try (Socket accepted = server.accept()) {
            assertEquals(bindPort, accepted.getPort(), "source port seen by the server");
            assertEquals(LOOPBACK, accepted.getInetAddress(), "source address seen by the server");
        }
    }

    @Test
    void bindPortAloneIsHonoured() throws Exception {
        ServerSocket server = listen(50);
        int bindPort = freePort();
        CheckResult result = run(target(server.getLocalPort(), Duration.ofSeconds(5)).withBind(null, bindPort));
        assertEquals(Verdict.SUCCESS, result.verdict(), result.toString());
        server.setSoTimeout(5000);
        try (Socket accepted = server.accept()) {
            assertEquals(bindPort, accepted.getPort(), "source port seen by the server");
        }
    }

    @Test
    void bindFailureGivesNoVerdict() throws Exception {
        ServerSocket server = listen(50);
        ServerSocket busy = listen(1); // a listening socket holds its port even against SO_REUSEADDR
        CheckResult result = run(
                target(server.getLocalPort(), Duration.ofSeconds(5)).withBind(LOOPBACK, busy.getLocalPort()));
        assertEquals(Verdict.ERROR, result.verdict(), result.toString());
        assertEquals(FailureCause.LOCAL, result.cause());
    }

    @Test
    void bindIfAndFwmarkAreNotSilentlyIgnored() throws Exception {
        CheckTarget base = target(freePort(), Duration.ofSeconds(1));
        CheckTarget withIf = new CheckTarget(base.name(), base.connectTo(), null, 0, "lo", 0, base.connectTimeout(),
                base.options());
        CheckTarget withMark = new CheckTarget(base.name(), base.connectTo(), null, 0, "", 7, base.connectTimeout(),
                base.options());
        assertEquals(Verdict.ERROR, run(withIf).verdict());
        assertEquals(Verdict.ERROR, run(withMark).verdict());
    }

    @Test
    void manyConcurrentChecksShareTheLoop() throws Exception {
        ServerSocket server = listen(200);
        int closed = freePort();
        List<java.util.concurrent.CompletableFuture<CheckResult>> up = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<CheckResult>> down = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            up.add(checker.check(target(server.getLocalPort(), Duration.ofSeconds(5))).toCompletableFuture());
            down.add(checker.check(target(closed, Duration.ofSeconds(5))).toCompletableFuture());
        }
        for (var f : up) {
            assertEquals(Verdict.SUCCESS, f.get(10, TimeUnit.SECONDS).verdict());
        }
        for (var f : down) {
            assertEquals(FailureCause.REFUSED, f.get(10, TimeUnit.SECONDS).cause());
        }
    }
}
