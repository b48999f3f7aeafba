package org.calpe.config.keepalived.lexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100,000-line file with substitutions and comments preprocesses completely and correctly. Speed is measured
 * by scripts/bench/configtest.sh (BENCHMARKS.md), not here.
 */
class LargeFileTest {
    @TempDir
    Path tmp;

    @Test
    void hundredThousandLines() {
        StringBuilder sb = new StringBuilder("$PRIO=100\n");
        for (int i = 0; i < 10_000; i++) {
            sb.append("vrrp_instance VI_").append(i).append(" {   # instance ").append(i).append('\n')
                    .append("    state BACKUP\n    interface eth0\n    virtual_router_id ").append(i % 255 + 1)
                    .append("\n    priority $PRIO\n    advert_int 1\n    virtual_ipaddress {\n        198.18.")
                    .append(i / 256).append('.').append(i % 256).append("/32\n    }\n}\n");
        }
        LexerFixture fx = new LexerFixture(tmp);
        fx.write("big.conf", sb.toString());
        PreprocessResult r = fx.run("big.conf");
        assertEquals(120_000, r.lines().size());
        assertEquals("priority 100", r.lines().get(5).toString());
        assertTrue(r.diagnostics().isEmpty());
        assertEquals("198.18.39.15/32", r.lines().get(r.lines().size() - 3).toString());
    }
}
