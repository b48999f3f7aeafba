package org.calpe.exec.internal;

import java.util.List;

import org.calpe.exec.api.Accounts.Ids;
import org.calpe.exec.api.ScriptResult.ExecMode;

/**
 * What to start for a request: the full argv (setsid and setpriv wrappers, then the script or {@code /bin/sh -c}),
 * how the script itself is run, and as whom.
 */
record LaunchPlan(List<String> argv, ExecMode mode, List<String> scriptArgv, Ids ids) {
    LaunchPlan {
        argv = List.copyOf(argv);
        scriptArgv = List.copyOf(scriptArgv);
    }
}
