package org.calpe.check.misc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.calpe.exec.api.RunAs;
import org.junit.jupiter.api.Test;

class MiscSettingsTest {

    private static Map<String, Object> options(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void commandIsSplitAsKeepalivedSplitsIt() {
        MiscSettings s = MiscSettings.from(options("misc_path", "/usr/local/bin/check 'a b' c\\ d \"e\"f",
                "delay_loop", "6000000"));
        assertEquals(List.of("/usr/local/bin/check", "a b", "c d", "ef"), s.command().argv());
    }

    @Test
    void commandGivenAsWordsIsJoinedThenSplit() {
        MiscSettings s = MiscSettings.from(options("misc_path", List.of("/bin/check", "-x"), "delay_loop", "1000000"));
        assertEquals(List.of("/bin/check", "-x"), s.command().argv());
        MiscSettings a = MiscSettings.from(options("misc_path", new String[] {"/bin/check -y"}));
        assertEquals(List.of("/bin/check", "-y"), a.command().argv());
    }

    @Test
    void missingOrBadCommandIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MiscSettings.from(options("delay_loop", "1000000")));
        assertEquals("No script path has been specified for MISC_CHECKER", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MiscSettings.from(options("misc_path", "  ")));
        IllegalArgumentException q = assertThrows(IllegalArgumentException.class,
                () -> MiscSettings.from(options("misc_path", "/bin/check \"open")));
        assertTrue(q.getMessage().startsWith("misc_path: String '/bin/check \"open': missing terminating"),
                q.getMessage());
    }

    @Test
    void timeoutIsMiscTimeoutInSeconds() {
        assertEquals(Duration.ofSeconds(5),
                MiscSettings.from(options("misc_path", "/bin/true", "misc_timeout", "5", "delay_loop", "6000000"))
                        .timeout());
        assertEquals(Duration.ofSeconds(7),
                MiscSettings.from(options("misc_path", "/bin/true", "misc_timeout", 7L)).timeout());
    }

    @Test
    void timeoutDefaultsToDelayLoopThenSixtySeconds() {
        assertEquals(Duration.ofMillis(2500),
                MiscSettings.from(options("misc_path", "/bin/true", "delay_loop", "2500000")).timeout());
        // keepalived: misc_timeout 0 means "not set"
        assertEquals(Duration.ofSeconds(3),
                MiscSettings.from(options("misc_path", "/bin/true", "misc_timeout", "0", "delay_loop", "3000000"))
                        .timeout());
        assertEquals(Duration.ofSeconds(60), MiscSettings.from(options("misc_path", "/bin/true")).timeout());
    }

    @Test
    void timeoutDefaultIsTheVirtualServersDelayLoopNotTheCheckersOwn() {
        // keepalived 2.2.x: misck_checker->timeout ? misck_checker->timeout : checker->vs->delay_loop
        assertEquals(Duration.ofSeconds(10), MiscSettings.from(options("misc_path", "/bin/true",
                "delay_loop", "2000000", "virtual_server.delay_loop", "10000000")).timeout());
        assertEquals(Duration.ofSeconds(4), MiscSettings.from(options("misc_path", "/bin/true", "misc_timeout", "4",
                "delay_loop", "2000000", "virtual_server.delay_loop", "10000000")).timeout());
    }

    @Test
    void badNumbersAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MiscSettings.from(options("misc_path", "/bin/true", "misc_timeout", "soon")));
        assertEquals("Invalid misc_timeout value 'soon'", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MiscSettings.from(options("misc_path", "/bin/true", "misc_timeout", "-1")));
        assertThrows(IllegalArgumentException.class,
                () -> MiscSettings.from(options("misc_path", "/bin/true", "delay_loop", "x")));
    }

    @Test
    void dynamicIsAFlag() {
        assertFalse(MiscSettings.from(options("misc_path", "/bin/true")).dynamic());
        assertTrue(MiscSettings.from(options("misc_path", "/bin/true", "misc_dynamic", "true")).dynamic());
        assertTrue(MiscSettings.from(options("misc_path", "/bin/true", "misc_dynamic", Boolean.TRUE)).dynamic());
        assertTrue(MiscSettings.from(options("misc_path", "/bin/true", "misc_dynamic", "")).dynamic());
        assertFalse(MiscSettings.from(options("misc_path", "/bin/true", "misc_dynamic", "false")).dynamic());
    }

    @Test
    void userWithOptionalGroupInEveryForm() {
        assertEquals(Optional.empty(), MiscSettings.from(options("misc_path", "/bin/true")).user());
        assertEquals(Optional.of(RunAs.user("nobody")),
                MiscSettings.from(options("misc_path", "/bin/true", "user", "nobody")).user());
        assertEquals(Optional.of(RunAs.of("nobody", "nogroup")),
                MiscSettings.from(options("misc_path", "/bin/true", "user", List.of("nobody", "nogroup"))).user());
        assertEquals(Optional.of(RunAs.of("nobody", "nogroup")),
                MiscSettings.from(options("misc_path", "/bin/true", "user", new String[] {"nobody", "nogroup"}))
                        .user());
        assertEquals(Optional.of(RunAs.of("nobody", "nogroup")),
                MiscSettings.from(options("misc_path", "/bin/true", "user", "nobody nogroup")).user());
        assertEquals(Optional.of(RunAs.user("nobody")),
                MiscSettings.from(options("misc_path", "/bin/true", "user", List.of("nobody"))).user());
    }
}
