package org.calpe.config.keepalived.schema.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.calpe.exec.api.Accounts;

/**
 * The parts of the host that script security depends on: the account databases, the search path for bare
 * command names, the working directory for relative ones, and the user keepalived itself runs as (whose ids
 * scripts get when no user is configured and {@code keepalived_script} does not exist). The live view reads
 * this machine; tests put their own into the parse context first:
 * {@code ctx.state(HostView.class, () -> new HostView(...))}.
 *
 * @param searchPath the PATH value, ':'-separated (empty entries mean the working directory)
 */
public record HostView(Accounts accounts, String searchPath, Path workingDirectory, int ourUid, int ourGid) {
    /** glibc's {@code _CS_PATH}, used by keepalived when PATH is not set. */
    public static final String DEFAULT_PATH = "/bin:/usr/bin";

    /** This machine, with the PATH keepalived would see (from the parse's environment). */
    public static HostView live(String pathVariable) {
        int uid = 0;
        int gid = 0;
        try {
            // /proc/self belongs to the effective user and group of this process
            uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            gid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // not Linux: keep root, as keepalived runs
        }
        return new HostView(Accounts.host(), pathVariable == null ? DEFAULT_PATH : pathVariable,
                Path.of("").toAbsolutePath(), uid, gid);
    }
}
