package org.calpe.exec.internal;

import java.util.Optional;

import org.calpe.exec.api.Accounts.Ids;
import org.calpe.exec.api.ScriptRequest;
import org.calpe.exec.api.ScriptResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where script runs are logged, in one format:
 * <pre>Script NAME OUTCOME: DETAIL [cmd='...' 'arg' user=U:G pid=P exit=E signal=S elapsed=Nms]</pre>
 * Runner failures (not started, timed out, stopped) are warnings. A non-zero exit is a verdict for the caller
 * (a failed track script or health check), which logs it in keepalived's words when its state changes; here it
 * is debug only.
 */
final class ExecLog {
    private static final Logger LOG = LoggerFactory.getLogger("org.calpe.exec");

    void finished(ScriptRequest request, Optional<Ids> ids, ScriptResult result) {
        boolean failure = result.outcome() != ScriptResult.Outcome.EXITED;
        if (!failure && !LOG.isDebugEnabled()) {
            return;
        }
        String line = format(request, ids, result);
        if (failure) {
            LOG.warn(line);
        } else {
            LOG.debug(line);
        }
    }

    static String format(ScriptRequest request, Optional<Ids> ids, ScriptResult r) {
        StringBuilder sb = new StringBuilder(160).append("Script ").append(request.name()).append(' ')
                .append(r.outcome());
        if (!r.detail().isEmpty()) {
            sb.append(": ").append(r.detail());
        }
        sb.append(" [cmd=").append(request.command().shellString());
        ids.ifPresent(i -> sb.append(" user=").append(i));
        if (r.pid() >= 0) {
            sb.append(" pid=").append(r.pid()).append(" mode=").append(r.mode());
        }
        if (r.exitCode() >= 0) {
            sb.append(" exit=").append(r.exitCode());
        }
        if (r.signal() != 0) {
            sb.append(" signal=").append(r.signal());
        }
        sb.append(" elapsed=").append(r.elapsed().toMillis()).append("ms]");
        return sb.toString();
    }
}
