package org.calpe.appliance.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The instance's pid file (keepalived's {@code -p}): written by scripts/calpe, removed by us on a clean stop.
 *
 * @param file the pid file
 * @param pid  the process id it must name for us to remove it
 */
record PidFile(Path file, long pid) {

    /**
     * Deletes the file if it names our pid; a file naming another process (a newer instance) stays.
     *
     * @return true if the file was deleted
     */
    boolean removeIfOwned() {
        try {
            String content = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (content.equals(Long.toString(pid))) {
                Files.delete(file);
                return true;
            }
        } catch (IOException e) {
            // absent or unreadable: nothing of ours to remove
        }
        return false;
    }
}
