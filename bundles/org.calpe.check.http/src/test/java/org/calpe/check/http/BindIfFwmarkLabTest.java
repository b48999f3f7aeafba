package org.calpe.check.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.CheckTarget;
import org.calpe.check.api.Checker;
import org.calpe.check.api.FailureCause;
import org.calpe.check.api.Verdict;
import org.calpe.check.tcp.TcpChecker;
import org.calpe.net.api.NetNamespace;
import org.calpe.net.linux.LinuxSocketTuning;
import org.calpe.net.linux.NamespaceRunner;
import org.calpe.net.linux.Posix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

/**
 * Lab test (root), end to end: TCP_CHECK and HTTP_GET with {@code bind_if} and {@code fwmark} through the checker
 * classes and the Linux {@code SocketTuning}, checks started from namespace A.
 * <ul>
 * <li>A {@code va} 198.18.1.1/24 — B {@code vb} 198.18.1.2/24: B listens on every address (a small HTTP server);
 * <li>A {@code vc} 198.18.2.1/24 — C {@code vd} 198.18.2.2/24, and C also owns 198.18.1.2 but listens nowhere; A
 * routes 198.18.1.0/24 through {@code vc} too, at a worse metric: {@code bind_if vc} reaches C and is refused;
 * <li>B owns 198.18.9.1 (lo); A reaches it only through table 100 ({@code via 198.18.1.2 dev va}), selected by
 * {@code ip rule add fwmark 42 table 100}: without the mark there is no route.
 * </ul>
 */
class BindIfFwmarkLabTest {
    private static final int MARK = 42;
    private static final String RESPONSE = "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private static final List<String> namespaces = new ArrayList<>();
    private static final List<String> requests = new CopyOnWriteArrayList<>();
    private static String a;
    private static NamespaceRunner runner;
    private static ServerSocketChannel server;
    private static int port;
    private static IoEventLoopGroup group;
    private static Checker tcp;
    private static Checker http;

    @BeforeAll
    static void setUp() throws IOException {
        String prefix = "calpe-bif-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
        a = prefix + "-a";
        String b = prefix + "-b";
        String c = prefix + "-c";
        for (String ns : List.of(a, b, c)) {
            run("ip", "netns", "add", ns);
            namespaces.add(ns);
            run("ip", "-n", ns, "link", "set", "lo", "up");
        }
        run("ip", "-n", a, "link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", b);
        run("ip", "-n", a, "link", "add", "vc", "type", "veth", "peer", "name", "vd", "netns", c);
        run("ip", "-n", a, "addr", "add", "198.18.1.1/24", "dev", "va");
        run("ip", "-n", b, "addr", "add", "198.18.1.2/24", "dev", "vb");
        run("ip", "-n", a, "addr", "add", "198.18.2.1/24", "dev", "vc");
        run("ip", "-n", c, "addr", "add", "198.18.2.2/24", "dev", "vd");
        run("ip", "-n", c, "addr", "add", "198.18.1.2/32", "dev", "vd");
        run("ip", "-n", b, "addr", "add", "198.18.9.1/32", "dev", "lo");
        for (String[] link : new String[][] {{a, "va"}, {b, "vb"}, {a, "vc"}, {c, "vd"}}) {
            run("ip", "-n", link[0], "link", "set", link[1], "up");
        }
        run("ip", "-n", a, "route", "add", "198.18.1.0/24", "dev", "vc", "metric", "200");
        run("ip", "-n", a, "route", "add", "198.18.9.0/24", "via", "198.18.1.2", "dev", "va", "table", "100");
        run("ip", "-n", a, "rule", "add", "fwmark", String.valueOf(MARK), "table", "100");

        runner = new NamespaceRunner(new Posix());
        server = runner.call(NetNamespace.named(b),
                () -> ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0)));
        port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        Thread acceptor = new Thread(BindIfFwmarkLabTest::serve, "lab-http");
        acceptor.setDaemon(true);
        acceptor.start();

        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        LinuxSocketTuning tuning = new LinuxSocketTuning();
        tcp = new TcpChecker(group, tuning);
        http = new HttpGetChecker(group, tuning);
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (server != null) {
            server.close();
        }
        for (String ns : namespaces) {
            try {
                run("ip", "netns", "del", ns);
            } catch (IOException e) {
                System.err.println("cleanup of namespace " + ns + " failed: " + e.getMessage());
            }
        }
    }

    /** B's HTTP server: reads a request head (a TCP_CHECK sends none and closes), answers 200 "ok", closes. */
    private static void serve() {
        while (server.isOpen()) {
            try (Socket s = server.accept().socket()) {
                s.setSoTimeout(2000);
                InputStream in = s.getInputStream();
                StringBuilder head = new StringBuilder();
                int ch;
                while (!head.toString().endsWith("\r\n\r\n") && (ch = in.read()) >= 0) {
                    head.append((char) ch);
                }
                if (head.length() > 0) {
                    requests.add(head.toString());
                    OutputStream out = s.getOutputStream();
                    out.write(RESPONSE.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (SocketTimeoutException e) {
                // a client that sent nothing
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
            }
        }
    }

    private static CheckTarget target(String address, String bindIf, int fwmark) throws IOException {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(address), port);
        return new CheckTarget(CheckTarget.formatName(to), to, null, 0, bindIf, fwmark, Duration.ofSeconds(3),
                Map.of("url", List.of("path /lab status_code 200")));
    }

    /** Starts the check on a thread in namespace A (where its socket is created) and waits for the result. */
    private static CheckResult check(Checker checker, CheckTarget target) throws Exception {
        CompletionStage<CheckResult> stage = runner.call(NetNamespace.named(a), () -> checker.check(target));
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static void passes(CheckResult r) {
        assertEquals(Verdict.SUCCESS, r.verdict(), r.reason());
    }

    private static void fails(CheckResult r, FailureCause cause) {
        assertEquals(Verdict.FAILURE, r.verdict(), r.reason());
        assertEquals(cause, r.cause(), r.reason());
    }

    @Test
    void tcpCheckBindIf() throws Exception {
        passes(check(tcp, target("198.18.1.2", "", 0)));
        passes(check(tcp, target("198.18.1.2", "va", 0)));
        fails(check(tcp, target("198.18.1.2", "vc", 0)), FailureCause.REFUSED);
        passes(check(tcp, target("198.18.1.2", "va", 0).withBind(InetAddress.getByName("198.18.1.1"), 0)));
        CheckResult r = check(tcp, target("198.18.1.2", "calpe-nosuch", 0));
        assertEquals(Verdict.ERROR, r.verdict());
        assertEquals("Checker can't bind to device calpe-nosuch: No such device (errno 19)", r.reason());
    }

    @Test
    void tcpCheckFwmark() throws Exception {
        passes(check(tcp, target("198.18.9.1", "", MARK)));
        fails(check(tcp, target("198.18.9.1", "", 0)), FailureCause.UNREACHABLE);
        fails(check(tcp, target("198.18.9.1", "", MARK + 1)), FailureCause.UNREACHABLE);
        passes(check(tcp, target("198.18.9.1", "va", MARK)));
    }

    @Test
    void httpGetBindIfAndFwmark() throws Exception {
        int before = requests.size();
        passes(check(http, target("198.18.1.2", "va", 0)));
        assertEquals(before + 1, requests.size());
        assertTrue(requests.get(before).startsWith("GET /lab HTTP/1.0\r\n"), requests.get(before));
        assertEquals(Verdict.FAILURE, check(http, target("198.18.1.2", "vc", 0)).verdict());
        passes(check(http, target("198.18.9.1", "", MARK)));
        assertEquals(Verdict.FAILURE, check(http, target("198.18.9.1", "", 0)).verdict());
        CheckResult r = check(http, target("198.18.1.2", "calpe-nosuch", MARK));
        assertEquals(Verdict.ERROR, r.verdict());
        assertEquals("Checker can't bind to device calpe-nosuch: No such device (errno 19)", r.reason());
        assertEquals(before + 2, requests.size(), "only the two reachable checks reached B");
    }

    /** Runs a setup command (bounded to 20 s); fails on a non-zero exit. */
    private static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command));
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": "
                    + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
