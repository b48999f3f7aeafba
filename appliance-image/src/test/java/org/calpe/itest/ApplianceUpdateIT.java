package org.calpe.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.calpe.appliance.api.ApplianceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The appliance bundle is updated in place at run time (as the media drop folder does): same bundle id, its
 * components come back, and no other bundle is restarted or refreshed.
 */
@ExtendWith(BundleContextExtension.class)
class ApplianceUpdateIT {
    private static final String BSN = "org.calpe.appliance";

    @InjectBundleContext
    BundleContext context;

    @Test
    void applianceBundleUpdatesInPlaceWithoutTouchingOthers() throws Exception {
        Bundle appliance = Arrays.stream(context.getBundles()).filter(b -> BSN.equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        ApplianceStatus before = awaitStatus();
        Map<Long, Long> othersModified = new HashMap<>();
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() != appliance.getBundleId()) {
                othersModified.put(b.getBundleId(), b.getLastModified());
            }
        }

        appliance.update(copyOf(appliance));

        assertEquals(Bundle.ACTIVE, appliance.getState());
        ApplianceStatus after = awaitStatus();
        assertNotSame(before, after, "a new component instance");
        assertEquals(before.summary(), after.summary());
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() != appliance.getBundleId()) {
                assertEquals(othersModified.get(b.getBundleId()), b.getLastModified(), b.getSymbolicName());
                int expected = b.getHeaders("").get("Fragment-Host") != null ? Bundle.RESOLVED : Bundle.ACTIVE;
                assertEquals(expected, b.getState(), b.getSymbolicName());
            }
        }
    }

    private ApplianceStatus awaitStatus() throws InterruptedException {
        ServiceTracker<ApplianceStatus, ApplianceStatus> t = new ServiceTracker<>(context, ApplianceStatus.class, null);
        t.open();
        try {
            ApplianceStatus s = t.waitForService(10_000);
            assertNotNull(s, "ApplianceStatus within 10 s");
            return s;
        } finally {
            t.close();
        }
    }

    /** The bundle's own content as a new jar (its location may not be a readable URL, e.g. jar/x.jar). */
    private static InputStream copyOf(Bundle bundle) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Manifest manifest;
        try (InputStream in = bundle.getEntry("META-INF/MANIFEST.MF").openStream()) {
            manifest = new Manifest(in);
        }
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            Enumeration<URL> entries = bundle.findEntries("/", "*", true);
            while (entries != null && entries.hasMoreElements()) {
                URL url = entries.nextElement();
                String path = url.getPath().substring(1);
                if (path.endsWith("/") || path.equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                jar.putNextEntry(new JarEntry(path));
                try (InputStream in = url.openStream()) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
