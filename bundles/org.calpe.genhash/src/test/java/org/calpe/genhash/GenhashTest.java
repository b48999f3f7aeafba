package org.calpe.genhash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * End to end against an in-process Netty server on 127.0.0.1: the expected outputs are keepalived 2.2.7's
 * genhash against the same responses (src/test/resources, "Global response time" normalised).
 */
@Timeout(30)
class GenhashTest {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<Channel> servers = new ArrayList<>();
    private final CompletableFuture<String> request = new CompletableFuture<>();

    @AfterEach
    void stop() {
        servers.forEach(Channel::close);
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    /** A server that answers every request with {@code response} (null: never answers) and closes. */
    private int serve(byte[] response) throws InterruptedException {
        Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel c) {
                        c.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            private final StringBuilder seen = new StringBuilder();

                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ByteBuf b = (ByteBuf) msg;
                                seen.append(b.toString(StandardCharsets.ISO_8859_1));
                                b.release();
                                if (seen.indexOf("\r\n\r\n") >= 0 && response != null) {
                                    request.complete(seen.toString());
                                    ctx.writeAndFlush(Unpooled.wrappedBuffer(response))
                                            .addListener(ChannelFutureListener.CLOSE);
                                }
                            }
                        });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        servers.add(ch);
        return ((InetSocketAddress) ch.localAddress()).getPort();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GenhashTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run genhash(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.ISO_8859_1);
        PrintStream e = new PrintStream(err, true, StandardCharsets.ISO_8859_1);
        int code = new Genhash("genhash", o, e, StandardCharsets.UTF_8).run(List.of(args));
        return new Run(code, out.toString(StandardCharsets.ISO_8859_1).replaceAll("= \\d+ usecs", "= N usecs"),
                err.toString(StandardCharsets.ISO_8859_1));
    }

    private void assertLikeKeepalived(String page) throws Exception {
        for (String v : new String[] {"", "-v"}) {
            int port = serve(resource(page + ".response"));
            Run r = v.isEmpty() ? genhash("-s", "127.0.0.1", "-p", "" + port, "-u", "/page")
                    : genhash(v, "-s", "127.0.0.1", "-p", "" + port, "-u", "/page");
            assertEquals(0, r.code());
            assertEquals(new String(resource(page + v + ".stdout"), StandardCharsets.ISO_8859_1), r.out(), page + v);
            assertEquals(new String(resource(page + v + ".stderr"), StandardCharsets.ISO_8859_1), r.err(), page + v);
        }
    }

    @Test
    void smallPage() throws Exception {
        assertLikeKeepalived("small");
        assertEquals("GET /page HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 127.0.0.1:"
                + ((InetSocketAddress) servers.get(0).localAddress()).getPort() + "\r\n\r\n", request.get());
    }

    @Test
    void chunkedBodyIsHashedRaw() throws Exception {
        assertLikeKeepalived("chunked");
    }

    @Test
    void binaryBodyLongerThanContentLengthInSeveralReads() throws Exception {
        assertLikeKeepalived("binary");
    }

    @Test
    void noHead() throws Exception {
        assertLikeKeepalived("garbage");
    }

    @Test
    void requestWithProtocolAndVirtualhost() throws Exception {
        int port = serve("HTTP/1.0 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        Run r = genhash("-s", "127.0.0.1", "-p", "" + port, "-u", "", "-P", "1.1", "-V", "vh.example");
        assertEquals("d41d8cd98f00b204e9800998ecf8427e\n", r.out());
        assertEquals("GET  HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: vh.example\r\n\r\n",
                request.get());
    }

    @Test
    void refused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Run r = genhash("-v", "-s", "127.0.0.1", "-p", "" + port, "-u", "/");
        assertEquals(new Run(0, "Connection failed\n\nGlobal response time for [/] = N usecs\n", ""), r);
    }

    @Test
    void silentServerTimesOut() throws Exception {
        int port = serve(null);
        // (the request is not recorded: this server never answers)
        long t0 = System.nanoTime();
        Run r = genhash("-s", "127.0.0.1", "-p", "" + port, "-u", "/", "-t", "1");
        assertEquals(new Run(0, "Timeout WEB read\n", ""), r);
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(900));
    }

    @Test
    void fwmarkIsRefusedNotIgnored() {
        Run r = genhash("-s", "127.0.0.1", "-p", "9", "-u", "/", "-m", "5");
        assertEquals(Genhash.UNSUPPORTED, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("-m/--fwmark 5 is not supported"), r.err());
    }

    @Test
    void badCommandLine() {
        Run r = genhash("-s", "127.0.0.1", "-p", "0", "-u", "/");
        assertEquals(new Run(1, "", "invalid port number '0'\n" + GenhashArguments.usage("genhash")), r);
    }
}
