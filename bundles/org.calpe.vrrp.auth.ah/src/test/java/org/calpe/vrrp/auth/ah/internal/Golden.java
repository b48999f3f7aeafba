package org.calpe.vrrp.auth.ah.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adverts captured from keepalived 2.2.7 by scripts/tools/vrrp-golden.sh (copies of vrrp.core's golden files),
 * with the {@code auth_pass} read from the configuration keepalived ran with.
 */
final class Golden {
    private static final Pattern AUTH_PASS = Pattern.compile("(?m)^\\s*auth_pass\\s+(\\S+)\\s*$");

    private Golden() {
    }

    /** The captured datagrams, IP header first. */
    static List<byte[]> packets(String name) {
        List<byte[]> packets = read(name + ".hex").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(HexFormat.of()::parseHex).toList();
        if (packets.size() < 2) {
            throw new IllegalStateException(name + ": fewer than 2 adverts");
        }
        return packets;
    }

    /** The {@code auth_pass} of the configuration. */
    static String authPass(String name) {
        Matcher m = AUTH_PASS.matcher(read(name + ".conf"));
        if (!m.find()) {
            throw new IllegalStateException(name + ".conf has no auth_pass");
        }
        return m.group(1);
    }

    private static String read(String file) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no golden file " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
