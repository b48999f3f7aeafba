package org.calpe.check.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.FailureCause;

import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.nio.NioIoEvent;
import io.netty.channel.nio.NioIoHandle;
import io.netty.channel.nio.NioIoOps;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * One TCP_CHECK connect on a Netty I/O loop, and its result. The check is a plain non-blocking JDK socket
 * registered as an {@link NioIoHandle} with the loop's NIO handler (Netty 4.2's I/O API beneath its channels): a
 * connect needs no pipeline, no channel promises and no close event, which made up most of a check's allocation
 * and user time. One object per check is the result future, the I/O handle, and the task that starts the check,
 * fires its timeout and closes it after a cancel (all on the loop's thread, told apart by the state).
 * <p>
 * The socket is opened on the loop's thread, not the caller's (the check engine's), so the engine only hands the
 * check over. The wire is the same as keepalived's: SYN, and once established a close (FIN), nothing sent.
 */
final class ConnectCheck extends CompletableFuture<CheckResult> implements NioIoHandle, Runnable {
    /** Opens the check's socket (plain, or with bind_if / fwmark applied). */
    @FunctionalInterface
    interface Opener {
        SocketChannel open() throws IOException;
    }

    private static final int NEW = 0;
    private static final int CONNECTING = 1;
    private static final int CLOSED = 2;

    private final Opener opener;
    private final IoEventLoop loop;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final int timeoutMillis;
    private final long start;
    /** Loop thread only. */
    private int state = NEW;
    private SocketChannel channel;
    private IoRegistration registration;
    private ScheduledFuture<?> timeout;

    private ConnectCheck(Opener opener, IoEventLoop loop, InetSocketAddress remote, InetSocketAddress local,
            int timeoutMillis, long start) {
        this.opener = opener;
        this.loop = loop;
        this.remote = remote;
        this.local = local;
        this.timeoutMillis = timeoutMillis;
        this.start = start;
    }

    /**
     * Starts a connect on {@code loop} to {@code remote} (from {@code local} when not null) through a socket
     * from {@code opener}, failing after {@code timeoutMillis}; {@code start} is the check's start
     * ({@link System#nanoTime()}), from which the latency counts.
     */
    static ConnectCheck start(Opener opener, IoEventLoop loop, InetSocketAddress remote, InetSocketAddress local,
            int timeoutMillis, long start) {
        ConnectCheck check = new ConnectCheck(opener, loop, remote, local, timeoutMillis, start);
        if (loop.isShuttingDown()) { // the task would never run (the unbinding engine asks again)
            check.complete(CheckResult.error("cannot start check: the checker's event loop is shutting down"));
            return check;
        }
        try {
            loop.execute(check);
        } catch (RuntimeException e) { // rejected: shut down meanwhile
            check.complete(CheckResult.error("cannot start check: " + e));
        }
        return check;
    }

    /**
     * On the loop: the start (first run), then the timeout or the close after a cancel; a run after the check is
     * closed (a cancel racing the result) does nothing.
     */
    @Override
    public void run() {
        if (state == NEW) {
            begin();
        } else if (state == CONNECTING) {
            if (!isDone()) {
                complete(CheckResult.failure(FailureCause.TIMEOUT, "connection timed out", latency()));
            }
            finish();
        }
    }

    private void begin() {
        if (isDone()) { // cancelled before it started
            state = CLOSED;
            return;
        }
        state = CONNECTING;
        try {
            channel = opener.open();
            channel.configureBlocking(false); // openers hand over the socket as the JDK opens it
        } catch (IOException | RuntimeException e) { // no socket, or bind_if / fwmark not applied: no verdict
            complete(CheckResult.error(e.getMessage() != null ? e.getMessage() : e.toString()));
            finish();
            return;
        }
        try {
            if (local != null) {
                // A fixed bind_port would otherwise fail to bind while the previous check's connection is in TIME_WAIT.
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.bind(local);
            }
            // A connect that is established by the time the call returns (a server on this host: the loopback
            // handshake runs inside the call) ends here, without registering with the selector or arming a
            // timeout; one poll more for a remote server, whose answer takes a round trip.
            if (channel.connect(remote) || channel.finishConnect()) {
                complete(CheckResult.success(latency()));
                finish();
                return;
            }
        } catch (IOException | RuntimeException e) {
            complete(ConnectFailures.classify(e, latency()));
            finish();
            return;
        }
        Future<IoRegistration> registered = loop.register(this);
        if (registered.isDone()) {
            registered(registered);
        } else {
            registered.addListener(f -> registered(registered));
        }
    }

    private void registered(Future<IoRegistration> f) {
        if (!f.isSuccess()) {
            complete(CheckResult.error("cannot start check: " + f.cause()));
            finish();
            return;
        }
        registration = f.getNow();
        if (state != CONNECTING || isDone()) { // cancelled meanwhile
            finish();
            return;
        }
        registration.submit(NioIoOps.CONNECT);
        timeout = loop.schedule(this, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** The socket is ready: the connect is established or failed. */
    @Override
    public void handle(IoRegistration reg, IoEvent event) {
        if (state != CONNECTING || !((NioIoEvent) event).ops().contains(NioIoOps.CONNECT)) {
            return;
        }
        try {
            if (!channel.finishConnect()) {
                return; // not yet (spurious readiness)
            }
            complete(CheckResult.success(latency()));
        } catch (IOException | RuntimeException e) {
            complete(ConnectFailures.classify(e, latency()));
        }
        finish();
    }

    /** Ends the check: no more events, no timeout, the socket closed (FIN once established). Idempotent. */
    private void finish() {
        state = CLOSED;
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
        if (registration != null) {
            registration.cancel();
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) { // nothing to tell: the verdict is in
            }
        }
    }

    /** Whether the connect had to wait for the selector (tests). */
    boolean waitedForSelector() {
        return registration != null;
    }

    private Duration latency() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public SelectableChannel selectableChannel() {
        return channel;
    }

    /** Netty closes the handle when its loop shuts down (or the key became invalid). */
    @Override
    public void close() {
        if (state != CLOSED) {
            complete(CheckResult.error("cannot finish check: the checker's event loop is shutting down"));
            finish();
        }
    }

    /** Cancelling the check closes its socket, which ends a connect in progress. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            try {
                loop.execute(this);
            } catch (RuntimeException e) { // event loop shut down: its handles are closed with it
            }
        }
        return cancelled;
    }

    /** @return true once the socket is closed (or was never opened); call on the loop (tests) */
    boolean closed() {
        return state == CLOSED && (channel == null || !channel.isOpen());
    }
}
