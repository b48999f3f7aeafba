package org.calpe.net.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.SocketOption;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Descriptor access (this JVM runs with the --add-exports of the pom's Surefire argLine) and its absence. */
class LinuxSocketTuningTest {

    @Test
    void readsTheDescriptorOfEveryJdkChannelKind() throws IOException {
        ChannelDescriptors descriptors = new ChannelDescriptors();
        assertNull(descriptors.problem());
        try (SocketChannel s = SocketChannel.open(); ServerSocketChannel ss = ServerSocketChannel.open();
                DatagramChannel d = DatagramChannel.open()) {
            for (NetworkChannel channel : List.of(s, ss, d)) {
                int fd = descriptors.fd(channel);
                String link = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
                assertTrue(link.startsWith("socket:["), channel + " fd " + fd + " -> " + link);
            }
            assertTrue(descriptors.fd(s) != descriptors.fd(ss));
        }
    }

    @Test
    void refusesClosedAndForeignChannels() throws IOException {
        ChannelDescriptors descriptors = new ChannelDescriptors();
        SocketChannel closed = SocketChannel.open();
        closed.close();
        assertThrows(ClosedChannelException.class, () -> descriptors.fd(closed));
        assertThrows(ClosedChannelException.class, () -> new LinuxSocketTuning().setMark(closed, 1));
        IOException e = assertThrows(IOException.class, () -> descriptors.fd(new ForeignChannel()));
        assertTrue(e.getMessage().startsWith("not a JDK socket channel"), e.getMessage());
    }

    /** Without the JVM option the service still works as an object and every call names the missing option. */
    @Test
    void withoutTheJvmOptionEveryCallNamesIt() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path") + File.pathSeparator
                + System.getProperty("surefire.test.class.path", ""), DescriptorProbe.class.getName())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "probe JVM did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        String expected = "start the JVM with --add-exports java.base/sun.nio.ch=ALL-UNNAMED";
        assertTrue(out.contains("problem: socket descriptors are not accessible: " + expected), out);
        assertTrue(out.contains("setMark: IOException: socket descriptors are not accessible: " + expected), out);
    }

    /** A channel that is not the JDK's. */
    private static final class ForeignChannel implements NetworkChannel {
        @Override
        public NetworkChannel bind(java.net.SocketAddress local) {
            return this;
        }

        @Override
        public <T> NetworkChannel setOption(SocketOption<T> name, T value) {
            return this;
        }

        @Override
        public java.net.SocketAddress getLocalAddress() {
            return null;
        }

        @Override
        public <T> T getOption(SocketOption<T> name) {
            return null;
        }

        @Override
        public Set<SocketOption<?>> supportedOptions() {
            return Set.of();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
