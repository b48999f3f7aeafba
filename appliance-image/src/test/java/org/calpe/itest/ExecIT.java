package org.calpe.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.calpe.exec.api.ScriptCommand;
import org.calpe.exec.api.ScriptRequest;
import org.calpe.exec.api.ScriptResult;
import org.calpe.exec.api.ScriptRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/** The script runner as a service in a real Felix: a command runs, and a hanging one is timed out. */
@ExtendWith(ServiceExtension.class)
class ExecIT {
    @InjectService(timeout = 10_000)
    ScriptRunner runner;

    @Test
    void runsACommandAndReportsItsOutputAndExitCode() throws Exception {
        ScriptResult r = runner.run(ScriptRequest.of("echo", ScriptCommand.parse("/bin/sh -c 'echo calpe; exit 3'")))
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(ScriptResult.Outcome.EXITED, r.outcome(), r.toString());
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(r.output().contains("calpe"), r.output());
    }

    @Test
    void timesOutAHangingScript() throws Exception {
        ScriptResult r = runner.run(ScriptRequest.of("hang", ScriptCommand.parse("/bin/sleep 30"))
                .withTimeout(Duration.ofMillis(300)).withKillGrace(Duration.ofMillis(300)))
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(ScriptResult.Outcome.TIMED_OUT, r.outcome(), r.toString());
    }
}
