package org.calpe.check.http.core;

import java.util.concurrent.CompletableFuture;

import org.calpe.check.api.FailureCause;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of one url's connection: sends the request once the transport is ready, streams every read
 * into a {@link ResponseEvaluator} and completes {@link #result()} when the server closes, the header overflows,
 * or the connection fails. Completing closes the channel. One instance per connection.
 * <p>
 * The request goes out through Netty's {@link HttpRequestEncoder}, which this handler puts in front of itself
 * when the request is {@link GetRequest#encodable() encodable}; otherwise as keepalived's bytes. The response is
 * not decoded by Netty: keepalived's verdict and digest depend on the raw bytes (see {@link ResponseEvaluator}).
 */
final class HttpExchange extends ChannelInboundHandlerAdapter {
    private static final int MIN_COPY = 256;
    private static final int MAX_COPY = 8192;
    private final GetRequest request;
    private final UrlSpec url;
    private final ResponseEvaluator evaluator;
    private final TransportSecurity security;
    private final CompletableFuture<UrlVerdict> result = new CompletableFuture<>();
    /** Copy of a direct buffer's bytes for the evaluator: sized by the reads (most responses fit a few hundred). */
    private byte[] scratch;
    private volatile boolean ready;

    HttpExchange(GetRequest request, UrlSpec url, TransportSecurity security) {
        this.request = request;
        this.url = url;
        this.evaluator = new ResponseEvaluator(url);
        this.security = security;
    }

    CompletableFuture<UrlVerdict> result() {
        return result;
    }

    /** True once the request could be sent (TLS handshake done). */
    boolean ready() {
        return ready;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (request.encodable()) {
            ctx.pipeline().addBefore(ctx.name(), "http-request-encoder", new HttpRequestEncoder());
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        security.ready(ctx.channel()).addListener(f -> {
            if (!f.isSuccess()) {
                complete(ctx, UrlVerdict.failed(FailureCause.RESPONSE,
                        "SSL handshake failed: " + ConnectFailures.describe(f.cause())));
                return;
            }
            ready = true;
            ctx.writeAndFlush(request.message()).addListener((ChannelFutureListener) w -> {
                if (!w.isSuccess()) {
                    complete(ctx, UrlVerdict.failed(FailureCause.RESET,
                            "Cannot send get request: " + ConnectFailures.describe(w.cause())));
                }
            });
        });
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (result.isDone() || !(msg instanceof ByteBuf buf)) {
                return;
            }
            while (buf.isReadable()) {
                int n = Math.min(buf.readableBytes(), MAX_COPY); // the evaluator sees at most 8 KiB at a time
                boolean more;
                if (buf.hasArray()) {
                    more = evaluator.feed(buf.array(), buf.arrayOffset() + buf.readerIndex(), n);
                    buf.skipBytes(n);
                } else {
                    if (scratch == null || scratch.length < n) {
                        scratch = new byte[Math.max(n, MIN_COPY)];
                    }
                    buf.readBytes(scratch, 0, n);
                    more = evaluator.feed(scratch, 0, n);
                }
                if (!more) {
                    complete(ctx, evaluator.finish());
                    return;
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!ready) {
            complete(ctx, UrlVerdict.failed(FailureCause.RESPONSE, "Connection closed before the request was sent"));
        } else {
            complete(ctx, evaluator.finish());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!ready) {
            complete(ctx, UrlVerdict.failed(FailureCause.RESPONSE,
                    "SSL handshake failed: " + ConnectFailures.describe(cause)));
        } else if (security.readErrorEndsResponse()) {
            complete(ctx, evaluator.finish());
        } else {
            complete(ctx, ConnectFailures.read(cause, url.path()));
        }
    }

    private void complete(ChannelHandlerContext ctx, UrlVerdict verdict) {
        result.complete(verdict);
        if (ctx.channel().isOpen()) { // Netty makes an exception object for every close, even a repeated one
            ctx.close();
        }
    }
}
