package org.calpe.check.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

class ConnectCheckTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private IoEventLoopGroup group;

    @BeforeEach
    void setUp() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterEach
    void tearDown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void successClosesTheChannelAfterwardsAndSendsNothing() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
            IoEventLoop loop = group.next();
            ConnectCheck check = ConnectCheck.start(SocketChannel::open, loop, new InetSocketAddress(LOOPBACK,
                    server.getLocalPort()), null, 5000, System.nanoTime());
            CheckResult r = check.get(10, TimeUnit.SECONDS);
            assertEquals(Verdict.SUCCESS, r.verdict(), r.toString());
            assertTrue(loop.submit(check::closed).get(5, TimeUnit.SECONDS), "closed after the connect");
            server.setSoTimeout(5000);
            try (Socket accepted = server.accept()) {
                accepted.setSoTimeout(5000);
                InputStream in = accepted.getInputStream();
                assertEquals(-1, in.read(), "an orderly close (FIN) without data, as keepalived");
            }
        }
    }

    @Test
    void aConnectEstablishedAtOnceEndsWithoutTheSelector() throws Exception {
        // on loopback the handshake runs inside the connect call; allow a few tries for a busy machine
        try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
            IoEventLoop loop = group.next();
            int atOnce = 0;
            for (int i = 0; i < 5 && atOnce == 0; i++) {
                ConnectCheck check = ConnectCheck.start(SocketChannel::open, loop, new InetSocketAddress(LOOPBACK,
                        server.getLocalPort()), null, 5000, System.nanoTime());
                CheckResult r = check.get(10, TimeUnit.SECONDS);
                assertEquals(Verdict.SUCCESS, r.verdict(), r.toString());
                if (!loop.submit(check::waitedForSelector).get(5, TimeUnit.SECONDS)) {
                    atOnce++;
                }
                server.setSoTimeout(5000);
                server.accept().close();
            }
            assertTrue(atOnce > 0, "no loopback connect ended without the selector in 5 tries");
        }
    }

    @Test
    void cancellingClosesTheChannel() throws Exception {
        // a listener whose backlog is full: the connect stays in progress until cancelled
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
            InetSocketAddress address = new InetSocketAddress(LOOPBACK, server.getLocalPort());
            java.util.List<Socket> fillers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(address, 200);
                    } catch (java.io.IOException e) {
                        // backlog full
                    }
                    fillers.add(s);
                }
                IoEventLoop loop = group.next();
                ConnectCheck check = ConnectCheck.start(SocketChannel::open, loop, address, null, 30_000,
                        System.nanoTime());
                assertFalse(loop.submit(check::closed).get(5, TimeUnit.SECONDS), "connecting");
                assertTrue(loop.submit(check::waitedForSelector).get(5, TimeUnit.SECONDS), "waiting for the selector");
                assertTrue(check.cancel(false));
                assertTrue(check.isCancelled());
                assertTrue(loop.submit(check::closed).get(5, TimeUnit.SECONDS), "cancel closes the socket");
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aLoopThatIsShutDownGivesNoVerdict() throws Exception {
        IoEventLoopGroup gone = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        IoEventLoop loop = gone.next();
        gone.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        java.util.List<SocketChannel> opened = new java.util.ArrayList<>();
        ConnectCheck check = ConnectCheck.start(() -> {
            SocketChannel c = SocketChannel.open();
            opened.add(c);
            return c;
        }, loop, new InetSocketAddress(LOOPBACK, 9), null, 1000, System.nanoTime());
        CheckResult r = check.get(10, TimeUnit.SECONDS);
        assertEquals(Verdict.ERROR, r.verdict(), r.toString());
        assertTrue(opened.isEmpty(), "no socket opened");
    }

    @Test
    void aSocketThatCannotBeOpenedGivesNoVerdict() throws Exception {
        ConnectCheck check = ConnectCheck.start(() -> {
            throw new java.io.IOException("Too many open files");
        }, group.next(), new InetSocketAddress(LOOPBACK, 9), null, 1000, System.nanoTime());
        CheckResult r = check.get(10, TimeUnit.SECONDS);
        assertEquals(Verdict.ERROR, r.verdict(), r.toString());
        assertEquals("Too many open files", r.reason());
    }

    @Test
    void aRefusedConnectFailsAndClosesTheSocket() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            port = s.getLocalPort(); // closed again: nothing listens there now
        }
        IoEventLoop loop = group.next();
        ConnectCheck check = ConnectCheck.start(SocketChannel::open, loop, new InetSocketAddress(LOOPBACK, port),
                null, 5000, System.nanoTime());
        CheckResult r = check.get(10, TimeUnit.SECONDS);
        assertEquals(Verdict.FAILURE, r.verdict(), r.toString());
        assertEquals(org.calpe.check.api.FailureCause.REFUSED, r.cause(), r.toString());
        assertTrue(loop.submit(check::closed).get(5, TimeUnit.SECONDS), "closed after the failure");
    }
}
