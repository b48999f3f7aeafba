package org.calpe.net.linux;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * Run by {@link LinuxSocketTuningTest} in a JVM started without {@code --add-exports}: prints what
 * {@link ChannelDescriptors} reports and what {@link LinuxSocketTuning#setMark} throws, one per line.
 */
public final class DescriptorProbe {
    private DescriptorProbe() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println("problem: " + new ChannelDescriptors().problem());
        try (SocketChannel channel = SocketChannel.open()) {
            new LinuxSocketTuning().setMark(channel, 1);
            System.out.println("setMark: no exception");
        } catch (IOException e) {
            System.out.println("setMark: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
