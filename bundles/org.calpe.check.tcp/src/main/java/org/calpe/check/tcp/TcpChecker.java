package org.calpe.check.tcp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTarget;
import org.calpe.check.api.Checker;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * keepalived's {@code TCP_CHECK}: a non-blocking TCP connect to {@code connect_ip}:{@code connect_port}
 * (bound to {@code bindto}:{@code bind_port} when set), limited by {@code connect_timeout}. The check succeeds
 * when the connection is established; the connection is then closed at once, without sending anything.
 * Refused, unreachable and timed-out connects fail (keepalived's {@code connect_fail} / {@code connect_timeout});
 * local errors (bind failure, address not available) give no verdict ({@code connect_error}: keepalived logs
 * "TCP socket bind failed. Rescheduling." and tries again after {@code delay_loop}).
 * <p>
 * All checks share one NIO event loop group owned by this component. {@code bind_if} (SO_BINDTODEVICE) and
 * {@code fwmark} (SO_MARK) cannot be set on a JDK NIO socket; a target using them gets an ERROR result rather
 * than a check that silently ignores them.
 */
@Component(service = Checker.class, configurationPid = TcpChecker.PID,
        property = Checker.TYPE + "=" + TcpChecker.TYPE_NAME)
@Designate(ocd = TcpChecker.Config.class)
public final class TcpChecker implements Checker {

    /** keepalived's keyword for this checker type. */
    public static final String TYPE_NAME = "TCP_CHECK";
    static final String PID = "org.calpe.check.tcp";

    @ObjectClassDefinition(name = "Calpe TCP_CHECK", description = "Non-blocking TCP connect checks")
    public @interface Config {
        @AttributeDefinition(name = "I/O threads", description = "Event loop threads shared by all TCP checks",
                min = "1")
        int threads() default 1;
    }

    private final EventLoopGroup group;
    private final boolean ownsGroup;

    /** DS: creates the shared event loop group. */
    @Activate
    public TcpChecker(Config config) {
        this(new MultiThreadIoEventLoopGroup(Math.max(1, config.threads()), NioIoHandler.newFactory()), true);
    }

    /** Runs the checks on {@code group}, which the caller owns. */
    public TcpChecker(EventLoopGroup group) {
        this(group, false);
    }

    private TcpChecker(EventLoopGroup group, boolean ownsGroup) {
        this.group = group;
        this.ownsGroup = ownsGroup;
    }

    @Deactivate
    void deactivate() {
        if (ownsGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
    }

    @Override
    public String type() {
        return TYPE_NAME;
    }

    @Override
    public CompletionStage<CheckResult> check(CheckTarget target) {
        if (!target.bindInterface().isEmpty()) {
            return CompletableFuture.completedFuture(
                    CheckResult.error("bind_if " + target.bindInterface() + " not supported by the NIO transport"));
        }
        if (target.fwmark() != 0) {
            return CompletableFuture.completedFuture(
                    CheckResult.error("fwmark " + target.fwmark() + " not supported by the NIO transport"));
        }
        long start = System.nanoTime();
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        Optional<InetSocketAddress> local = target.localAddress();
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis(target.connectTimeout()))
                .option(ChannelOption.AUTO_READ, false)
                .handler(QuietHandler.INSTANCE);
        if (local.isPresent()) {
            // A fixed bind_port would otherwise fail to bind while the previous check's connection is in TIME_WAIT.
            bootstrap.option(ChannelOption.SO_REUSEADDR, true);
        }
        ChannelFuture connect;
        try {
            connect = local.isPresent() ? bootstrap.connect(target.connectTo(), local.get())
                    : bootstrap.connect(target.connectTo());
        } catch (RuntimeException e) { // event loop shutting down
            return CompletableFuture.completedFuture(CheckResult.error("cannot start check: " + e));
        }
        connect.addListener((ChannelFuture f) -> {
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            if (f.isSuccess()) {
                f.channel().close();
                result.complete(CheckResult.success(latency));
            } else if (f.isCancelled()) {
                result.cancel(false);
            } else {
                result.complete(ConnectFailures.classify(f.cause(), latency));
            }
        });
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                connect.cancel(false);
                connect.channel().close();
            }
        });
        return result;
    }

    private static int timeoutMillis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }
}
