package org.calpe.vrrp.core.notify;

import java.util.List;

import org.calpe.exec.api.ScriptRequest;

/**
 * What one notification does, in keepalived's order: the scripts to start (the state-specific one first, then the
 * generic {@code notify}; started without waiting for each other), then the lines for the FIFOs.
 */
public record NotifyPlan(List<ScriptRequest> scripts, List<String> fifoLines) {
    public NotifyPlan {
        scripts = List.copyOf(scripts);
        fifoLines = List.copyOf(fifoLines);
    }
}
