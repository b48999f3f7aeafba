package org.calpe.vrrp.core.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/** Golden adverts captured from keepalived 2.2.7 by scripts/tools/vrrp-golden.sh. */
final class Golden {
    private Golden() {
    }

    static final List<String> ALL = List.of("v2-noauth", "v2-pass", "v2-pass-long", "v2-ah", "v3-ipv4",
            "v3-ipv4-centi", "v3-ipv4-unicast", "v3-ipv4-unicast-oldcsum", "v3-ipv6");

    /** The captured datagrams of one configuration, IP header first. */
    static List<byte[]> packets(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name + ".hex")) {
            if (in == null) {
                throw new IllegalStateException("no golden file " + name + ".hex");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            List<byte[]> packets = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(HexFormat.of()::parseHex).toList();
            if (packets.size() < 2) {
                throw new IllegalStateException(name + ": fewer than 2 adverts");
            }
            return packets;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration keepalived ran with. */
    static String config(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name + ".conf")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
