package org.calpe.config.keepalived.schema.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScriptRoleTest {
    @Test
    void kindsMapToTheProcessThatChecksThem() {
        assertEquals(ScriptRole.TRACK, ScriptRole.of("vrrp script"));
        assertEquals(ScriptRole.TRACK, ScriptRole.of("vrrp_script"));
        assertEquals(ScriptRole.MISC, ScriptRole.of("MISC_CHECK"));
        assertEquals(ScriptRole.CHECK_NOTIFY, ScriptRole.of("notify_down"));
        assertEquals(ScriptRole.CHECK_NOTIFY, ScriptRole.of("quorum_up"));
        assertEquals(ScriptRole.VRRP_NOTIFY, ScriptRole.of("notify_master script"));
        assertEquals(ScriptRole.FIFO, ScriptRole.of("notify_fifo_script"));
        assertEquals(ScriptRole.LVS_FIFO, ScriptRole.of("lvs_notify_fifo_script"));
        assertEquals(ScriptRole.VRRP_FIFO, ScriptRole.of("vrrp_notify_fifo_script"));
        assertEquals(ScriptRole.SHUTDOWN, ScriptRole.of("shutdown_script"));
        assertTrue(ScriptRole.FIFO.vrrp() && ScriptRole.FIFO.checker());
        assertFalse(ScriptRole.MISC.vrrp());
        assertTrue(ScriptRole.STARTUP.parent());
    }

    @Test
    void executableFollowsKeepalivedsRule() {
        assertTrue(ScriptFileCheck.executable(0001, 5, 5, 0, 0), "root needs any execute bit");
        assertFalse(ScriptFileCheck.executable(0644, 0, 0, 0, 0));
        assertTrue(ScriptFileCheck.executable(0100, 7, 1, 7, 9));
        assertFalse(ScriptFileCheck.executable(0011, 7, 1, 7, 1), "owner uses the owner bit only");
        assertTrue(ScriptFileCheck.executable(0010, 7, 1, 8, 1));
        assertFalse(ScriptFileCheck.executable(0001, 7, 1, 8, 1), "group member uses the group bit only");
        assertTrue(ScriptFileCheck.executable(0001, 7, 1, 8, 2));
    }
}
