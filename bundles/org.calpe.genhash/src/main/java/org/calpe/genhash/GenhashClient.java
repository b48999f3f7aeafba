package org.calpe.genhash;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

/**
 * Runs one genhash exchange on a private one-thread Netty NIO event loop (created and shut down per run: no
 * shared state, so the Gogo command and the CLI behave the same). TLS is the JDK's, through Netty's
 * SslHandler, without verifying the server's certificate (as genhash). SNI is sent only with -S -I -V.
 */
final class GenhashClient {
    private final GenhashOptions options;
    private final Charset argCharset;

    GenhashClient(GenhashOptions options, Charset argCharset) {
        this.options = options;
        this.argCharset = argCharset;
    }

    /** The SNI name to send, or null; throws IllegalArgumentException if the JDK cannot send this name. */
    static SNIServerName sniName(GenhashOptions o, Charset argCharset) {
        if (!o.ssl() || !o.sni() || o.virtualhost() == null) {
            return null;
        }
        try {
            return new SNIHostName(o.virtualhost());
        } catch (IllegalArgumentException e) {
            return new SNIHostName(o.virtualhost().getBytes(argCharset));
        }
    }

    static SslContext sslContext() throws SSLException {
        return SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
    }

    /** Connects, exchanges and returns how it ended; verbose output goes to {@code out} as it is produced. */
    GenhashHandler.Result run(SslContext ssl, SNIServerName sni, OutputStream out) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            CompletableFuture<GenhashHandler.Result> result = new CompletableFuture<>();
            long micros = options.timeoutMicros();
            long deadline = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(micros);
            GetRequest request = GetRequest.of(options, argCharset);
            Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    // read what is there (up to 64 KB) at once, as keepalived's read(2) would: the handler cuts it
                    // into keepalived's 4095-byte reads (Netty's adaptive default starts with 2 KB)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(64 * 1024))
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                            (micros + 999) / 1000)))
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            GenhashHandler handler = new GenhashHandler(options, request, out, deadline, result);
                            if (ssl != null) {
                                ch.pipeline().addLast(new RawActivityHandler(handler));
                                SSLEngine engine = ssl.newEngine(ch.alloc());
                                if (sni != null) {
                                    SSLParameters p = engine.getSSLParameters();
                                    p.setServerNames(List.of(sni));
                                    engine.setSSLParameters(p);
                                }
                                SslHandler h = new SslHandler(engine);
                                h.setHandshakeTimeoutMillis(0);
                                ch.pipeline().addLast(h);
                            }
                            ch.pipeline().addLast(handler);
                        }
                    });
            ChannelFuture f = b.connect(new InetSocketAddress(address(), options.port()));
            f.addListener(c -> {
                if (!c.isSuccess()) {
                    result.complete(new GenhashHandler.Result(connectFailure(c.cause()), null));
                }
            });
            try {
                return result.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private InetAddress address() {
        try {
            return InetAddress.getByAddress(options.address());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: 4 or 16 bytes
        }
    }

    /** keepalived's view of a failed connect: at once with ENETUNREACH, a timeout, or "Connection failed". */
    static Outcome connectFailure(Throwable t) {
        if (t instanceof ConnectTimeoutException) {
            return Outcome.TIMEOUT_CONNECTING;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && c.getMessage().contains("Network is unreachable")) {
                return Outcome.NETWORK_UNREACHABLE;
            }
        }
        return Outcome.CONNECTION_FAILED;
    }
}
