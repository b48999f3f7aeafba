package org.calpe.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.calpe.check.api.CheckStatus;
import org.calpe.check.api.CheckTopics;
import org.calpe.check.api.RealServerState;
import org.calpe.check.api.dto.RealServerStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The check engine (org.calpe.lvs) in a real Felix: real servers configured through Config Admin, checked by the
 * real TCP_CHECK against a listener on 127.0.0.1. The TCP_CHECK bundle is updated while checks run (no state
 * change), then uninstalled (CHECKER_UNAVAILABLE, servers stay up), reinstalled (CHECKER_AVAILABLE), and finally
 * the listener is closed (servers go DOWN after their retries).
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class CheckEngineIT {
    private static final String TCP_BSN = "org.calpe.check.tcp";
    private static final long WAIT_MS = 20_000;
    private static final long S = 1_000_000L;

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = WAIT_MS)
    ConfigurationAdmin cm;

    @InjectService(timeout = WAIT_MS)
    CheckStatus status;

    @InjectService(timeout = WAIT_MS)
    CommandProcessor gogo;

    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    private final List<Configuration> configs = new ArrayList<>();
    private ServiceRegistration<EventHandler> handler;
    private ServerSocket listener;
    private byte[] tcpBundleBytes;

    @Test
    void tcpCheckerHotSwapKeepsStateThenListenerLossTakesServersDown() throws Exception {
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = listener.getLocalPort();
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    // TCP_CHECK only connects and closes
                } catch (IOException e) {
                    return;
                }
            }
        }, "check-engine-it-listener");
        acceptor.setDaemon(true);
        acceptor.start();
        String rs1 = "[127.0.0.1]:tcp:" + port;
        String rs2 = "[127.0.0.1]:tcp:" + (port == 65535 ? 1 : port + 1);

        Hashtable<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, CheckTopics.ALL);
        handler = context.registerService(EventHandler.class, e -> {
            Object rs = e.getProperty(CheckTopics.PROP_REAL_SERVER);
            if (rs1.equals(rs) || rs2.equals(rs)) {
                events.add(e);
            }
        }, topics);

        Configuration engine = cm.getConfiguration("org.calpe.lvs.CheckEngine", "?");
        engine.update(dict("checker_grace_period", 3000L, "settle_delay", 100L));
        configs.add(engine);

        Configuration vs = factory("org.calpe.lvs.VirtualServer", dict("calpe.address", "127.0.0.10",
                "calpe.port", 80, "protocol", "TCP", "delay_loop", S, "warmup", 0L));
        String vsPid = vs.getPid();
        for (int i = 0; i < 2; i++) {
            Configuration rs = factory("org.calpe.lvs.RealServer", dict("calpe.address", "127.0.0.1", "calpe.port",
                    i == 0 ? port : (port == 65535 ? 1 : port + 1), "calpe.virtual_server", vsPid, "weight", 1L));
            factory("org.calpe.check.Tcp", dict("calpe.checker", "TCP_CHECK", "calpe.index", 0,
                    "calpe.real_server", rs.getPid(), "calpe.virtual_server", vsPid, "connect_port", (long) port,
                    "connect_timeout", S, "retry", 1L, "delay_before_retry", 500_000L));
        }

        await(() -> mine().size() == 2 && mine().stream().allMatch(this::upAndChecked), "both real servers checked");
        assertEquals(List.of(), topics(CheckTopics.REAL_SERVER_DOWN));

        // 1. update TCP_CHECK in place while checks run
        Bundle tcp = tcpBundle().orElseThrow();
        tcpBundleBytes = copyOf(tcp);
        Instant beforeUpdate = lastCheck();
        tcp.update(new ByteArrayInputStream(tcpBundleBytes));
        assertEquals(Bundle.ACTIVE, tcp.getState());
        await(() -> lastCheck().isAfter(beforeUpdate.plusSeconds(2)), "checks continue after the update");
        assertTrue(mine().stream().allMatch(s -> s.state() == RealServerState.UP), mine().toString());
        assertEquals(List.of(), topics(CheckTopics.REAL_SERVER_DOWN), "no DOWN across the update");
        assertEquals(List.of(), topics(CheckTopics.CHECKER_DOWN));
        assertEquals(List.of(), topics(CheckTopics.CHECKER_UNAVAILABLE), "back within the grace period");

        // 2. uninstall it: checks suspended, UNAVAILABLE after the grace period, servers not down
        tcp.uninstall();
        await(() -> topics(CheckTopics.CHECKER_UNAVAILABLE).size() == 2, "CHECKER_UNAVAILABLE for both checks");
        assertTrue(mine().stream().allMatch(s -> s.state() == RealServerState.UP), mine().toString());
        assertTrue(mine().stream().allMatch(s -> !s.checkers().get(0).available()));
        Thread.sleep(2_000);
        assertEquals(List.of(), topics(CheckTopics.REAL_SERVER_DOWN), "never down for a missing checker");

        // 3. reinstall: AVAILABLE, checks resume
        Instant beforeReinstall = lastCheck();
        reinstallTcp();
        await(() -> topics(CheckTopics.CHECKER_AVAILABLE).size() == 2, "CHECKER_AVAILABLE for both checks");
        await(() -> lastCheck().isAfter(beforeReinstall), "checks resume");

        // the Gogo view
        String shell = gogo("calpe:checks") + gogo("calpe:checklag");
        assertTrue(shell.contains("[127.0.0.10]:tcp:80  " + rs1 + "  UP  weight 1"), shell);
        assertTrue(shell.contains("    TCP_CHECK " + rs1 + "  UP  failures 0  last SUCCESS"), shell);
        assertTrue(shell.contains("checks="), shell);

        // 4. the listener dies: DOWN after retry 1
        listener.close();
        await(() -> topics(CheckTopics.REAL_SERVER_DOWN).size() == 2, "both real servers DOWN");
        assertTrue(mine().stream().allMatch(s -> s.state() == RealServerState.DOWN), mine().toString());
        assertEquals(2, topics(CheckTopics.CHECKER_DOWN).size());
        assertEquals("REFUSED", topics(CheckTopics.CHECKER_DOWN).get(0).getProperty(CheckTopics.PROP_CAUSE));
        assertEquals("[127.0.0.10]:tcp:80",
                topics(CheckTopics.REAL_SERVER_DOWN).get(0).getProperty(CheckTopics.PROP_VIRTUAL_SERVER));
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (handler != null) {
            handler.unregister();
        }
        if (listener != null) {
            listener.close();
        }
        for (Configuration c : configs) {
            try {
                c.delete();
            } catch (IllegalStateException e) {
                // already deleted
            }
        }
        if (tcpBundle().isEmpty() && tcpBundleBytes != null) {
            reinstallTcp(); // other tests expect the appliance complete
        }
    }

    private String gogo(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (CommandSession s = gogo.createSession(new ByteArrayInputStream(new byte[0]), ps, ps)) {
            s.execute(command);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private void reinstallTcp() throws Exception {
        Bundle b = context.installBundle("reinstalled:" + TCP_BSN + ":" + System.nanoTime(),
                new ByteArrayInputStream(tcpBundleBytes));
        b.start();
    }

    private Optional<Bundle> tcpBundle() {
        return Arrays.stream(context.getBundles()).filter(b -> TCP_BSN.equals(b.getSymbolicName()))
                .filter(b -> b.getState() != Bundle.UNINSTALLED).findFirst();
    }

    private Configuration factory(String factoryPid, Dictionary<String, Object> props) throws IOException {
        Configuration c = cm.createFactoryConfiguration(factoryPid, "?");
        c.update(props);
        configs.add(c);
        return c;
    }

    private List<RealServerStatus> mine() {
        return status.realServers().stream().filter(s -> s.virtualServer().equals("[127.0.0.10]:tcp:80")).toList();
    }

    private boolean upAndChecked(RealServerStatus s) {
        return s.state() == RealServerState.UP && s.checkers().get(0).lastResult().map(r -> r.isSuccess())
                .orElse(false);
    }

    private Instant lastCheck() {
        return mine().stream().map(s -> s.checkers().get(0).lastCheck()).min(Instant::compareTo)
                .orElse(Instant.EPOCH);
    }

    private List<Event> topics(String topic) {
        synchronized (events) {
            return events.stream().filter(e -> e.getTopic().equals(topic)).toList();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(100);
        }
    }

    private static Dictionary<String, Object> dict(Object... kv) {
        Hashtable<String, Object> d = new Hashtable<>();
        for (int i = 0; i < kv.length; i += 2) {
            d.put((String) kv[i], kv[i + 1]);
        }
        return d;
    }

    /** The bundle's own content as a new jar (its location may not be a readable URL, e.g. jar/x.jar). */
    private static byte[] copyOf(Bundle bundle) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Manifest manifest;
        URL mf = bundle.getEntry("META-INF/MANIFEST.MF");
        assertNotNull(mf);
        try (InputStream in = mf.openStream()) {
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
        return bytes.toByteArray();
    }
}
