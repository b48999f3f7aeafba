package org.calpe.config.media.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link CommandRunner} over {@link ProcessBuilder}: no shell, stdin closed, stdout and stderr merged. The output
 * is read once the process has exited, so it must fit the pipe (64 KiB), which is ample for blkid and mount; a
 * process that does not exit in time is killed.
 */
final class ProcessCommandRunner implements CommandRunner {
    @Override
    public Result run(List<String> command, Duration timeout) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            p.getOutputStream().close();
        } catch (IOException e) {
            return new Result(-1, "cannot run " + command.get(0) + ": " + e.getMessage(), false);
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "", true);
            }
            try (InputStream in = p.getInputStream()) {
                return new Result(p.exitValue(), new String(in.readAllBytes(), StandardCharsets.UTF_8).trim(), false);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted", true);
        } catch (IOException e) {
            return new Result(p.exitValue(), "", false);
        }
    }
}
