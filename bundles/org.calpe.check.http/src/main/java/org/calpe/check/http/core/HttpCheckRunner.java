package org.calpe.check.http.core;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTarget;
import org.calpe.check.api.FailureCause;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
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

    /** Runs checks on {@code group} (owned by the caller) through {@code security}. */
    public HttpCheckRunner(EventLoopGroup group, TransportSecurity security) {
        this.group = group;
        this.security = security;
    }

    /** Starts a check of {@code target}; see {@code Checker#check}. */
    public CompletionStage<CheckResult> check(CheckTarget target) {
        if (!target.bindInterface().isEmpty()) {
            return CompletableFuture.completedFuture(
                    CheckResult.error("bind_if " + target.bindInterface() + " not supported by the NIO transport"));
        }
        if (target.fwmark() != 0) {
            return CompletableFuture.completedFuture(
                    CheckResult.error("fwmark " + target.fwmark() + " not supported by the NIO transport"));
        }
        HttpGetSpec spec;
        try {
            spec = HttpGetSpec.fromOptions(target.options());
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
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
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
            channel.close();
        });
        return result;
    }
}
