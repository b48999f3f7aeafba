package org.calpe.itest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.calpe.config.api.ConfigMedia;
import org.calpe.config.api.ConfigTopics;
import org.calpe.config.api.MediaStatus;
import org.calpe.config.api.SnapshotInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.event.Event;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** The config media in a real Felix: keepalived.conf → Config Admin, reloads, bad edits, lost media, rollback. */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class MediaIT {
    static final String VI_1 = "org.calpe.vrrp.Instance~VI_1";
    static final String VI_2 = "org.calpe.vrrp.Instance~VI_2";
    static final String VS = "org.calpe.lvs.VirtualServer~198.18.0.10_80_TCP";
    static final String RS = "org.calpe.lvs.RealServer~198.18.0.10_80_TCP__198.18.1.1_8080";
    static final String HTTP = "org.calpe.check.HttpGet~198.18.0.10_80_TCP__198.18.1.1_8080__HTTP_GET_0";

    @InjectBundleContext
    BundleContext context;
    @InjectService(timeout = MediaFixture.WAIT_MS)
    ConfigurationAdmin cm;

    MediaFixture media;

    static String conf(int priority1, String prefix) {
        return prefix + """
                global_defs {
                    router_id calpe_it
                }

                vrrp_instance VI_1 {
                    state BACKUP
                    interface calpe-it0
                    virtual_router_id 51
                    priority %d
                    advert_int 1
                    virtual_ipaddress {
                        198.18.0.1/24
                    }
                }

                include instances/*.conf

                virtual_server 198.18.0.10 80 {
                    delay_loop 6
                    lvs_sched rr
                    lvs_method NAT
                    protocol TCP
                    real_server 198.18.1.1 8080 {
                        weight 1
                        HTTP_GET {
                            url {
                                path /health
                                status_code 200
                            }
                            connect_timeout 3
                        }
                    }
                }
                """.formatted(priority1);
    }

    static final String VI_2_CONF = """
            vrrp_instance VI_2 {
                state BACKUP
                interface calpe-it0
                virtual_router_id 52
                priority 100
                advert_int 1
                virtual_ipaddress {
                    198.18.0.2/24
                }
            }
            """;

    @BeforeEach
    void start() throws Exception {
        media = new MediaFixture(context, cm);
        media.write("keepalived.conf", conf(100, ""));
        media.write("instances/vi2.conf", VI_2_CONF);
        media.start();
    }

    @AfterEach
    void stop() throws Exception {
        media.close();
    }

    @AfterAll
    static void backToDefaults(@InjectService(timeout = MediaFixture.WAIT_MS) ConfigurationAdmin cm)
            throws Exception {
        Configuration[] c = cm.listConfigurations("(service.pid=" + MediaFixture.MEDIA_PID + ")");
        if (c != null) {
            c[0].delete();
        }
        // leave the media component settled on its default media for the next test classes
        BundleContext ctx = org.osgi.framework.FrameworkUtil.getBundle(MediaIT.class).getBundleContext();
        MediaFixture.waitFor("media component back on its default media", () -> {
            var ref = ctx.getServiceReference(ConfigMedia.class);
            ConfigMedia m = ref == null ? null : ctx.getService(ref);
            return m != null && !m.status().origin().startsWith("configuration")
                    && m.status().state() != MediaStatus.State.STARTING;
        });
    }

    private Map<String, Object> props(String pid) throws Exception {
        Configuration[] c = media.list("(service.pid=" + pid + ")");
        assertEquals(1, c.length, pid + " in " + media.changeCounts().keySet());
        Map<String, Object> m = new HashMap<>();
        var d = c[0].getProperties();
        for (var k = d.keys(); k.hasMoreElements();) {
            String key = k.nextElement();
            m.put(key, d.get(key));
        }
        return m;
    }

    @Test
    void mediaBecomesConfigAdminConfigurations() throws Exception {
        Map<String, Object> vi1 = props(VI_1);
        assertEquals("org.calpe.vrrp.Instance", vi1.get("service.factoryPid"));
        assertEquals(100, vi1.get("priority"));
        assertEquals(51, vi1.get("virtual_router_id"));
        assertEquals("calpe-it0", vi1.get("interface"));
        assertArrayEquals(new String[] {"198.18.0.1/24"}, (String[]) vi1.get("virtual_ipaddress"));
        assertTrue(((String) vi1.get("calpe.source")).endsWith("keepalived.conf:5"), (String) vi1.get("calpe.source"));
        assertTrue(((String) props(VI_2).get("calpe.source")).endsWith("vi2.conf:1"));
        assertEquals("calpe_it", props("org.calpe.Global").get("router_id"));
        assertEquals("rr", props(VS).get("lvs_sched"));
        assertTrue(props(VS).get("delay_loop") instanceof Number, String.valueOf(props(VS).get("delay_loop")));
        assertEquals(VS, props(RS).get("calpe.virtual_server"));
        Map<String, Object> http = props(HTTP);
        assertEquals(RS, http.get("calpe.real_server"));
        assertEquals(1, ((String[]) http.get("url")).length);
        String[] urls = (String[]) http.get("url");
        assertTrue(urls[0].contains("path /health"), Arrays.toString(urls));
        assertEquals(6, media.changeCounts().size(), media.changeCounts().toString());

        MediaStatus s = media.media().status();
        assertTrue(s.watched().contains(media.dir.resolve("instances/vi2.conf").toString()), s.watched().toString());
        assertEquals(1, media.media().snapshots().size());
        assertTrue(Files.isRegularFile(media.dir.resolve("snapshots").resolve(s.lastSnapshot())
                .resolve("instances/vi2.conf")));
    }

    /** SIGHUP: the appliance posts RELOAD_REQUESTED and the media is re-read at once, changed or not. */
    @Test
    void reloadRequestReReadsTheMedia(@InjectService(timeout = MediaFixture.WAIT_MS) org.osgi.service.event.EventAdmin ea)
            throws Exception {
        int applied = media.topicEvents(ConfigTopics.APPLIED).size();
        Map<String, Long> before = media.changeCounts();
        ea.postEvent(new Event(ConfigTopics.RELOAD_REQUESTED, Map.of("signal", "HUP")));
        media.awaitEvent(ConfigTopics.APPLIED, applied);
        assertEquals(before, media.changeCounts(), "an unchanged file changes no configuration");
    }

    @Test
    void webConsoleStatusPageShowsTheMedia() throws Exception {
        String endpoint = null;
        long deadline = System.currentTimeMillis() + MediaFixture.WAIT_MS;
        while (endpoint == null && System.currentTimeMillis() < deadline) {
            var refs = context.getServiceReferences("org.osgi.service.servlet.runtime.HttpServiceRuntime", null);
            if (refs != null) {
                Object ep = refs[0].getProperty("osgi.http.endpoint");
                String first = ep instanceof String[] a ? a[0]
                        : ep instanceof java.util.Collection<?> c ? String.valueOf(c.iterator().next()) : (String) ep;
                endpoint = first != null && !first.matches(".*:0/?$") ? first : null;
            }
            Thread.sleep(100);
        }
        assertNotNull(endpoint, "servlet runtime endpoint");
        java.net.URI page = java.net.URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/")
                .resolve("system/console/status-calpe-media.txt");
        String[] body = {""};
        MediaFixture.waitFor("console status page " + page, () -> {
            try {
                var c = (java.net.HttpURLConnection) page.toURL().openConnection();
                c.setRequestProperty("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString("admin:admin".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                if (c.getResponseCode() != 200) {
                    return false;
                }
                try (var in = c.getInputStream()) {
                    body[0] = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
                return body[0].contains(media.dir.toString());
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertTrue(body[0].contains("State:    OK"), body[0]);
    }

    @Test
    void factoryPidsHaveMetatypeWithANameHint(@InjectService(timeout = MediaFixture.WAIT_MS) MetaTypeService mts) {
        Bundle keepalived = Arrays.stream(context.getBundles())
                .filter(b -> "org.calpe.config.keepalived".equals(b.getSymbolicName())).findFirst().orElseThrow();
        MetaTypeInformation info = mts.getMetaTypeInformation(keepalived);
        List<String> factoryPids = Arrays.asList(info.getFactoryPids());
        for (String f : List.of("org.calpe.vrrp.Instance", "org.calpe.vrrp.SyncGroup", "org.calpe.vrrp.Script",
                "org.calpe.lvs.VirtualServer", "org.calpe.lvs.RealServer", "org.calpe.check.HttpGet",
                "org.calpe.check.Bfd")) {
            assertTrue(factoryPids.contains(f), f + " in " + factoryPids);
            ObjectClassDefinition ocd = info.getObjectClassDefinition(f, null);
            assertTrue(Arrays.stream(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL))
                    .anyMatch(ad -> ad.getID().equals("webconsole.configurationFactory.nameHint")
                            && "{calpe.label}".equals(ad.getDefaultValue()[0])), f);
        }
    }

    @Test
    void reloadTouchingOneInstanceUpdatesOnlyItsConfiguration() throws Exception {
        Map<String, Long> before = media.changeCounts();
        media.cmEvents.clear();
        int applied = media.topicEvents(ConfigTopics.APPLIED).size();
        // VI_1's priority changes, and a comment shifts every line below it: only VI_1 may change
        media.write("keepalived.conf", conf(150, "# edited\n# twice\n"));
        Event e = media.awaitEvent(ConfigTopics.APPLIED, applied);
        assertArrayEquals(new String[] {VI_1}, (String[]) e.getProperty(ConfigTopics.PROP_CHANGED));
        assertArrayEquals(new String[0], (String[]) e.getProperty(ConfigTopics.PROP_DELETED));
        Map<String, Long> after = media.changeCounts();
        assertEquals(before.keySet(), after.keySet());
        for (String pid : before.keySet()) {
            long expected = before.get(pid) + (pid.equals(VI_1) ? 1 : 0);
            assertEquals(expected, after.get(pid), pid);
        }
        assertEquals(150, props(VI_1).get("priority"));
        MediaFixture.waitFor("Config Admin event for VI_1", () -> !media.cmEvents.isEmpty());
        Thread.sleep(300);
        assertEquals(List.of(VI_1 + " " + ConfigurationEvent.CM_UPDATED), media.cmEvents.stream()
                .map(ev -> ev.getPid() + " " + ev.getType()).toList());

        // an included file's object vanishes: only its configuration is deleted
        media.write("instances/vi2.conf", "# VI_2 retired\n");
        Event e2 = media.awaitEvent(ConfigTopics.APPLIED, applied + 1);
        assertArrayEquals(new String[] {VI_2}, (String[]) e2.getProperty(ConfigTopics.PROP_DELETED));
        assertEquals(0, media.list("(service.pid=" + VI_2 + ")").length);
    }

    @Test
    void invalidEditChangesNothing() throws Exception {
        Map<String, Long> before = media.changeCounts();
        media.write("keepalived.conf", conf(300, ""));
        Event e = media.awaitEvent(ConfigTopics.REJECTED, 0);
        String[] diags = (String[]) e.getProperty(ConfigTopics.PROP_DIAGNOSTICS);
        assertTrue(Arrays.stream(diags).anyMatch(d -> d.contains("keepalived.conf:9")), Arrays.toString(diags));
        assertEquals(before, media.changeCounts());
        MediaStatus s = media.media().status();
        assertEquals(MediaStatus.State.REJECTED, s.state());
        assertTrue(s.message().contains("last good configuration"), s.message());
        assertEquals(100, props(VI_1).get("priority"));
        assertEquals(1, media.media().snapshots().size(), "a rejected file is not snapshotted");
    }

    @Test
    void mediaRemovedAndRestored() throws Exception {
        Map<String, Long> before = media.changeCounts();
        Path away = media.dir.resolveSibling(media.dir.getFileName() + "-unplugged");
        Files.move(media.dir, away);
        try {
            media.awaitEvent(ConfigTopics.MEDIA_LOST, 0);
            assertEquals(MediaStatus.State.LOST, media.media().status().state());
            assertTrue(media.media().status().message().contains("last good configuration"));
            assertEquals(before, media.changeCounts(), "configurations stay while the media is away");
        } finally {
            Files.move(away, media.dir);
        }
        media.awaitEvent(ConfigTopics.MEDIA_RESTORED, 0);
        MediaFixture.waitFor("state OK", () -> media.media().status().state() == MediaStatus.State.OK);
        assertEquals(before, media.changeCounts(), "the same file brings back the same configurations");
        int applied = media.topicEvents(ConfigTopics.APPLIED).size();
        media.write("keepalived.conf", conf(120, ""));
        media.awaitEvent(ConfigTopics.APPLIED, applied);
        assertEquals(120, props(VI_1).get("priority"));
    }

    @Test
    void rollbackRestoresASnapshot() throws Exception {
        ConfigMedia m = media.media();
        String first = m.status().lastSnapshot();
        int applied = media.topicEvents(ConfigTopics.APPLIED).size();
        media.write("keepalived.conf", conf(180, ""));
        media.awaitEvent(ConfigTopics.APPLIED, applied);
        assertEquals(180, props(VI_1).get("priority"));
        var outcome = m.rollback(first);
        assertTrue(outcome.applied(), outcome.message());
        assertEquals(100, props(VI_1).get("priority"));
        assertEquals(conf(100, ""), Files.readString(media.dir.resolve("keepalived.conf")));
        List<SnapshotInfo> snaps = m.snapshots();
        assertTrue(snaps.size() >= 3, snaps.toString());
    }

    @Test
    void droppedJarInstallsAndANewerOneReplacesIt() throws Exception {
        String bsn = "org.calpe.itest.dropped";
        Path drop = media.dir.resolve("bundles");
        try {
            TestBundles.write(drop, "dropped-1.0.0.jar", bsn, "1.0.0");
            media.awaitEvent(ConfigTopics.BUNDLE_DEPLOYED, 0);
            assertEquals(1, bundles(bsn).size());
            Bundle b = bundles(bsn).get(0);
            assertEquals(Bundle.ACTIVE, b.getState());
            assertEquals("1.0.0", b.getVersion().toString());
            java.util.concurrent.atomic.AtomicInteger starts = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger stops = new java.util.concurrent.atomic.AtomicInteger();
            List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            org.osgi.framework.SynchronousBundleListener restarts = e -> {
                if (e.getBundle().getBundleId() == b.getBundleId()) {
                    seen.add(e.getType() + "@" + Thread.currentThread().getName());
                    if (e.getType() == org.osgi.framework.BundleEvent.STARTED) {
                        starts.incrementAndGet();
                    } else if (e.getType() == org.osgi.framework.BundleEvent.STOPPED) {
                        stops.incrementAndGet();
                    }
                }
            };
            context.addBundleListener(restarts);
            TestBundles.write(drop, "dropped-1.1.0.jar", bsn, "1.1.0");
            // the event comes after the update and its refresh have finished
            Event updated = media.awaitEvent(ConfigTopics.BUNDLE_DEPLOYED, 1);
            context.removeBundleListener(restarts); // (synchronous: every restart of the update is counted)
            // update() restarts an active bundle and the refresh would restart it once more: one restart only
            assertEquals(1, stops.get(), "stopped more than once by one update: " + seen);
            assertEquals(1, starts.get(), "started more than once by one update: " + seen);
            assertTrue(b.adapt(org.osgi.framework.startlevel.BundleStartLevel.class).isPersistentlyStarted(),
                    "the update left the bundle not persistently started");
            assertEquals("UPDATE", updated.getProperty("action"));
            assertEquals("1.1.0", updated.getProperty("version"));
            assertEquals(1, bundles(bsn).size(), "never two versions side by side");
            assertEquals(b.getBundleId(), bundles(bsn).get(0).getBundleId(), "updated in place");
            MediaFixture.waitFor("1.1.0 active", () -> b.getState() == Bundle.ACTIVE);
            assertEquals("1.1.0", b.getVersion().toString());
            assertNotNull(b.getEntry("calpe-test/version.txt"));
            // an older jar never downgrades
            TestBundles.write(drop, "dropped-0.9.0.jar", bsn, "0.9.0");
            Files.delete(drop.resolve("dropped-1.1.0.jar"));
            Thread.sleep(1000);
            assertEquals("1.1.0", b.getVersion().toString());
            assertEquals(2, media.topicEvents(ConfigTopics.BUNDLE_DEPLOYED).size());
        } finally {
            try (var jars = Files.list(drop)) {
                for (Path j : jars.toList()) {
                    Files.delete(j);
                }
            }
            for (Bundle b : bundles(bsn)) {
                uninstall(b);
            }
        }
    }

    /** Uninstalls, retrying (bounded) while the framework is busy refreshing. */
    private static void uninstall(Bundle b) throws Exception {
        for (int attempt = 0;; attempt++) {
            try {
                b.uninstall();
                return;
            } catch (IllegalStateException | org.osgi.framework.BundleException e) {
                if (b.getState() == Bundle.UNINSTALLED) {
                    return;
                }
                if (attempt >= 20) {
                    throw e;
                }
                Thread.interrupted();
                Thread.sleep(250);
            }
        }
    }

    private List<Bundle> bundles(String bsn) {
        return Arrays.stream(context.getBundles()).filter(b -> bsn.equals(b.getSymbolicName())).toList();
    }

}
