package org.calpe.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/** The calpe:* Gogo commands through a real Gogo session. */
@ExtendWith(ServiceExtension.class)
class ShellIT {
    @Test
    void configtestReturnsKeepalivedExitCodes(
            @InjectService(timeout = MediaFixture.WAIT_MS) CommandProcessor gogo) throws Exception {
        Path dir = Files.createTempDirectory("calpe-shell-it");
        Path good = Files.writeString(dir.resolve("good.conf"), "global_defs {\n    router_id shell_it\n}\n");
        Path bad = Files.writeString(dir.resolve("bad.conf"),
                "vrrp_instance VI_1 {\n    interface calpe-it0\n    virtual_router_id 51\n    priority 300\n"
                        + "    virtual_ipaddress {\n        198.18.0.1/24\n    }\n}\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        try {
            MediaFixture.waitFor("calpe:configtest registered", () -> {
                try (CommandSession s = gogo.createSession(new ByteArrayInputStream(new byte[0]), ps, ps)) {
                    return s.execute("calpe:configtest " + good) != null;
                } catch (Exception e) {
                    return false;
                }
            });
        } catch (AssertionError e) {
            Files.deleteIfExists(good);
            Files.deleteIfExists(bad);
            Files.deleteIfExists(dir);
            throw e;
        }
        try (CommandSession s = gogo.createSession(new ByteArrayInputStream(new byte[0]), ps, ps)) {
            assertEquals(0, ((Number) s.execute("calpe:configtest " + good)).intValue(), out.toString());
            Object code = s.execute("calpe:configtest " + bad);
            String text = out.toString(StandardCharsets.UTF_8);
            assertTrue(((Number) code).intValue() == 5, text);
            assertTrue(text.contains("bad.conf:4"), text);
            s.execute("calpe:media");
            s.execute("calpe:snapshots");
            text = out.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("State:"), text);
        } finally {
            Files.deleteIfExists(good);
            Files.deleteIfExists(bad);
            Files.deleteIfExists(dir);
        }
    }
}
