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

    /** calpe:vrrp and calpe:vrrp-json against the running VRRP engine (instances from the test media, if any). */
    @Test
    void vrrpViewAndJsonDumpAnswer(@InjectService(timeout = MediaFixture.WAIT_MS) CommandProcessor gogo,
            @InjectService(timeout = MediaFixture.WAIT_MS) org.calpe.vrrp.api.VrrpStatus engine) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        MediaFixture.waitFor("calpe:vrrp registered", () -> {
            try (CommandSession s = gogo.createSession(new ByteArrayInputStream(new byte[0]), ps, ps)) {
                s.execute("calpe:vrrp");
                return true;
            } catch (Exception e) {
                return false;
            }
        });
        out.reset();
        try (CommandSession s = gogo.createSession(new ByteArrayInputStream(new byte[0]), ps, ps)) {
            s.execute("calpe:vrrp");
            String table = out.toString(StandardCharsets.UTF_8);
            if (engine.instances().isEmpty()) {
                assertTrue(table.contains("No VRRP instances configured"), table);
            } else {
                assertTrue(table.contains("NAME") && table.contains("STATE"), table);
                engine.instances().forEach(i -> assertTrue(table.contains(i.name()), table));
            }
            out.reset();
            s.execute("calpe:vrrp-json");
            String json = out.toString(StandardCharsets.UTF_8).strip();
            assertTrue(json.startsWith("[") && json.endsWith("]"), json);
            for (var i : engine.instances()) {
                assertTrue(json.contains("\"iname\":\"" + i.name() + "\""), json);
            }
        }
    }
}
