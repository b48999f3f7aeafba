package org.calpe.net.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.calpe.net.api.NetNamespace;

/**
 * Test lab: two network namespaces joined by a veth pair ({@code va} in A, {@code vb} in B), with lab
 * addresses 198.18.1.1/24 + 2001:db8:1::1/64 and 198.18.1.2/24 + 2001:db8:1::2/64, DAD off. The host
 * namespace is never touched: the veth is created inside A and its peer moved straight into B. Test setup
 * uses {@code ip}; the product code does not. {@link #close()} deletes both namespaces by name.
 */
final class NetnsLab implements AutoCloseable {

    final String a;
    final String b;
    private final List<String> created = new ArrayList<>();

    private NetnsLab(String prefix) {
        this.a = prefix + "-a";
        this.b = prefix + "-b";
    }

    static NetnsLab create() throws IOException {
        String prefix = "calpe-net-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
        NetnsLab lab = new NetnsLab(prefix);
        try {
            lab.setUp();
            return lab;
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private void setUp() throws IOException {
        for (String ns : List.of(a, b)) {
            run("ip", "netns", "add", ns);
            created.add(ns);
            for (String conf : List.of("all", "default")) {
                run("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf." + conf + ".accept_dad=0");
                run("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf." + conf + ".keep_addr_on_down=1");
            }
            run("ip", "-n", ns, "link", "set", "lo", "up");
        }
        run("ip", "-n", a, "link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", b);
        run("ip", "-n", a, "addr", "add", "198.18.1.1/24", "dev", "va");
        run("ip", "-n", b, "addr", "add", "198.18.1.2/24", "dev", "vb");
        run("ip", "-n", a, "addr", "add", "2001:db8:1::1/64", "dev", "va", "nodad");
        run("ip", "-n", b, "addr", "add", "2001:db8:1::2/64", "dev", "vb", "nodad");
        run("ip", "-n", a, "link", "set", "va", "up");
        run("ip", "-n", b, "link", "set", "vb", "up");
        awaitIpv6Ready(a, "va");
        awaitIpv6Ready(b, "vb");
    }

    /** IPv6 on a new veth is ready (link-local and ff00::/8 routes) only once carrier is seen: wait, bounded. */
    private static void awaitIpv6Ready(String ns, String dev) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!run("ip", "-n", ns, "-6", "route", "show", "table", "local").contains("multicast ff00::/8 dev " + dev)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("IPv6 not ready on " + dev + " in " + ns);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
    }

    NetNamespace nsA() {
        return NetNamespace.named(a);
    }

    NetNamespace nsB() {
        return NetNamespace.named(b);
    }

    int ifindex(String ns, String dev) throws IOException {
        return Integer.parseInt(run("ip", "netns", "exec", ns, "cat", "/sys/class/net/" + dev + "/ifindex").trim());
    }

    String mac(String ns, String dev) throws IOException {
        return run("ip", "netns", "exec", ns, "cat", "/sys/class/net/" + dev + "/address").trim();
    }

    /** Runs a command (bounded to 20 s) and returns its output; fails on a non-zero exit. */
    static String run(String... command) throws IOException {
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
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + out);
        }
        return out;
    }

    @Override
    public void close() {
        for (String ns : created) {
            try {
                run("ip", "netns", "del", ns);
            } catch (IOException e) {
                System.err.println("cleanup of namespace " + ns + " failed: " + e.getMessage());
            }
        }
        created.clear();
    }
}
