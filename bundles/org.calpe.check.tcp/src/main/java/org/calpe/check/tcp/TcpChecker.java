package org.calpe.check.tcp;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTarget;
import org.calpe.check.api.Checker;
import org.calpe.check.tcp.channel.CheckLoops;
import org.calpe.check.tcp.channel.TunedChannels;
import org.calpe.net.api.SocketTuning;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.netty.channel.IoEventLoopGroup;

/**
 * keepalived's {@code TCP_CHECK}: a non-blocking TCP connect to {@code connect_ip}:{@code connect_port}
 * (bound to {@code bindto}:{@code bind_port} when set), limited by {@code connect_timeout}. The check succeeds
 * when the connection is established; the connection is then closed at once, without sending anything.
 * Refused, unreachable and timed-out connects fail (keepalived's {@code connect_fail} / {@code connect_timeout});
 * local errors (bind failure, address not available) give no verdict ({@code connect_error}: keepalived logs
 * "TCP socket bind failed. Rescheduling." and tries again after {@code delay_loop}).
 * <p>
 * All checks share one NIO event loop group owned by this component. {@code bind_if} (SO_BINDTODEVICE) and
 * {@code fwmark} (SO_MARK), which the JDK cannot set, are set through the {@link SocketTuning} service before the
 * connect ({@link TunedChannels}); without the service, a target using them gets an ERROR result rather than a
 * check that silently ignores them.
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

    private final IoEventLoopGroup group;
    private final boolean ownsGroup;
    /** Sets bind_if / fwmark (org.calpe.net.linux); without it such targets get an ERROR result. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SocketTuning tuning;

    /** DS: creates the shared event loop group. */
    @Activate
    public TcpChecker(Config config) {
        this(CheckLoops.start("calpe-tcp-check", config.threads()), true);
    }

    /** Runs the checks on {@code group}, which the caller owns. */
    public TcpChecker(IoEventLoopGroup group) {
        this(group, false);
    }

    /** Runs the checks on {@code group}, which the caller owns, setting bind_if / fwmark through {@code tuning}. */
    public TcpChecker(IoEventLoopGroup group, SocketTuning tuning) {
        this(group, false);
        this.tuning = tuning;
    }

    private TcpChecker(IoEventLoopGroup group, boolean ownsGroup) {
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
        long start = System.nanoTime();
        SocketTuning t = tuning;
        return ConnectCheck.start(() -> TunedChannels.open(target, t), group.next(), target.connectTo(),
                target.localAddress().orElse(null), timeoutMillis(target.connectTimeout()), start);
    }

    private static int timeoutMillis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }
}
