package org.calpe.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.calpe.appliance.api.ApplianceStatus;
import org.calpe.appliance.api.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.event.EventAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** The appliance as a whole: bundles, platform services, the Web Console, the appliance status. */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class RuntimeIT {
    private static final Set<String> CALPE_BUNDLES = Set.of("org.calpe.config.api", "org.calpe.config.keepalived",
            "org.calpe.config.media", "org.calpe.appliance", "org.calpe.shell");
    private static final String SERVLET_RUNTIME = "org.osgi.service.servlet.runtime.HttpServiceRuntime";
    private static final long WAIT_MS = 15_000;

    @InjectBundleContext
    BundleContext context;

    @Test
    void everyBundleIsActiveAndEveryFragmentResolved() {
        List<String> wrong = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (b.getState() != expected) {
                wrong.add(b.getSymbolicName() + " state " + b.getState());
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyCalpeBundleIsInstalled() {
        List<String> found = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (CALPE_BUNDLES.contains(b.getSymbolicName())) {
                found.add(b.getSymbolicName());
                assertTrue(b.getLocation().startsWith("jar/") || b.getLocation().startsWith("reference:")
                        || b.getLocation().startsWith("file:"), b.getLocation());
            }
        }
        assertEquals(CALPE_BUNDLES, Set.copyOf(found));
    }

    @Test
    void platformServicesArePresent(@InjectService(timeout = WAIT_MS) ConfigurationAdmin configAdmin,
            @InjectService(timeout = WAIT_MS) ServiceComponentRuntime scr,
            @InjectService(timeout = WAIT_MS) EventAdmin eventAdmin) {
        assertNotNull(configAdmin);
        assertNotNull(scr);
        assertNotNull(eventAdmin);
        assertNotNull(context.getServiceReference("org.osgi.service.metatype.MetaTypeService"), "MetaType");
        assertNotNull(context.getServiceReference("org.apache.felix.service.command.CommandProcessor"), "Gogo");
    }

    @Test
    void noCalpeComponentIsBrokenOrMissingAService(@InjectService(timeout = WAIT_MS) ServiceComponentRuntime scr) {
        List<String> broken = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!d.bundle.symbolicName.startsWith("org.calpe.") || !scr.isComponentEnabled(d)) {
                continue;
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION
                        || c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    broken.add(d.name + " state " + c.state + (c.failure == null ? "" : ": " + c.failure));
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void applianceStatusDescribesThisHost(@InjectService(timeout = WAIT_MS) ApplianceStatus status)
            throws IOException {
        assertEquals(Role.ALL, status.role());
        assertTrue(status.stateDirectory().isAbsolute(), status.stateDirectory().toString());
        assertEquals(Files.exists(Path.of("/proc/net/ip_vs")), status.capabilities().kernelIpvs());
        String uidLine = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
        assertEquals(uidLine.split("\\s+")[2].equals("0"), status.capabilities().root());
        assertTrue(status.summary().startsWith("Calpe runtime: role all, uid "), status.summary());
    }

    @Test
    void webConsoleListensOnLoopbackOnly() throws Exception {
        URI endpoint = consoleEndpoint();
        assertEquals("127.0.0.1", endpoint.getHost());
    }

    @Test
    void webConsoleWantsCredentials() throws Exception {
        URI bundles = consoleEndpoint().resolve("system/console/bundles");
        assertEquals(200, waitForConsole(bundles, "admin:admin"));
        assertEquals(401, get(bundles, null));
        assertEquals(401, get(bundles, "admin:wrong"));
        assertEquals(200, get(consoleEndpoint().resolve("system/console/components"), "admin:admin"));
    }

    /** The Jakarta servlet runtime's endpoint, e.g. http://127.0.0.1:39211/ (the tests use port 0). */
    private URI consoleEndpoint() throws InterruptedException, InvalidSyntaxException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            ServiceReference<?>[] refs = context.getServiceReferences(SERVLET_RUNTIME, null);
            if (refs != null) {
                for (ServiceReference<?> ref : refs) {
                    Object ep = ref.getProperty("osgi.http.endpoint");
                    String first = ep instanceof String[] ? ((String[]) ep)[0]
                            : ep instanceof java.util.Collection ? String.valueOf(((java.util.Collection<?>) ep).iterator().next())
                            : (String) ep;
                    if (first != null && !first.matches(".*:0/?$")) {
                        return URI.create(first.endsWith("/") ? first : first + "/");
                    }
                }
            }
            Thread.sleep(100);
        }
        return fail("no " + SERVLET_RUNTIME + " with an endpoint within " + WAIT_MS + " ms");
    }

    /** The console registers after the HTTP runtime; wait (bounded) until it stops answering 404/503. */
    private int waitForConsole(URI uri, String credentials) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        int code = -1;
        while (System.currentTimeMillis() < deadline) {
            try {
                code = get(uri, credentials);
                if (code != 404 && code != 503) {
                    return code;
                }
            } catch (IOException e) {
                code = -1;
            }
            Thread.sleep(100);
        }
        return code;
    }

    private static int get(URI uri, String credentials) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        c.setInstanceFollowRedirects(false);
        if (credentials != null) {
            c.setRequestProperty("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }
}
