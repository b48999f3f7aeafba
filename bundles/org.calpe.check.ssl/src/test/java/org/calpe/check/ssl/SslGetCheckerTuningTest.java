package org.calpe.check.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.NetworkChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTarget;
import org.calpe.check.api.Verdict;
import org.calpe.net.api.SocketTuning;
import org.junit.jupiter.api.Test;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

/** SSL_GET passes bind_if / fwmark to the SocketTuning service (kernel side: the net.linux and HTTP lab tests). */
class SslGetCheckerTuningTest {

    @Test
    void tlsExchangeRunsOnTheTunedChannelAndNoServiceGivesNoVerdict() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (TlsServer server = new TlsServer("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", false)) {
            List<String> calls = new CopyOnWriteArrayList<>();
            SocketTuning tuning = new SocketTuning() {
                @Override
                public void bindToDevice(NetworkChannel channel, String ifname) {
                    calls.add("device " + ifname);
                }

                @Override
                public void setMark(NetworkChannel channel, int mark) {
                    calls.add("mark " + mark);
                }
            };
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
            CheckTarget target = new CheckTarget(CheckTarget.formatName(to), to, null, 0, "lo", 3,
                    Duration.ofSeconds(5), Map.of("url", List.of("path /")));
            CheckResult r = new SslGetChecker(group, null, tuning).check(target).toCompletableFuture()
                    .get(20, TimeUnit.SECONDS);
            assertEquals(Verdict.SUCCESS, r.verdict(), r.reason());
            assertEquals(List.of("mark 3", "device lo"), calls);

            r = new SslGetChecker(group, null).check(target).toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertEquals(Verdict.ERROR, r.verdict());
            assertEquals("bind_if lo and fwmark 3 needs the socket tuning service (org.calpe.net.linux), "
                    + "which is not available", r.reason());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
