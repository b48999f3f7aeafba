package org.calpe.config.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.calpe.config.api.model.Block;
import org.calpe.config.api.model.KeepalivedConfig;
import org.junit.jupiter.api.Test;

/** Which results Calpe applies: what keepalived would run, minus anything it would have to drop a line for. */
class ParseResultTest {
    private static final KeepalivedConfig CONFIG = new KeepalivedConfig(
            new Block("", List.of(), List.of(), Location.UNKNOWN));

    private static ParseResult with(Severity... severities) {
        return new ParseResult(Optional.of(CONFIG), java.util.Arrays.stream(severities)
                .map(s -> new Diagnostic(s, new Location("k.conf", 3, 1), s.name())).toList(), Set.of());
    }

    @Test
    void warningsAndSecurityFindingsAreApplied() {
        assertTrue(with().applicable());
        assertTrue(with(Severity.INFO, Severity.WARNING).applicable());
        ParseResult security = with(Severity.SECURITY, Severity.WARNING);
        assertTrue(security.applicable(), "keepalived runs it (scripts without enable_script_security)");
        assertEquals(6, security.exitCode(), "while keepalived -t still exits 6");
    }

    @Test
    void errorsFatalsAndAbortsAreNot() {
        assertFalse(with(Severity.ERROR).applicable());
        assertFalse(with(Severity.SECURITY, Severity.ERROR).applicable(), "an error behind a worse security finding");
        assertFalse(with(Severity.FATAL).applicable());
        assertFalse(with(Severity.ABORT).applicable());
        assertFalse(new ParseResult(Optional.empty(), List.of(), Set.of()).applicable());
    }
}
