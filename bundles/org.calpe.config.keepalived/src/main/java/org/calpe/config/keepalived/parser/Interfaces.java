package org.calpe.config.keepalived.parser;

import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The network interfaces of the current network namespace, as keepalived -t sees them. Read from
 * {@code /proc/self/net/dev}, which follows the reader's namespace and lists interfaces that are down and
 * have no address ({@link NetworkInterface} misses those).
 */
public final class Interfaces {
    static final Path PROC_NET_DEV = Path.of("/proc/self/net/dev");

    private Interfaces() {
    }

    /** The interface names now present. */
    public static Set<String> names() {
        try {
            return parseProcNetDev(Files.readString(PROC_NET_DEV, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            Set<String> names = new HashSet<>();
            try {
                for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    names.add(ni.getName());
                }
            } catch (SocketException | RuntimeException ignored) {
                // no way to list interfaces: none exist as far as we can tell
            }
            return names;
        }
    }

    /** Interface names from the text of /proc/net/dev (two header lines, then "name: counters"). */
    static Set<String> parseProcNetDev(String text) {
        Set<String> names = new HashSet<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.contains("|")) {
                names.add(line.substring(0, colon).trim());
            }
        }
        return names;
    }

    /** A lookup that reads the interface list once, on first use. */
    public static Predicate<String> live() {
        return new Predicate<>() {
            private Set<String> names;

            @Override
            public boolean test(String name) {
                if (names == null) {
                    names = names();
                }
                return names.contains(name);
            }
        };
    }
}
