package org.calpe.vrrp.core.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.calpe.net.api.NetNamespace;

/**
 * Test lab (root): namespaces A and B joined by a veth pair ({@code va} 198.18.2.1/24 in A, {@code vb}
 * 198.18.2.2/24 in B; IPv6 link-local only, DAD off). The host namespace is never touched: the veth is created inside A and its peer moved
 * straight into B. {@link #close()} kills what still runs in the namespaces it created and deletes them.
 */
final class RuntimeLab implements AutoCloseable {
    final String a;
    final String b;
    private final List<String> created = new ArrayList<>();

    private RuntimeLab(String prefix) {
        a = prefix + "-a";
        b = prefix + "-b";
    }

    static RuntimeLab create() throws IOException {
        RuntimeLab lab = new RuntimeLab("calpe-vrt-" + Integer.toHexString(
                ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF)));
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
            run("ip", "-n", ns, "link", "set", "lo", "up");
            // IPv6 (LAB.md): no DAD, or addresses stay tentative; keep them while a link is down
            run("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.default.accept_dad=0",
                    "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.keep_addr_on_down=1");
        }
        run("ip", "-n", a, "link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", b);
        run("ip", "-n", a, "addr", "add", "198.18.2.1/24", "dev", "va");
        run("ip", "-n", b, "addr", "add", "198.18.2.2/24", "dev", "vb");
        run("ip", "-n", a, "link", "set", "va", "up");
        run("ip", "-n", b, "link", "set", "vb", "up");
    }

    NetNamespace nsA() {
        return NetNamespace.named(a);
    }

    NetNamespace nsB() {
        return NetNamespace.named(b);
    }

    /** @return true if {@code address} is on {@code dev} in {@code ns} (as {@code ip addr} shows it) */
    boolean hasAddress(String ns, String dev, String address) throws IOException {
        return run("ip", "-n", ns, "-4", "addr", "show", "dev", dev).contains("inet " + address + "/");
    }

    /** @return true if the IPv6 {@code address} is on {@code dev} in {@code ns} (as {@code ip addr} shows it) */
    boolean hasAddress6(String ns, String dev, String address) throws IOException {
        return run("ip", "-n", ns, "-6", "addr", "show", "dev", dev).contains("inet6 " + address + "/");
    }

    /** @return true once {@code dev} in {@code ns} has its IPv6 link-local address (it appears after link up) */
    boolean hasLinkLocal(String ns, String dev) throws IOException {
        return run("ip", "-n", ns, "-6", "addr", "show", "dev", dev, "scope", "link").contains("inet6 fe80:");
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

    /**
     * A lab test's teardown: closes every engine that is not null (each even if an earlier one fails), then this
     * lab; the first failure is rethrown after everything was closed.
     */
    void closeAfter(Engine... engines) {
        RuntimeException first = null;
        try {
            for (Engine e : engines) {
                if (e != null) {
                    try {
                        e.close();
                    } catch (RuntimeException ex) {
                        first = first == null ? ex : first;
                    }
                }
            }
        } finally {
            close();
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void close() {
        for (String ns : created) {
            try {
                for (String pid : run("ip", "netns", "pids", ns).trim().split("\\s+")) {
                    if (!pid.isEmpty()) {
                        new ProcessBuilder("kill", "-KILL", pid).start().waitFor(5, TimeUnit.SECONDS);
                    }
                }
            } catch (IOException | InterruptedException e) {
                System.err.println("cleanup of processes in " + ns + " failed: " + e.getMessage());
            }
            try {
                run("ip", "netns", "del", ns);
            } catch (IOException e) {
                System.err.println("cleanup of namespace " + ns + " failed: " + e.getMessage());
            }
        }
        created.clear();
    }
}
