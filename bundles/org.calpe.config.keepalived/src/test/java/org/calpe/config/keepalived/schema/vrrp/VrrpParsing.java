package org.calpe.config.keepalived.schema.vrrp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.calpe.config.api.Diagnostic;
import org.calpe.config.api.ParseOptions;
import org.calpe.config.api.ParseResult;
import org.calpe.config.api.Severity;
import org.calpe.config.keepalived.parser.KeepalivedParser;

/** Parses configuration text with the lab's interfaces (eth0 eth1 eth2 bond0 lo). */
final class VrrpParsing {
    static final Set<String> LAB = Set.of("lo", "eth0", "eth1", "eth2", "bond0");

    private VrrpParsing() {
    }

    static ParseResult parse(Path dir, String text) {
        try {
            Path f = Files.createTempFile(dir, "t", ".conf");
            Files.writeString(f, text, StandardCharsets.UTF_8);
            return new KeepalivedParser(LAB::contains).parse(f, ParseOptions.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A vrrp_instance VI_1 on eth0 with VRID 51 and one VIP, plus the given lines. */
    static String instance(String extra) {
        return "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n priority 100\n"
                + " virtual_ipaddress {\n  198.18.0.10/24\n }\n" + extra + "\n}\n";
    }

    static List<String> messages(ParseResult r) {
        return r.diagnostics().stream().map(Diagnostic::message).collect(Collectors.toList());
    }

    static boolean has(ParseResult r, Severity s, String fragment) {
        return r.diagnostics().stream().anyMatch(d -> d.severity() == s && d.message().contains(fragment));
    }
}
