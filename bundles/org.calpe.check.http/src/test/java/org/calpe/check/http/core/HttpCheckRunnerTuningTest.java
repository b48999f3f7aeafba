package org.calpe.check.http.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTarget;
import org.calpe.check.api.Verdict;
import org.calpe.net.api.SocketTuning;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

/** HTTP_GET's tuned-channel path with a recording {@link SocketTuning} on loopback (kernel side: the lab tests). */
class HttpCheckRunnerTuningTest {
    private EventLoopGroup group;

    /** Records calls in order; fails every call with "boom (errno 1)" when {@code fail}. */
    private static final class RecordingTuning implements SocketTuning {
        final List<String> calls = new ArrayList<>();
        private final boolean fail;

        RecordingTuning(boolean fail) {
            this.fail = fail;
        }

        @Override
        public void bindToDevice(NetworkChannel channel, String ifname) throws IOException {
            record(channel, "device " + ifname);
        }

        @Override
        public void setMark(NetworkChannel channel, int mark) throws IOException {
            record(channel, "mark " + mark);
        }

        private void record(NetworkChannel channel, String call) throws IOException {
            assertTrue(channel instanceof SocketChannel && channel.isOpen(), "an open JDK socket channel");
            calls.add(call);
            if (fail) {
                throw new IOException("boom (errno 1)");
            }
        }
    }

    @BeforeEach
    void setUp() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterEach
    void tearDown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static CheckTarget target(int port, String bindIf, int fwmark) {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        return new CheckTarget(CheckTarget.formatName(to), to, null, 0, bindIf, fwmark, Duration.ofSeconds(2),
                Map.of("url", List.of("path /")));
    }

    private CheckResult run(HttpCheckRunner runner, CheckTarget target) throws Exception {
        return runner.check(target).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void tunedChannelCarriesTheExchange() throws Exception {
        try (RawServer server = RawServer.respond("HTTP/1.0 200 OK\r\n\r\nhello")) {
            RecordingTuning tuning = new RecordingTuning(false);
            CheckResult r = run(new HttpCheckRunner(group, TransportSecurity.PLAIN, () -> tuning),
                    target(server.port(), "lo", 9));
            assertEquals(Verdict.SUCCESS, r.verdict(), r.reason());
            assertEquals(List.of("mark 9", "device lo"), tuning.calls);
            assertEquals(1, server.requests().size());
        }
    }

    @Test
    void failuresAndAMissingServiceGiveNoVerdict() throws Exception {
        try (RawServer server = RawServer.respond("HTTP/1.0 200 OK\r\n\r\nhello")) {
            CheckResult r = run(new HttpCheckRunner(group, TransportSecurity.PLAIN), target(server.port(), "eth1", 0));
            assertEquals(Verdict.ERROR, r.verdict());
            assertEquals("bind_if eth1 needs the socket tuning service (org.calpe.net.linux), which is not available",
                    r.reason());
            r = run(new HttpCheckRunner(group, TransportSecurity.PLAIN, () -> new RecordingTuning(true)),
                    target(server.port(), "", 5));
            assertEquals(Verdict.ERROR, r.verdict());
            assertEquals("Error setting fwmark 5 to socket: boom (errno 1)", r.reason());
            assertTrue(server.requests().isEmpty(), "nothing was sent");
        }
    }
}
