package org.calpe.config.media.internal;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/** {@link BundleOps} on the running framework. */
final class FrameworkBundleOps implements BundleOps {
    static final String LOCATION_PREFIX = "calpe-media:";
    private static final long REFRESH_TIMEOUT_S = 30;

    private final BundleContext context;

    FrameworkBundleOps(BundleContext context) {
        this.context = context;
    }

    @Override
    public List<Installed> installed(String symbolicName) {
        List<Installed> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED) {
                out.add(new Installed(b.getBundleId(), symbolicName, b.getVersion()));
            }
        }
        return out;
    }

    @Override
    public void install(Path jar, String symbolicName) throws Exception {
        Bundle b;
        try (InputStream in = Files.newInputStream(jar)) {
            b = context.installBundle(LOCATION_PREFIX + symbolicName, in);
        }
        if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
            b.start();
        }
    }

    @Override
    public void update(long bundleId, Path jar) throws Exception {
        Bundle b = context.getBundle(bundleId);
        if (b == null) {
            throw new IllegalStateException("bundle " + bundleId + " is gone");
        }
        byte[] bytes = Files.readAllBytes(jar);
        if (b.getBundleId() == context.getBundle().getBundleId()) {
            // Updating ourselves: our component stops during the update, so do it off our own thread.
            Thread t = new Thread(() -> updateAndRefresh(b, bytes), "calpe-media-self-update");
            t.setDaemon(true);
            t.start();
            return;
        }
        updateAndRefresh(b, bytes);
    }

    /**
     * Updates {@code b} and refreshes it. Another bundle that is active is stopped transiently first and started
     * again after the refresh: {@code update()} of an active bundle restarts it, and the refresh then restarts
     * it a second time, so a component that hands its work over across a restart (the VRRP engine) did so
     * twice per update. A transient stop keeps the bundle persistently started: the restart is an update for
     * the bundle, not a stop. If the update itself fails, the old revision starts again.
     */
    private void updateAndRefresh(Bundle b, byte[] bytes) {
        boolean self = b.getBundleId() == context.getBundle().getBundleId();
        boolean restart = !self && b.getState() == Bundle.ACTIVE;
        try {
            if (restart) {
                b.stop(Bundle.STOP_TRANSIENT);
            }
            try {
                b.update(new java.io.ByteArrayInputStream(bytes));
            } catch (Exception e) {
                if (restart) {
                    startAgain(b);
                }
                throw e;
            }
            FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
            CountDownLatch done = new CountDownLatch(1);
            wiring.refreshBundles(List.of(b), e -> {
                if (e.getType() == FrameworkEvent.PACKAGES_REFRESHED || e.getType() == FrameworkEvent.ERROR) {
                    done.countDown();
                }
            });
            done.await(REFRESH_TIMEOUT_S, TimeUnit.SECONDS);
            if (restart && b.getState() != Bundle.ACTIVE && b.getState() != Bundle.STARTING) {
                b.start(Bundle.START_TRANSIENT);
            }
        } catch (InterruptedException e) {
            // the refresh is stopping us (e.g. an API bundle we import was updated): it goes on without us
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("update of " + b.getSymbolicName() + " failed: " + e, e);
        }
    }

    private static void startAgain(Bundle b) {
        try {
            b.start(Bundle.START_TRANSIENT);
        } catch (Exception e) {
            // reported with the update's own failure
        }
    }
}
