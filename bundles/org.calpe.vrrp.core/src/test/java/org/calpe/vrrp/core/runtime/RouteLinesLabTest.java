package org.calpe.vrrp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.calpe.net.api.NetNamespace;
import org.calpe.net.api.Route;
import org.calpe.net.api.Rule;
import org.calpe.net.linux.LinuxRouteManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lab test (root, keepalived 2.2.7 installed): the same {@code virtual_routes} and {@code virtual_rules} lines are
 * installed once by a real keepalived (MASTER alone in a namespace) and once by {@link RouteLines} and
 * {@link LinuxRouteManager}; {@code ip route show table all} and {@code ip rule show} (both families) must
 * change in exactly the same way, and both must leave nothing behind when the entries are removed.
 */
class RouteLinesLabTest {

    /** Canonical lines, as config.keepalived writes them, that keepalived 2.2.7 installs without error. */
    private static final List<String> ROUTES = List.of(
            "198.18.60.0/24 via 198.18.50.254 dev ka0",
            "src 198.18.50.1 to 198.18.61.0/24 via 198.18.50.254 dev ka0",
            "198.18.62.0/24 dev ka0",
            "blackhole 198.18.63.0/24",
            "unreachable 198.18.64.0/24",
            "prohibit 198.18.65.0/24",
            "throw 198.18.66.0/24 table 100",
            "multicast 224.1.1.0/24 dev ka0 table 100",
            "198.18.70.0/24 via 198.18.50.254 dev ka0 table 100 metric 5",
            "198.18.71.0/24 via 198.18.50.254 dev ka0 onlink mtu 1400 advmss 1360",
            "198.18.72.0/24 via 198.18.50.254 dev ka0 hoplimit 10 initcwnd 5 initrwnd 6 window 1000 rtt 300 rttvar 50"
                    + " reordering 3 cwnd 7 ssthresh 8 rto_min 20 features ecn quickack 1 fastopen_no_cookie 1"
                    + " congctl cubic",
            "198.18.73.0/24 dev ka0 scope link protocol 18 tos 0x10",
            "default via 198.18.50.254 dev ka0 table 101",
            "198.18.74.0/24 nexthop via 198.18.50.254 dev ka0 weight 1 nexthop via 198.18.51.254 dev ka1 weight 2",
            "198.18.75.0/24 via 198.18.50.254 dev ka0 realms 5",
            "198.18.76.0/24 dev ka0 table main priority 7",
            "198.18.77.0/24 dev ka0 preference 8",
            "198.18.78.0/24 dev ka0 protocol boot no_track",
            "198.18.79.0/24 dev ka0 scope host",
            "198.18.80.0/24 dev ka0 table default",
            "198.18.81.0/24 dev ka1 table 1000",
            "198.18.82.0/24 via 198.18.50.254 dev ka0 rtt 4000 rttvar 3s rto_min 500",
            "198.18.83.0/24 dev ka0 protocol boot",
            "2001:db8:60::/64 via 2001:db8:50::fe dev ka0 metric 10",
            "2001:db8:61::/64 dev ka0 pref high",
            "2001:db8:62::/64 via 2001:db8:50::fe dev ka0 expires 100",
            "blackhole 2001:db8:63::/64",
            "2001:db8:64::/64 nexthop via 2001:db8:50::fe dev ka0 weight 3 nexthop via 2001:db8:51::fe dev ka1");
    private static final List<String> RULES = List.of(
            "from 198.18.50.0/24 table 100 preference 100",
            "to 198.18.90.0/24 table 100 priority 101",
            "from all fwmark 0x10/0xff table 102 preference 200",
            "from all fwmark 7 table 102 preference 201",
            "from 198.18.50.0/24 iif ka0 oif ka1 tos 0x10 table 103 preference 300",
            "to 2001:db8:90::/64 table 104 preference 400",
            "from 198.18.50.0/24 suppress_prefixlength 0 table 106 preference 600",
            "not from 198.18.52.0/24 table 107 preference 700",
            "from all goto 900 preference 800",
            "from all table 108 uidrange 1000-2000 preference 900",
            "from all table 109 ipproto udp sport 100-200 dport 53-53 preference 1000",
            "from all blackhole preference 1100",
            "from all unreachable preference 1101",
            "from all prohibit preference 1102",
            "from all nop preference 1103",
            "from all l3mdev preference 1104",
            "from all table main preference 1105",
            "from all realms 3/4 table 111 preference 1107",
            "from all protocol 18 table 112 preference 1108",
            "from all suppress_ifgroup 1 table 113 preference 1109",
            "from all table 117 ipproto 6 preference 1112",
            "from all table 118 sport 80-80 preference 1113",
            "from 198.18.53.0/24 table 5000 preference 1114");
    private static final String VIP = "198.18.59.1";

    private static String ns;
    private static Path dir;
    private static LinuxRouteManager manager;

    @BeforeAll
    static void setUp() throws IOException {
        ns = "calpe-rtl-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
        dir = Files.createTempDirectory("calpe-routelines");
        run("ip", "netns", "add", ns);
        run("ip", "-n", ns, "link", "set", "lo", "up");
        run("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.default.accept_dad=0",
                "net.ipv6.conf.all.accept_dad=0");
        run("ip", "-n", ns, "link", "add", "ka0", "type", "veth", "peer", "name", "ka1");
        run("ip", "-n", ns, "addr", "add", "198.18.50.1/24", "dev", "ka0");
        run("ip", "-n", ns, "addr", "add", "198.18.51.1/24", "dev", "ka1");
        run("ip", "-n", ns, "addr", "add", "2001:db8:50::1/64", "dev", "ka0", "nodad");
        run("ip", "-n", ns, "addr", "add", "2001:db8:51::1/64", "dev", "ka1", "nodad");
        run("ip", "-n", ns, "link", "set", "ka0", "up");
        run("ip", "-n", ns, "link", "set", "ka1", "up");
        manager = new LinuxRouteManager();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (manager != null) {
            var m = LinuxRouteManager.class.getDeclaredMethod("deactivate"); // closes its netlink sockets
            m.setAccessible(true);
            m.invoke(manager);
        }
        if (ns != null) {
            try {
                for (String pid : run("ip", "netns", "pids", ns).trim().split("\\s+")) {
                    if (!pid.isEmpty()) {
                        new ProcessBuilder("kill", "-KILL", pid).start().waitFor(5, TimeUnit.SECONDS);
                    }
                }
            } catch (IOException | InterruptedException e) {
                System.err.println("cleanup of " + ns + ": " + e);
            }
            run("ip", "netns", "del", ns);
        }
    }

    @Test
    void sameKernelStateAsKeepalived() throws Exception {
        List<String> before = listing();
        List<String> byKeepalived = withKeepalived();
        assertEquals(before, listing(), "keepalived left routes or rules behind");

        NetNamespace namespace = NetNamespace.named(ns);
        Map<String, Integer> links = new HashMap<>();
        for (String dev : List.of("ka0", "ka1", "lo")) {
            links.put(dev, Integer.parseInt(run("ip", "netns", "exec", ns, "cat", "/sys/class/net/" + dev + "/ifindex")
                    .trim()));
        }
        List<Route> routes = new ArrayList<>();
        for (String line : ROUTES) {
            RouteLines.Parsed<Route> p = RouteLines.route(line, n -> links.getOrDefault(n, 0));
            assertTrue(p.ok(), () -> line + ": " + p.problem());
            routes.add(p.value());
        }
        List<Rule> rules = new ArrayList<>();
        for (String line : RULES) {
            RouteLines.Parsed<Rule> p = RouteLines.rule(line);
            assertTrue(p.ok(), () -> line + ": " + p.problem());
            rules.add(p.value());
        }
        try {
            for (Route r : routes) {
                assertTrue(manager.addRoute(namespace, r), r::toString);
            }
            for (Rule r : rules) {
                assertTrue(manager.addRule(namespace, r), r::toString);
            }
            assertEquals(byKeepalived, added(before, listing()));
            for (Route r : routes) {
                assertTrue(manager.removeRoute(namespace, r), r::toString);
            }
            for (Rule r : rules) {
                assertTrue(manager.removeRule(namespace, r), r::toString);
            }
            assertEquals(before, listing(), "Calpe left routes or rules behind");
        } finally {
            for (Route r : routes) {
                manager.removeRoute(namespace, r);
            }
            for (Rule r : rules) {
                manager.removeRule(namespace, r);
            }
        }
    }

    /** Runs keepalived as the only (so MASTER) router until its routes and rules are in, then stops it. */
    private static List<String> withKeepalived() throws Exception {
        List<String> before = listing();
        StringBuilder conf = new StringBuilder("vrrp_instance VI_1 {\n state MASTER\n interface ka0\n"
                + " virtual_router_id 61\n priority 150\n advert_int 1\n virtual_ipaddress {\n  " + VIP
                + "/32 dev ka1\n }\n virtual_routes {\n");
        ROUTES.forEach(l -> conf.append("  ").append(l).append('\n'));
        conf.append(" }\n virtual_rules {\n");
        RULES.forEach(l -> conf.append("  ").append(l).append('\n'));
        conf.append(" }\n}\n");
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, conf.toString());
        Process ka = new ProcessBuilder("setsid", "ip", "netns", "exec", ns, "keepalived", "-n", "-l", "-D", "-P", "-f",
                file.toString(), "-p", dir.resolve("ka.pid").toString(), "-r", dir.resolve("vrrp.pid").toString(),
                "-c", dir.resolve("chk.pid").toString(), "-b", dir.resolve("bfd.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("keepalived.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            int expected = ROUTES.size() + RULES.size();
            List<String> added = List.of();
            while (System.nanoTime() < deadline) {
                added = added(before, listing());
                if (added.size() >= expected && log().contains("setting Virtual Rules")) {
                    Thread.sleep(300);
                    added = added(before, listing());
                    break;
                }
                Thread.sleep(100);
            }
            String log = log();
            assertTrue(!log.contains("Netlink: error"), () -> "keepalived refused an entry: " + log);
            assertEquals(expected, added.size(), () -> "keepalived installed " + added(before, safeListing())
                    + "\n" + log);
            return added;
        } finally {
            new ProcessBuilder("kill", "-TERM", String.valueOf(ka.pid())).start().waitFor(5, TimeUnit.SECONDS);
            if (!ka.waitFor(10, TimeUnit.SECONDS)) {
                new ProcessBuilder("kill", "-KILL", "--", "-" + ka.pid()).start().waitFor(5, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!run("ip", "netns", "pids", ns).isBlank() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
    }

    private static String log() throws IOException {
        Path log = dir.resolve("keepalived.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static List<String> safeListing() {
        try {
            return listing();
        } catch (IOException e) {
            return List.of(e.toString());
        }
    }

    /** The entries of {@code after} not in {@code before}, sorted. */
    private static List<String> added(List<String> before, List<String> after) {
        TreeSet<String> out = new TreeSet<>(after);
        out.removeAll(before);
        return List.copyOf(out);
    }

    /** Routes (all tables) and rules of both families, one normalised entry per line, without the VIP's. */
    private static List<String> listing() throws IOException {
        List<String> out = new ArrayList<>();
        for (String[] args : List.of(new String[] {"-4", "route", "show", "table", "all"},
                new String[] {"-6", "route", "show", "table", "all"}, new String[] {"-4", "rule", "show"},
                new String[] {"-6", "rule", "show"})) {
            List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns));
            cmd.addAll(List.of(args));
            String text = run(cmd.toArray(String[]::new)).replace("\n\t", " ");
            for (String l : text.split("\n")) {
                String t = l.replace('\t', ' ').replaceAll("\\s+", " ").replaceAll("expires \\d+sec", "expires Nsec")
                        .trim();
                if (!t.isEmpty() && !t.contains(VIP)) {
                    out.add(args[0] + " " + t);
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static String run(String... command) throws IOException {
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
}
