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

    private void updateAndRefresh(Bundle b, byte[] bytes) {
        try {
            b.update(new java.io.ByteArrayInputStream(bytes));
            FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
            CountDownLatch done = new CountDownLatch(1);
            wiring.refreshBundles(List.of(b), e -> {
                if (e.getType() == FrameworkEvent.PACKAGES_REFRESHED || e.getType() == FrameworkEvent.ERROR) {
                    done.countDown();
                }
            });
            done.await(REFRESH_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            // the refresh is stopping us (e.g. an API bundle we import was updated): it goes on without us
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("update of " + b.getSymbolicName() + " failed: " + e, e);
        }
    }
}
