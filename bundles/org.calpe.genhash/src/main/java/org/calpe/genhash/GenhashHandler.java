package org.calpe.genhash;

import java.io.OutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * One genhash exchange on a connected channel, following keepalived's checker threads: (TLS handshake within
 * what is left of the connect timeout) → send the GET → wait for the first bytes ("Timeout WEB read") → read
 * until the server closes, each pause bounded by the timeout ("Timeout HTTP/SSL read"). The bytes Netty
 * delivers are cut into the reads keepalived would make (at most the free room of its 4095-byte buffer) and fed
 * to a {@link ResponseProcessor}; verbose output is written as it is produced. The request goes out through
 * Netty's {@code HttpRequestEncoder} where that writes keepalived's bytes (see {@link GetRequest}); the response
 * is never decoded by Netty, since keepalived hashes the raw bytes.
 */
final class GenhashHandler extends ChannelInboundHandlerAdapter {
    /** The end of a run: the outcome and, when keepalived computed one, the digest. */
    record Result(Outcome outcome, byte[] digest) {
    }

    private enum Phase { CONNECTING, WAITING, READING, DONE }

    private final GenhashOptions options;
    /** How long a TLS handshake may take with -t 0 (keepalived does not time it out then). */
    static final int ZERO_TIMEOUT_HANDSHAKE_SECONDS = 5;

    private final GetRequest request;
    private final ResponseProcessor processor;
    private final OutputStream out;
    private final long connectDeadlineNanos;
    private final CompletableFuture<Result> result;
    private final byte[] chunk = new byte[ResponseProcessor.BUFFER];
    private Phase phase = Phase.CONNECTING;
    private ScheduledFuture<?> timer;
    /** TLS: the handshake is over / bytes (e.g. TLS 1.3 session tickets) came in after it. */
    private boolean handshakeDone;
    private boolean rawAfterHandshake;

    GenhashHandler(GenhashOptions options, GetRequest request, OutputStream out, long connectDeadlineNanos,
            CompletableFuture<Result> result) {
        this.options = options;
        this.request = request;
        this.processor = new ResponseProcessor(options.verbose());
        this.out = out;
        this.connectDeadlineNanos = connectDeadlineNanos;
        this.result = result;
    }

    /** Puts Netty's HTTP request encoder in front of this handler when it writes keepalived's bytes. */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (request.encodable()) {
            ctx.pipeline().addBefore(ctx.name(), "http-request-encoder", new HttpRequestEncoder());
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (options.ssl()) {
            // keepalived with -t 0 still completes the handshake (and then times out waiting for the answer)
            long left = options.timeoutMicros() == 0 ? TimeUnit.SECONDS.toNanos(ZERO_TIMEOUT_HANDSHAKE_SECONDS)
                    : Math.max(0, connectDeadlineNanos - System.nanoTime());
            arm(ctx, left, TimeUnit.NANOSECONDS, Outcome.TIMEOUT_CONNECTING);
        } else {
            send(ctx);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent && phase == Phase.CONNECTING) {
            if (((SslHandshakeCompletionEvent) evt).isSuccess()) {
                handshakeDone = true;
                send(ctx);
            } else {
                complete(ctx, Outcome.SSL_HANDSHAKE, null);
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    /**
     * TLS: bytes arrived on the socket (called before the SslHandler sees them). keepalived waits for the socket
     * to become readable ("Timeout WEB read") and then for SSL_read ("Timeout SSL read"): bytes that are not
     * application data, such as TLS 1.3 session tickets, end the first wait too.
     */
    void rawBytesArrived(ChannelHandlerContext ctx) {
        if (!handshakeDone) {
            return;
        }
        rawAfterHandshake = true;
        if (phase == Phase.WAITING) {
            phase = Phase.READING;
            arm(ctx, options.timeoutMicros(), TimeUnit.MICROSECONDS, Outcome.TIMEOUT_SSL_READ);
        }
    }

    private void send(ChannelHandlerContext ctx) {
        if (options.timeoutMicros() == 0) {
            // what keepalived 2.2.7 reports for -t 0: its write (plain) or read (TLS) timer expires at once
            complete(ctx, options.ssl() ? Outcome.TIMEOUT_WEB_READ : Outcome.TIMEOUT_WRITE, null);
            return;
        }
        phase = Phase.WAITING;
        if (rawAfterHandshake) {
            phase = Phase.READING;
            arm(ctx, options.timeoutMicros(), TimeUnit.MICROSECONDS, Outcome.TIMEOUT_SSL_READ);
        } else {
            arm(ctx, options.timeoutMicros(), TimeUnit.MICROSECONDS, Outcome.TIMEOUT_WEB_READ);
        }
        ctx.writeAndFlush(request.message()).addListener(f -> {
            if (!f.isSuccess()) {
                complete(ctx, Outcome.SEND_FAILED, null);
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            if (phase != Phase.WAITING && phase != Phase.READING) {
                return;
            }
            phase = Phase.READING;
            while (buf.isReadable() && processor.room() > 0) {
                int n = Math.min(processor.room(), buf.readableBytes());
                buf.readBytes(chunk, 0, n);
                processor.read(chunk, 0, n);
            }
            write(processor.drain());
            if (processor.room() == 0) {
                // the head filled keepalived's buffer: its next read(2) asks for 0 bytes and sees "end of stream"
                end(ctx);
                return;
            }
            arm(ctx, options.timeoutMicros(), TimeUnit.MICROSECONDS,
                    options.ssl() ? Outcome.TIMEOUT_SSL_READ : Outcome.TIMEOUT_HTTP_READ);
        } finally {
            buf.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (phase == Phase.CONNECTING) {
            complete(ctx, Outcome.SSL_HANDSHAKE, null);
        } else if (phase != Phase.DONE) {
            end(ctx);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (phase == Phase.CONNECTING) {
            complete(ctx, Outcome.SSL_HANDSHAKE, null);
        } else if (phase != Phase.DONE) {
            // keepalived 2.2.7 reports a failed read(2) without finishing (or dumping) the digest
            complete(ctx, options.ssl() ? Outcome.SSL_READ_ERROR : Outcome.READ_ERROR, null);
        }
    }

    private void end(ChannelHandlerContext ctx) {
        byte[] digest = processor.finish();
        write(processor.drain());
        complete(ctx, processor.headReceived() ? Outcome.DIGEST : Outcome.NO_DATA, digest);
    }

    private void arm(ChannelHandlerContext ctx, long delay, TimeUnit unit, Outcome onTimeout) {
        if (timer != null) {
            timer.cancel(false);
        }
        timer = ctx.executor().schedule(() -> complete(ctx, onTimeout, null), delay, unit);
    }

    private void complete(ChannelHandlerContext ctx, Outcome outcome, byte[] digest) {
        if (phase == Phase.DONE) {
            return;
        }
        phase = Phase.DONE;
        if (timer != null) {
            timer.cancel(false);
        }
        result.complete(new Result(outcome, digest));
        ctx.close();
    }

    private void write(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
