package org.calpe.check.http;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTarget;
import org.calpe.check.api.Checker;
import org.calpe.check.http.core.HttpCheckRunner;
import org.calpe.check.http.core.TransportSecurity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

/**
 * keepalived's {@code HTTP_GET}: for every {@code url} block, a new TCP connection, keepalived's GET request
 * (byte for byte), and the response checked for status code, MD5 digest and regex as keepalived 2.2.7 does; the
 * check passes when every url passes. {@code connect_timeout} bounds each url's whole exchange.
 * <p>
 * All checks share one NIO event loop group owned by this component. {@code bind_if} and {@code fwmark} cannot be
 * set on a JDK NIO socket; a target using them gets an ERROR result.
 * <p>
 * Scheduling keywords ({@code delay_loop}, {@code retry}, {@code delay_before_retry}, {@code fast_recovery}) are
 * the engine's.
 */
@Component(service = Checker.class, configurationPid = HttpGetChecker.PID,
        property = Checker.TYPE + "=" + HttpGetChecker.TYPE_NAME)
@Designate(ocd = HttpGetChecker.Config.class)
public final class HttpGetChecker implements Checker {

    /** keepalived's keyword for this checker type. */
    public static final String TYPE_NAME = "HTTP_GET";
    static final String PID = "org.calpe.check.http";

    @ObjectClassDefinition(name = "Calpe HTTP_GET", description = "HTTP GET checks")
    public @interface Config {
        @AttributeDefinition(name = "I/O threads", description = "Event loop threads shared by all HTTP_GET checks",
                min = "1")
        int threads() default 1;
    }

    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final HttpCheckRunner runner;

    /** DS: creates the shared event loop group. */
    @Activate
    public HttpGetChecker(Config config) {
        this(new MultiThreadIoEventLoopGroup(Math.max(1, config.threads()), NioIoHandler.newFactory()), true);
    }

    /** Runs the checks on {@code group}, which the caller owns. */
    public HttpGetChecker(EventLoopGroup group) {
        this(group, false);
    }

    private HttpGetChecker(EventLoopGroup group, boolean ownsGroup) {
        this.group = group;
        this.ownsGroup = ownsGroup;
        this.runner = new HttpCheckRunner(group, TransportSecurity.PLAIN);
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
        return runner.check(target);
    }

    /** keepalived: 3 s for HTTP_GET. */
    @Override
    public Duration defaultDelayBeforeRetry() {
        return Duration.ofSeconds(3);
    }
}
