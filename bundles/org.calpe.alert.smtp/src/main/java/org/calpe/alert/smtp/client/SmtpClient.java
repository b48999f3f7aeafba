package org.calpe.alert.smtp.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import org.calpe.alert.smtp.mail.Alert;
import org.calpe.alert.smtp.mail.MessageFormatter;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.smtp.SmtpRequestEncoder;
import io.netty.handler.codec.smtp.SmtpResponseDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Opens relay connections on one Netty NIO thread of its own and runs an {@link SmtpSession} on each. Never blocks
 * the caller: {@link #send} returns a future that completes when the session ends.
 */
public final class SmtpClient implements AutoCloseable {
    /** Longest reply line accepted (RFC 5321 4.5.3.1.5 says 512; relays send longer EHLO lines). */
    private static final int MAX_LINE = 8192;

    private final EventLoopGroup group;
    private final MessageFormatter formatter;

    public SmtpClient(MessageFormatter formatter) {
        this.formatter = formatter;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("calpe-smtp-alert-io", true),
                NioIoHandler.newFactory());
    }

    /** Delivers {@code batch} in order over one connection; see {@link SmtpSession}. */
    public CompletableFuture<SessionResult> send(SmtpSettings settings, List<Alert> batch, DeliveryListener listener) {
        CompletableFuture<SessionResult> result = new CompletableFuture<>();
        SslContext tls;
        try {
            tls = settings.startTls() == StartTls.OFF ? null : tlsContext(settings);
        } catch (SSLException | RuntimeException e) {
            result.complete(new SessionResult(0, 0, "cannot set up TLS for " + settings.display() + ": "
                    + e.getMessage()));
            return result;
        }
        long timeoutMillis = settings.timeout().toMillis();
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("timeout", new ReadTimeoutHandler(timeoutMillis, TimeUnit.MILLISECONDS))
                                .addLast("decoder", new SmtpResponseDecoder(MAX_LINE))
                                .addLast("encoder", new SmtpRequestEncoder())
                                .addLast("session", new SmtpSession(settings, tls, batch, listener, formatter, result));
                    }
                });
        ChannelFuture f = b.connect(settings.host(), settings.port());
        f.addListener(c -> {
            if (!c.isSuccess()) {
                result.complete(new SessionResult(0, 0, "SMTP connection ERROR to " + settings.display() + ": "
                        + c.cause().getMessage()));
            }
        });
        return result;
    }

    /**
     * The client TLS context: with {@code smtp_tls_ca} the relay's chain must verify against that file; without
     * it, {@code required} uses the JDK's trust store and {@code on} accepts any certificate (opportunistic
     * encryption, RFC 7435). The host name is not matched against the certificate: smtp_server is usually an
     * address.
     */
    static SslContext tlsContext(SmtpSettings s) throws SSLException {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .endpointIdentificationAlgorithm(null);
        if (s.tlsCa() != null) {
            b.trustManager(s.tlsCa().toFile());
        } else if (s.startTls() == StartTls.ON) {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        }
        return b.build();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
