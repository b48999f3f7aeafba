package org.calpe.lvs.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.calpe.check.api.CheckStatus;
import org.calpe.check.api.dto.RealServerStatus;
import org.calpe.check.api.dto.VirtualServerStatus;
import org.junit.jupiter.api.Test;

class ChecksCommandTest {

    @Test
    void listsServersCheckersAndLag() {
        Fixture f = new Fixture().bindTcp();
        f.tcp.then(FakeChecker.OK, FakeChecker.REFUSED);
        f.simple("retry", 0L);
        f.advance(11);
        CheckStatus status = new CheckStatus() {
            @Override
            public List<RealServerStatus> realServers() {
                return f.engine.snapshot();
            }

            @Override
            public List<VirtualServerStatus> virtualServers() {
                return f.engine.virtualServerSnapshot();
            }
        };
        CheckDiagnostics diag = new CheckDiagnostics() {
            @Override
            public LagHistogram.Snapshot lag() {
                return f.engine.lag().snapshot();
            }

            @Override
            public void resetLag() {
                f.engine.lag().reset();
            }

            @Override
            public int realServerCount() {
                return f.engine.size();
            }
        };
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ChecksCommand cmd = new ChecksCommand(diag, status, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        cmd.checks();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("[198.18.0.10]:tcp:80  quorum DOWN  weight sum 0  quorum 1  hysteresis 0\n"
                + "[198.18.0.10]:tcp:80  [198.18.1.1]:tcp:80  DOWN  weight 1\n"), text);
        assertTrue(text.contains("    TCP_CHECK [198.18.1.1]:tcp:80  DOWN  failures 0  last FAILURE (Connection "
                + "refused) in 1.0 ms at 2026-01-01T00:00:11Z"), text);
        bytes.reset();
        cmd.checklag("reset");
        assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("checks=2 mean_us=0 "), bytes.toString());
        assertTrue(bytes.toString(StandardCharsets.UTF_8).trim().endsWith("real_servers=1"));
        assertEquals(0, f.engine.lag().snapshot().count());
        assertEquals("no checked real servers\n", ChecksCommand.table(List.<RealServerStatus>of()));
    }
}
