package org.calpe.net.linux;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NetworkChannel;

/**
 * Reads the file descriptor of a JDK socket channel through the JDK's internal interface
 * {@code sun.nio.ch.SelChImpl#getFDVal()}, which every channel of the default selector provider implements. The
 * package is not exported by {@code java.base}: the JVM must run with {@value #JVM_OPTION} (or the matching
 * {@code --add-opens}, or the {@code Add-Exports: java.base/sun.nio.ch} attribute of the main jar's manifest).
 * Without it every call fails with an {@link IOException} naming the option; nothing else breaks.
 */
final class ChannelDescriptors {
    static final String JVM_OPTION = "--add-exports java.base/sun.nio.ch=ALL-UNNAMED";
    private static final String INTERFACE = "sun.nio.ch.SelChImpl";

    private final Class<?> type;
    private final Method getFdVal;
    private final String problem;

    ChannelDescriptors() {
        Class<?> t = null;
        Method m = null;
        String p = null;
        try {
            t = Class.forName(INTERFACE, false, null);
            m = t.getMethod("getFDVal");
            if (!t.getModule().isExported(t.getPackageName(), ChannelDescriptors.class.getModule())) {
                p = "socket descriptors are not accessible: start the JVM with " + JVM_OPTION;
            }
        } catch (ClassNotFoundException | NoSuchMethodException | RuntimeException e) {
            p = "socket descriptors are not accessible on this JVM (" + e + ")";
        }
        this.type = t;
        this.getFdVal = m;
        this.problem = p;
    }

    /** @return why descriptors cannot be read, or null when they can */
    String problem() {
        return problem;
    }

    /**
     * @return {@code channel}'s file descriptor, valid while the channel stays open
     * @throws ClosedChannelException if the channel is closed
     * @throws IOException if the JVM hides descriptors or the channel is not a JDK channel
     */
    int fd(NetworkChannel channel) throws IOException {
        if (problem != null) {
            throw new IOException(problem);
        }
        if (!type.isInstance(channel)) {
            throw new IOException("not a JDK socket channel: " + channel.getClass().getName());
        }
        if (!channel.isOpen()) {
            throw new ClosedChannelException();
        }
        try {
            return (int) getFdVal.invoke(channel);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IOException("socket descriptor not accessible (" + e + "): start the JVM with " + JVM_OPTION, e);
        } catch (InvocationTargetException e) {
            throw new IOException("socket descriptor not readable: " + e.getCause(), e.getCause());
        }
    }
}
