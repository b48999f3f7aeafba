package org.calpe.appliance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.calpe.appliance.api.Role;
import org.junit.jupiter.api.Test;

class RuntimePropertiesTest {

    @Test
    void absoluteStateGivesNoWarning() {
        Map<String, String> p = Map.of("calpe.role", "vrrp", "calpe.state.dir", "/var/lib/calpe/a",
                "felix.cm.dir", "/var/lib/calpe/a/config", "org.osgi.framework.storage", "/var/lib/calpe/a/cache",
                "calpe.pid.file", "/run/calpe-a.pid", "calpe.shutdown.hook", "true");
        RuntimeProperties rp = RuntimeProperties.from(p::get);
        assertEquals(Role.VRRP, rp.role());
        assertEquals(Path.of("/var/lib/calpe/a"), rp.stateDir());
        assertEquals(Path.of("/run/calpe-a.pid"), rp.pidFile());
        assertTrue(rp.shutdownHook());
        assertEquals(0, rp.warnings().size());
    }

    @Test
    void relativeConfigStoreIsWarnedAbout() {
        Map<String, String> p = Map.of("felix.cm.dir", "config", "org.osgi.framework.storage", "felix-cache");
        RuntimeProperties rp = RuntimeProperties.from(p::get);
        assertEquals(Role.ALL, rp.role());
        assertNull(rp.pidFile());
        assertFalse(rp.shutdownHook());
        assertEquals(2, rp.warnings().size());
        assertTrue(rp.warnings().get(0).startsWith("felix.cm.dir is not absolute (config)"));
        assertTrue(rp.stateDir().isAbsolute());
    }

    @Test
    void unknownRoleIsRejected() {
        Map<String, String> p = Map.of("calpe.role", "both");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RuntimeProperties.from(p::get));
        assertEquals("calpe.role must be vrrp, check or all, not 'both'", e.getMessage());
    }

    @Test
    void roleParsing() {
        assertEquals(Role.CHECK, Role.parse(" Check "));
        assertEquals(Role.ALL, Role.parse(null));
        assertTrue(Role.VRRP.runsVrrp());
        assertFalse(Role.VRRP.runsCheckers());
        assertFalse(Role.CHECK.runsVrrp());
        assertTrue(Role.ALL.runsVrrp() && Role.ALL.runsCheckers());
        assertEquals("check", Role.CHECK.toString());
    }
}
