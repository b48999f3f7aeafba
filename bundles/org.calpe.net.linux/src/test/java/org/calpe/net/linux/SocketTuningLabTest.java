package org.calpe.net.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

import org.calpe.net.api.NetNamespace;
import org.calpe.net.api.SocketTuning;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lab test (root): {@link LinuxSocketTuning}'s options change where a connect from namespace A goes.
 * <ul>
 * <li>{@link NetnsLab}'s A–B veth ({@code va} 198.18.1.1 – {@code vb} 198.18.1.2), B listening on every address;
 * <li>a second veth from A ({@code vc} 198.18.2.1, 2001:db8:2::1) to a third namespace C ({@code vd} 198.18.2.2,
 * 2001:db8:2::2), where C also owns 198.18.1.2 and 2001:db8:1::2 but listens nowhere; A routes 198.18.1.0/24 and
 * 2001:db8:1::/64 through {@code vc} as well, at a worse metric;
 * <li>B owns 198.18.9.1 (on lo), which A reaches only through table 100 ({@code via 198.18.1.2 dev va}), selected
 * by {@code ip rule add fwmark 42 table 100}.
 * </ul>
 * So a connect to 198.18.1.2 bound to {@code va} (or unbound) is accepted by B, bound to {@code vc} it reaches C
 * and is refused; a connect to 198.18.9.1 succeeds with mark 42 only and finds no route otherwise.
 */
class SocketTuningLabTest {
    private static final int MARK = 42;

    private static NetnsLab lab;
    private static String c;
    private static final List<String> created = new ArrayList<>();
    private static Posix posix;
    private static SocketTuning tuning;
    private static ServerSocketChannel server;
    private static int port;

    @BeforeAll
    static void setUp() throws IOException {
        lab = NetnsLab.create();
        c = lab.a.substring(0, lab.a.length() - 2) + "-c";
        NetnsLab.run("ip", "netns", "add", c);
        created.add(c);
        NetnsLab.run("ip", "-n", c, "link", "set", "lo", "up");
        NetnsLab.run("ip", "-n", lab.a, "link", "add", "vc", "type", "veth", "peer", "name", "vd", "netns", c);
        NetnsLab.run("ip", "-n", lab.a, "addr", "add", "198.18.2.1/24", "dev", "vc");
        NetnsLab.run("ip", "-n", c, "addr", "add", "198.18.2.2/24", "dev", "vd");
        NetnsLab.run("ip", "-n", c, "addr", "add", "198.18.1.2/32", "dev", "vd");
        NetnsLab.run("ip", "-n", lab.a, "link", "set", "vc", "up");
        NetnsLab.run("ip", "-n", c, "link", "set", "vd", "up");
        NetnsLab.run("ip", "-n", lab.a, "route", "add", "198.18.1.0/24", "dev", "vc", "metric", "200");
        for (String conf : List.of("all", "default", "vd")) {
            NetnsLab.run("ip", "netns", "exec", c, "sysctl", "-qw", "net.ipv6.conf." + conf + ".accept_dad=0");
        }
        NetnsLab.run("ip", "-n", lab.a, "addr", "add", "2001:db8:2::1/64", "dev", "vc", "nodad");
        NetnsLab.run("ip", "-n", c, "addr", "add", "2001:db8:2::2/64", "dev", "vd", "nodad");
        NetnsLab.run("ip", "-n", c, "addr", "add", "2001:db8:1::2/128", "dev", "vd", "nodad");
        NetnsLab.run("ip", "-n", lab.a, "-6", "route", "add", "2001:db8:1::/64", "dev", "vc", "metric", "2000");
        NetnsLab.run("ip", "-n", lab.b, "addr", "add", "198.18.9.1/32", "dev", "lo");
        NetnsLab.run("ip", "-n", lab.a, "route", "add", "198.18.9.0/24", "via", "198.18.1.2", "dev", "va", "table",
                "100");
        NetnsLab.run("ip", "-n", lab.a, "rule", "add", "fwmark", String.valueOf(MARK), "table", "100");
        posix = new Posix();
        tuning = new LinuxSocketTuning();
        server = new NamespaceRunner(posix).call(lab.nsB(),
                () -> ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getByName("::"), 0)));
        port = ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (server != null) {
            server.close();
        }
        for (String ns : created) {
            try {
                NetnsLab.run("ip", "netns", "del", ns);
            } catch (IOException e) {
                System.err.println("cleanup of namespace " + ns + " failed: " + e.getMessage());
            }
        }
        if (lab != null) {
            lab.close();
        }
    }

    /** What one option does to a socket before it connects. */
    @FunctionalInterface
    private interface Option {
        void apply(SocketChannel channel) throws IOException;
    }

    /** Connects from A to {@code address}:port with {@code option} applied first: "connected" or the error. */
    private static String connect(String address, Option option) throws IOException {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(address), port);
        return new NamespaceRunner(posix).call(lab.nsA(), () -> {
            try (SocketChannel channel = SocketChannel.open(); Selector selector = Selector.open()) {
                option.apply(channel);
                channel.configureBlocking(false);
                try {
                    if (!channel.connect(to)) {
                        channel.register(selector, SelectionKey.OP_CONNECT);
                        if (selector.select(5000) == 0) {
                            return "timeout";
                        }
                        channel.finishConnect();
                    }
                    return "connected";
                } catch (IOException e) {
                    return e.getMessage();
                }
            }
        });
    }

    @Test
    void bindToDeviceChoosesTheInterface() throws IOException {
        assertEquals("connected", connect("198.18.1.2", ch -> { }));
        assertEquals("connected", connect("198.18.1.2", ch -> tuning.bindToDevice(ch, "va")));
        assertEquals("Connection refused", connect("198.18.1.2", ch -> tuning.bindToDevice(ch, "vc")));
        assertEquals("connected", connect("198.18.1.2", ch -> {
            tuning.bindToDevice(ch, "vc");
            tuning.bindToDevice(ch, "");
        }), "an empty name removes the binding");
    }

    @Test
    void bindToDeviceChoosesTheInterfaceForIpv6() throws IOException {
        assertEquals("connected", connect("2001:db8:1::2", ch -> tuning.bindToDevice(ch, "va")));
        assertEquals("Connection refused", connect("2001:db8:1::2", ch -> tuning.bindToDevice(ch, "vc")));
    }

    @Test
    void markSelectsTheRoutingTable() throws IOException {
        assertEquals("connected", connect("198.18.9.1", ch -> tuning.setMark(ch, MARK)));
        assertEquals("Network is unreachable", connect("198.18.9.1", ch -> { }));
        assertEquals("Network is unreachable", connect("198.18.9.1", ch -> tuning.setMark(ch, MARK + 1)));
        assertEquals("connected", connect("198.18.9.1", ch -> {
            tuning.setMark(ch, MARK);
            tuning.bindToDevice(ch, "va");
        }), "keepalived's order: mark, then device");
    }

    @Test
    void kernelRefusalsCarryTheErrnoText() throws IOException {
        try (SocketChannel channel = SocketChannel.open()) {
            Posix.NativeException e = assertThrows(Posix.NativeException.class,
                    () -> tuning.bindToDevice(channel, "calpe-nosuch"));
            assertEquals("No such device (errno 19)", e.getMessage());
            assertEquals(Posix.ENODEV, e.errno());
            e = assertThrows(Posix.NativeException.class,
                    () -> tuning.bindToDevice(channel, "x".repeat(40)));
            assertTrue(e.getMessage().endsWith("(errno 19)") || e.getMessage().endsWith("(errno 22)"), e.getMessage());
        }
    }
}
