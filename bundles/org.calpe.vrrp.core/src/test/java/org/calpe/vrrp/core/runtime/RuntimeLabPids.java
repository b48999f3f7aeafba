package org.calpe.vrrp.core.runtime;

import java.io.IOException;

/** The processes still running in a lab namespace. */
final class RuntimeLabPids {
    private RuntimeLabPids() {
    }

    /** @return true if nothing runs in {@code ns} any more */
    static boolean empty(String ns) {
        try {
            return RuntimeLab.run("ip", "netns", "pids", ns).isBlank();
        } catch (IOException e) {
            return true;
        }
    }
}
