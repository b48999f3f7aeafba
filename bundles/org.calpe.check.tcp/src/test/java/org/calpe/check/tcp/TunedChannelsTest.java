package org.calpe.check.tcp;

import org.calpe.check.tcp.channel.TunedChannels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import org.junit.jupiter.api.Test;

import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The tuned-channel path with a recording {@link SocketTuning}; the kernel side is SocketTuningLabTest's. */
class TunedChannelsTest {
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);

    /** Records calls in order; fails the option named by {@code failing} with "boom (errno 1)". */
    static final class RecordingTuning implements SocketTuning {
        final List<String> calls = new ArrayList<>();
        final List<NetworkChannel> channels = new ArrayList<>();
        private final String failing;

        RecordingTuning(String failing) {
            this.failing = failing;
        }

        @Override
        public void bindToDevice(NetworkChannel channel, String ifname) throws IOException {
            record(channel, "device " + ifname, "device");
        }

        @Override
        public void setMark(NetworkChannel channel, int mark) throws IOException {
            record(channel, "mark " + Integer.toUnsignedString(mark), "mark");
        }

        private void record(NetworkChannel channel, String call, String option) throws IOException {
            assertTrue(channel instanceof SocketChannel && channel.isOpen(), "an open JDK socket channel");
            calls.add(call);
            channels.add(channel);
            if (option.equals(failing)) {
                throw new IOException("boom (errno 1)");
            }
        }
    }

    private static CheckTarget target(InetSocketAddress to, String bindIf, int fwmark) {
        return new CheckTarget(CheckTarget.formatName(to), to, null, 0, bindIf, fwmark, Duration.ofSeconds(2),
                Map.of());
    }

    @Test
    void plainTargetsKeepThePlainPathAndNeedNoService() throws IOException {
        assertFalse(TunedChannels.needed(target(PEER, "", 0)));
        assertSame(TunedChannels.PLAIN, TunedChannels.forTarget(target(PEER, "", 0), null));
        RecordingTuning tuning = new RecordingTuning(null);
        assertSame(TunedChannels.PLAIN, TunedChannels.forTarget(target(PEER, "", 0), tuning));
        assertTrue(tuning.calls.isEmpty());
    }

    @Test
    void markThenDeviceOnOneChannelWhichNettyThenWraps() throws IOException {
        RecordingTuning tuning = new RecordingTuning(null);
        NioSocketChannel channel = TunedChannels.forTarget(target(PEER, "eth1", -1), tuning).newChannel();
        try {
            assertEquals(List.of("mark 4294967295", "device eth1"), tuning.calls);
            assertSame(tuning.channels.get(0), tuning.channels.get(1));
            assertTrue(channel.isOpen());
            assertFalse(((SocketChannel) tuning.channels.get(0)).isBlocking(), "Netty made it non-blocking");
        } finally {
            channel.unsafe().closeForcibly();
        }
        tuning.calls.clear();
        TunedChannels.forTarget(target(PEER, "", 7), tuning).newChannel().unsafe().closeForcibly();
        assertEquals(List.of("mark 7"), tuning.calls);
    }

    @Test
    void failuresSayWhatKeepalivedLogsAndCloseTheChannel() {
        RecordingTuning device = new RecordingTuning("device");
        IOException e = assertThrows(IOException.class, () -> TunedChannels.forTarget(target(PEER, "eth9", 3), device));
        assertEquals("Checker can't bind to device eth9: boom (errno 1)", e.getMessage());
        assertFalse(device.channels.get(0).isOpen(), "the channel is closed");
        RecordingTuning mark = new RecordingTuning("mark");
        e = assertThrows(IOException.class, () -> TunedChannels.forTarget(target(PEER, "eth9", 3), mark));
        assertEquals("Error setting fwmark 3 to socket: boom (errno 1)", e.getMessage());
        assertEquals(List.of("mark 3"), mark.calls, "no device after a failed mark");
        assertFalse(mark.channels.get(0).isOpen());
    }

    @Test
    void withoutTheServiceTheCheckGivesNoVerdictAndSaysWhy() throws Exception {
        IoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            CheckResult r = new TcpChecker(group).check(target(PEER, "eth1", 5)).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            assertEquals(Verdict.ERROR, r.verdict());
            assertEquals("bind_if eth1 and fwmark 5 needs the socket tuning service (org.calpe.net.linux), "
                    + "which is not available", r.reason());
            r = new TcpChecker(group, new RecordingTuning("device")).check(target(PEER, "eth1", 0))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(Verdict.ERROR, r.verdict());
            assertEquals("Checker can't bind to device eth1: boom (errno 1)", r.reason());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** The tuned channel is the one that connects: a listener sees the connect, the check succeeds. */
    @Test
    void tunedChannelConnectsThroughTheChecker() throws Exception {
        IoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            RecordingTuning tuning = new RecordingTuning(null);
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
            CheckResult r = new TcpChecker(group, tuning).check(target(to, "lo", 0)).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            assertEquals(Verdict.SUCCESS, r.verdict(), String.valueOf(r.reason()));
            assertEquals("", r.reason());
            assertEquals(List.of("device lo"), tuning.calls);
            SocketChannel used = (SocketChannel) tuning.channels.get(0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (used.isOpen() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertFalse(used.isOpen(), "the checker closed the tuned channel after the connect");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
