package org.calpe.config.media.internal;

import java.time.Duration;
import java.util.List;

/** Runs an external command (blkid, mount, umount) with a time limit; a port so tests can fake the system. */
interface CommandRunner {
    /**
     * The command's outcome.
     *
     * @param exitCode its exit code; -1 when it could not be started or was killed at the time limit
     * @param output its standard output and error, trimmed
     * @param timedOut whether it was killed at the time limit
     */
    record Result(int exitCode, String output, boolean timedOut) {
        boolean ok() {
            return exitCode == 0 && !timedOut;
        }

        /** One line for the log: the output, else the exit code. */
        String describe() {
            if (timedOut) {
                return "no answer within the time limit";
            }
            return output.isBlank() ? "exit code " + exitCode : output.replace('\n', ' ') + " (exit code " + exitCode + ")";
        }
    }

    Result run(List<String> command, Duration timeout);
}
