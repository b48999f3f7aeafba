package org.calpe.check.tcp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.calpe.check.api.CheckResult;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * One TCP_CHECK connect, and its result: a single object per check that is the result future, the listener of
 * the registration and of the connect, and the task that closes the channel. No {@code Bootstrap}, no address
 * resolver, no listener chain (what a Bootstrap per check cost: about a third of the checker's user time).
 * <p>
 * The channel is closed in a task of its own after the connect succeeded, not inside the connect's listener:
 * Netty fails a still-pending connect promise with a new {@code ClosedChannelException} (with a stack trace)
 * when the channel closes inside that promise's notification. The wire is the same as keepalived's: SYN, and
 * once established a close (FIN), nothing sent.
 */
final class ConnectCheck extends CompletableFuture<CheckResult> implements ChannelFutureListener, Runnable {
    private final NioSocketChannel channel;
    private final EventLoop loop;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final long start;
    private boolean registered;

    private ConnectCheck(NioSocketChannel channel, EventLoop loop, InetSocketAddress remote, InetSocketAddress local,
            long start) {
        this.channel = channel;
        this.loop = loop;
        this.remote = remote;
        this.local = local;
        this.start = start;
    }

    /**
     * Starts a connect of the new, unregistered {@code channel} on {@code loop} to {@code remote} (from
     * {@code local} when not null), failing after {@code timeoutMillis}.
     */
    static ConnectCheck start(NioSocketChannel channel, EventLoop loop, InetSocketAddress remote,
            InetSocketAddress local, int timeoutMillis, long start) {
        channel.config().setConnectTimeoutMillis(timeoutMillis);
        channel.config().setAutoRead(false);
        if (local != null) {
            // A fixed bind_port would otherwise fail to bind while the previous check's connection is in TIME_WAIT.
            channel.config().setOption(ChannelOption.SO_REUSEADDR, true);
        }
        channel.pipeline().addLast(QuietHandler.INSTANCE);
        ConnectCheck check = new ConnectCheck(channel, loop, remote, local, start);
        if (loop.isShuttingDown()) { // its listeners would never be told (the unbinding engine asks again)
            channel.unsafe().closeForcibly();
            check.complete(CheckResult.error("cannot start check: the checker's event loop is shutting down"));
            return check;
        }
        loop.register(channel).addListener(check);
        return check;
    }

    /** Registration done (first call), then connect done (second call); on the channel's event loop. */
    @Override
    public void operationComplete(ChannelFuture f) {
        if (!registered) {
            registered = true;
            if (!f.isSuccess()) {
                channel.unsafe().closeForcibly();
                complete(CheckResult.error("cannot start check: " + f.cause()));
            } else if (isDone()) { // cancelled before the registration ran
                channel.close();
            } else {
                (local != null ? channel.connect(remote, local) : channel.connect(remote)).addListener(this);
            }
            return;
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        if (f.isSuccess()) {
            complete(CheckResult.success(latency));
            loop.execute(this);
        } else if (f.isCancelled()) {
            super.cancel(false);
        } else {
            complete(ConnectFailures.classify(f.cause(), latency));
        }
    }

    /** Closes the channel (after success, or on cancellation). */
    @Override
    public void run() {
        channel.close();
    }

    /** Cancelling the check closes its channel, which ends a connect in progress. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            try {
                loop.execute(this);
            } catch (RuntimeException e) { // event loop shut down: its channels are closed with it
            }
        }
        return cancelled;
    }
}
