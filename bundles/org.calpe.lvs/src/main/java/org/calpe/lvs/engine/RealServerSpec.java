package org.calpe.lvs.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.calpe.exec.api.ScriptCommand;

/**
 * One real server as configured, with its checkers.
 *
 * @param pid the real server's Config Admin PID, its identity on reload
 * @param virtualServer the virtual server as keepalived prints it ({@code [198.18.0.10]:tcp:80}, {@code FWM 1})
 * @param realServer the real server as keepalived prints it ({@code [198.18.1.1]:tcp:80})
 * @param weight the configured weight
 * @param inhibit {@code inhibit_on_failure} (real server, else virtual server)
 * @param notifyUp {@code notify_up}
 * @param notifyDown {@code notify_down}
 * @param checks its checkers in configuration order
 */
public record RealServerSpec(String pid, String virtualServer, String realServer, int weight, boolean inhibit,
        Optional<ScriptCommand> notifyUp, Optional<ScriptCommand> notifyDown, List<CheckSpec> checks) {

    public RealServerSpec {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(virtualServer, "virtualServer");
        Objects.requireNonNull(realServer, "realServer");
        Objects.requireNonNull(notifyUp, "notifyUp");
        Objects.requireNonNull(notifyDown, "notifyDown");
        checks = List.copyOf(checks);
    }
}
