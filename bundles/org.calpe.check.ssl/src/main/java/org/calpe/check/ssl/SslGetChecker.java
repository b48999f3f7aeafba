package org.calpe.check.ssl;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTarget;
import org.calpe.check.api.Checker;
import org.calpe.check.http.core.HttpCheckRunner;
import org.calpe.check.tcp.channel.CheckLoops;
import org.calpe.net.api.SocketTuning;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.netty.channel.EventLoopGroup;

/**
 * keepalived's {@code SSL_GET}: HTTP_GET over TLS. The TLS client context comes from the top-level {@code SSL}
 * block (Config Admin {@code org.calpe.Global}, key {@code SSL}); the server's certificate is not verified, as in
 * keepalived. With {@code enable_sni}, the url's, then the checker's, then the virtual server's virtualhost is sent
 * as SNI. A global SSL block that cannot be loaded (missing file, wrong password) makes every SSL_GET check give no
 * verdict, with the reason, where keepalived would refuse to start its checker process. {@code bind_if} and
 * {@code fwmark} are set through the {@link SocketTuning} service, as for HTTP_GET.
 * <p>
 * The component reads two configurations (DS merges them): its own PID for {@code threads} and
 * {@code org.calpe.Global} for {@code SSL}. Metatype cannot designate a component with two PIDs, so the
 * {@link Config} definition is not bound to a PID in the console.
 */
@Component(service = Checker.class, configurationPid = {SslGetChecker.PID, SslGetChecker.GLOBAL_PID},
        property = Checker.TYPE + "=" + SslGetChecker.TYPE_NAME)
public final class SslGetChecker implements Checker {

    /** keepalived's keyword for this checker type. */
    public static final String TYPE_NAME = "SSL_GET";
    static final String PID = "org.calpe.check.ssl";
    static final String GLOBAL_PID = "org.calpe.Global";

    @ObjectClassDefinition(name = "Calpe SSL_GET", description = "HTTPS GET checks")
    public @interface Config {
        @AttributeDefinition(name = "I/O threads", description = "Event loop threads shared by all SSL_GET checks",
                min = "1")
        int threads() default 1;

        @AttributeDefinition(name = "SSL", description = "keepalived's SSL block as one line (from org.calpe.Global)",
                required = false)
        String[] SSL() default {};
    }

    private final EventLoopGroup group;
    private final boolean ownsGroup;
    /** The current SSL block and, once a check has needed it, its runner. */
    private volatile Lazy current;
    /** Sets bind_if / fwmark (org.calpe.net.linux); without it such targets get an ERROR result. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SocketTuning tuning;

    /** The runner for the current SSL block, or why there is none. */
    private record Setup(HttpCheckRunner runner, String problem) {
    }

    /**
     * An SSL block whose {@link Setup} is made when the first check needs it, not at activation: building a TLS
     * context initialises the JDK's TLS provider and reads its default trust store (Netty's defaults), about a
     * hundred milliseconds of CPU that the appliance's start would otherwise pay with or without an SSL_GET
     * checker in the configuration.
     */
    private final class Lazy {
        private final SslSettings settings;
        private Setup setup;

        Lazy(SslSettings settings) {
            this.settings = settings;
        }

        synchronized Setup get() {
            if (setup == null) {
                setup = setup(settings);
            }
            return setup;
        }

        /** @return the setup if a check has made it, else null */
        synchronized Setup made() {
            return setup;
        }
    }

    /** DS: creates the shared event loop group; the TLS context follows with the first check. */
    @Activate
    public SslGetChecker(Config config) {
        this(CheckLoops.start("calpe-ssl-check", config.threads()), true,
                SslSettings.parse(config.SSL()));
    }

    /** Runs the checks on {@code group}, which the caller owns, with the SSL block {@code ssl} (may be null). */
    public SslGetChecker(EventLoopGroup group, Object ssl) {
        this(group, false, SslSettings.parse(ssl));
    }

    /**
     * Runs the checks on {@code group}, which the caller owns, with the SSL block {@code ssl} (may be null), setting
     * bind_if / fwmark through {@code tuning}.
     */
    public SslGetChecker(EventLoopGroup group, Object ssl, SocketTuning tuning) {
        this(group, false, SslSettings.parse(ssl));
        this.tuning = tuning;
    }

    private SslGetChecker(EventLoopGroup group, boolean ownsGroup, SslSettings settings) {
        this.group = group;
        this.ownsGroup = ownsGroup;
        this.current = new Lazy(settings);
    }

    private Setup setup(SslSettings settings) {
        try {
            return new Setup(new HttpCheckRunner(group, new TlsTransport(ClientContexts.build(settings)), () -> tuning),
                    null);
        } catch (Exception e) {
            return new Setup(null, "SSL error: cannot use the SSL block (" + settings + "): " + e.getMessage());
        }
    }

    /** DS: a changed SSL block applies to the checks started from now on. */
    @Modified
    void modified(Config config) {
        current = new Lazy(SslSettings.parse(config.SSL()));
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
        Lazy l = current;
        Setup made = l.made();
        if (made == null) {
            // the first check of this SSL block: its TLS context is made on the checks' own loop, not on the
            // caller's (the check engine's) thread
            try {
                return CompletableFuture.supplyAsync(l::get, group.next()).thenCompose(s -> check(s, target));
            } catch (RejectedExecutionException e) {
                return CompletableFuture.completedFuture(CheckResult.error("SSL_GET checker stopped"));
            }
        }
        return check(made, target);
    }

    private static CompletionStage<CheckResult> check(Setup s, CheckTarget target) {
        if (s.runner() == null) {
            return CompletableFuture.completedFuture(CheckResult.error(s.problem()));
        }
        return s.runner().check(target);
    }

    /** @return whether the current SSL block's TLS context has been made (for tests) */
    boolean contextMade() {
        return current.made() != null;
    }

    /** keepalived: 3 s for SSL_GET. */
    @Override
    public Duration defaultDelayBeforeRetry() {
        return Duration.ofSeconds(3);
    }
}
