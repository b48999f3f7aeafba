package org.calpe.check.http.core;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTarget;
import org.calpe.check.api.FailureCause;
import org.calpe.check.tcp.channel.TunedChannels;
import org.calpe.net.api.SocketTuning;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Runs one HTTP_GET / SSL_GET check: the urls one after the other, each on a new connection (as keepalived does),
 * stopping at the first url that fails. The check succeeds when every url passes.
 * <p>
 * Timing: each url gets {@code connect_timeout} for the whole exchange (connect, TLS handshake, request, and the
 * complete response until the server closes). keepalived applies {@code connect_timeout} to the connect and then
 * to each read separately, so a server trickling bytes could hold it indefinitely; Calpe bounds the exchange so a
 * check always answers, within {@code connect_timeout} per url.
 */
public final class HttpCheckRunner {
    private final EventLoopGroup group;
    private final TransportSecurity security;
    private final Supplier<SocketTuning> tuning;
    private final SpecCache specs = new SpecCache();

    /** Runs checks on {@code group} (owned by the caller) through {@code security}; bind_if / fwmark give ERROR. */
    public HttpCheckRunner(EventLoopGroup group, TransportSecurity security) {
        this(group, security, () -> null);
    }

    /**
     * Runs checks on {@code group} (owned by the caller) through {@code security}, setting bind_if / fwmark through
     * the service {@code tuning} supplies at each connect (null: none available, such targets get ERROR).
     */
    public HttpCheckRunner(EventLoopGroup group, TransportSecurity security, Supplier<SocketTuning> tuning) {
        this.group = group;
        this.security = security;
        this.tuning = tuning;
    }

    /** Starts a check of {@code target}; see {@code Checker#check}. */
    public CompletionStage<CheckResult> check(CheckTarget target) {
        HttpGetSpec spec;
        try {
            spec = specs.of(target.options()); // parsed once per configuration
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(CheckResult.error("unusable checker settings: " + e.getMessage()));
        }
        long start = System.nanoTime();
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        AtomicReference<CompletableFuture<UrlVerdict>> current = new AtomicReference<>();
        result.whenComplete((r, e) -> {
            CompletableFuture<UrlVerdict> c = current.get();
            if (result.isCancelled() && c != null) {
                c.cancel(false);
            }
        });
        next(target, spec, 0, start, result, current);
        return result;
    }

    private void next(CheckTarget target, HttpGetSpec spec, int index, long start, CompletableFuture<CheckResult> result,
            AtomicReference<CompletableFuture<UrlVerdict>> current) {
        if (result.isDone()) {
            return;
        }
        if (index == spec.urls().size()) {
            result.complete(CheckResult.success(Duration.ofNanos(System.nanoTime() - start)));
            return;
        }
        CompletableFuture<UrlVerdict> url = exchange(target, spec, spec.urls().get(index));
        current.set(url);
        if (result.isCancelled()) {
            url.cancel(false);
            return;
        }
        url.whenComplete((v, e) -> {
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            if (e != null) {
                if (!url.isCancelled()) {
                    result.complete(CheckResult.error("check failed: " + e));
                }
            } else if (v.localError()) {
                result.complete(CheckResult.error(v.reason()));
            } else if (!v.passed()) {
                result.complete(CheckResult.failure(v.cause(), v.reason(), latency));
            } else {
                next(target, spec, index + 1, start, result, current);
            }
        });
    }

    /** One url on one connection, bounded by {@code connect_timeout}. */
    CompletableFuture<UrlVerdict> exchange(CheckTarget target, HttpGetSpec spec, UrlSpec url) {
        long timeoutMillis = Math.min(Integer.MAX_VALUE, Math.max(1, target.connectTimeout().toMillis()));
        GetRequest request = GetRequest.of(url.path(), spec.protocol(), spec.hostFor(url), target.connectTo());
        HttpExchange handler = new HttpExchange(request, url, security);
        CompletableFuture<UrlVerdict> result = handler.result();
        Optional<String> sni = spec.sniFor(url);
        InetSocketAddress peer = target.connectTo();
        ChannelFactory<NioSocketChannel> channels;
        try {
            channels = TunedChannels.forTarget(target, tuning.get()); // bind_if / fwmark; else plain NIO
        } catch (IOException e) {
            result.complete(UrlVerdict.error(e.getMessage()));
            return result;
        }
        Bootstrap bootstrap = new Bootstrap().group(group).channelFactory(channels)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeoutMillis)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        security.install(ch.pipeline(), sni, peer);
                        ch.pipeline().addLast(handler);
                    }
                });
        Optional<InetSocketAddress> local = target.localAddress();
        if (local.isPresent()) {
            // a fixed bind_port would otherwise fail to bind while the previous connection is in TIME_WAIT
            bootstrap.option(ChannelOption.SO_REUSEADDR, true);
        }
        ChannelFuture connect;
        try {
            connect = local.isPresent() ? bootstrap.connect(peer, local.get()) : bootstrap.connect(peer);
        } catch (RuntimeException e) { // event loop shutting down
            result.complete(UrlVerdict.error("cannot start check: " + e));
            return result;
        }
        Channel channel = connect.channel();
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess() && !f.isCancelled()) {
                result.complete(ConnectFailures.connect(f.cause()));
            }
        });
        ScheduledFuture<?> timer;
        try {
            timer = channel.eventLoop().schedule(() -> {
                String text = connect.isSuccess() ? (handler.ready() ? security.readTimeoutText()
                        : "Timeout SSL handshake") : "Timeout connecting";
                result.complete(UrlVerdict.failed(FailureCause.TIMEOUT, text + ", url " + url.path()));
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            result.complete(UrlVerdict.error("cannot start check: " + e));
            channel.close();
            return result;
        }
        result.whenComplete((v, e) -> {
            timer.cancel(false);
            connect.cancel(false);
            if (channel.isOpen()) {
                channel.close();
            }
        });
        return result;
    }
}
