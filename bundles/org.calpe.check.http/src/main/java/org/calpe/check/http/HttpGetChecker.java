package org.calpe.check.http;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTarget;
import org.calpe.check.api.Checker;
import org.calpe.check.http.core.HttpCheckRunner;
import org.calpe.check.http.core.TransportSecurity;
import org.calpe.check.tcp.channel.CheckLoops;
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

import io.netty.channel.EventLoopGroup;

/**
 * keepalived's {@code HTTP_GET}: for every {@code url} block, a new TCP connection, keepalived's GET request
 * (byte for byte), and the response checked for status code, MD5 digest and regex as keepalived 2.2.7 does; the
 * check passes when every url passes. {@code connect_timeout} bounds each url's whole exchange.
 * <p>
 * All checks share one NIO event loop group owned by this component. {@code bind_if} and {@code fwmark} are set
 * through the {@link SocketTuning} service before each connect; without the service, a target using them gets an
 * ERROR result.
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
    /** Sets bind_if / fwmark (org.calpe.net.linux); without it such targets get an ERROR result. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SocketTuning tuning;

    /** DS: creates the shared event loop group. */
    @Activate
    public HttpGetChecker(Config config) {
        this(CheckLoops.start("calpe-http-check", config.threads()), true);
    }

    /** Runs the checks on {@code group}, which the caller owns. */
    public HttpGetChecker(EventLoopGroup group) {
        this(group, false);
    }

    /** Runs the checks on {@code group}, which the caller owns, setting bind_if / fwmark through {@code tuning}. */
    public HttpGetChecker(EventLoopGroup group, SocketTuning tuning) {
        this(group, false);
        this.tuning = tuning;
    }

    private HttpGetChecker(EventLoopGroup group, boolean ownsGroup) {
        this.group = group;
        this.ownsGroup = ownsGroup;
        this.runner = new HttpCheckRunner(group, TransportSecurity.PLAIN, () -> tuning);
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
