package org.calpe.appliance.internal;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the framework cleanly when the JVM is asked to exit (SIGTERM, SIGINT): every bundle and component
 * is stopped in order (Jetty closes, VRRP masters can send priority 0) before the process ends. The bnd
 * launcher registers no such hook itself (STACK pitfall 11).
 *
 * <p>Enabled by the framework property {@code calpe.shutdown.hook=true}; off in the integration tests, where
 * the tester's own exit would otherwise wait for it.
 */
@Component(immediate = true)
public final class GracefulShutdown {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);
    static final long STOP_TIMEOUT_MS = 15_000;

    private final Thread hook;

    @Activate
    public GracefulShutdown(BundleContext context) {
        RuntimeProperties properties = RuntimeProperties.from(context::getProperty);
        if (!properties.shutdownHook()) {
            hook = null;
            return;
        }
        Framework framework = (Framework) context.getBundle(0);
        // everything the hook needs is loaded now: once our bundle is stopped its class loader loads nothing
        PidFile pidFile = properties.pidFile() == null ? null
                : new PidFile(properties.pidFile(), ProcessHandle.current().pid());
        hook = new Thread(() -> stop(framework, pidFile), "calpe-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private static void stop(Framework framework, PidFile pidFile) {
        LOG.info("Stopping");
        long start = System.nanoTime();
        try {
            framework.stop();
            framework.waitForStop(STOP_TIMEOUT_MS);
        } catch (BundleException e) {
            System.err.println("calpe: framework stop failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pidFile != null) {
            pidFile.removeIfOwned();
        }
        // the logging backend is gone by now
        System.err.printf("calpe: stopped in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }

    @Deactivate
    void deactivate() {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: this hook is what is stopping us
        }
    }
}
