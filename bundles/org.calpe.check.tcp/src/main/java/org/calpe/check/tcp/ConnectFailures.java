package org.calpe.check.tcp;

import java.net.BindException;
import java.net.NoRouteToHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.time.Duration;
import java.util.Locale;

import org.calpe.check.api.CheckResult;
import org.calpe.check.api.FailureCause;

import io.netty.channel.ConnectTimeoutException;

/**
 * Maps a failed connect to keepalived's outcome. keepalived fails the check for ECONNREFUSED, ETIMEDOUT,
 * ENETUNREACH, EHOSTUNREACH, EHOSTDOWN, ENETDOWN, ECONNRESET, ECONNABORTED and for any error the kernel reports
 * after the connect started; it gives no verdict for local errors (bind failure, EADDRNOTAVAIL, socket creation),
 * which the JDK reports as {@link BindException}.
 */
final class ConnectFailures {
    private ConnectFailures() {
    }

    static CheckResult classify(Throwable failure, Duration latency) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindException || t instanceof UnresolvedAddressException
                    || t instanceof UnsupportedAddressTypeException) {
                return CheckResult.error(describe(t));
            }
        }
        if (failure instanceof ConnectTimeoutException) {
            return CheckResult.failure(FailureCause.TIMEOUT, "connection timed out", latency);
        }
        String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
        FailureCause cause;
        if (failure instanceof NoRouteToHostException || message.contains("unreachable")
                || message.contains("no route") || message.contains("is down")) {
            cause = FailureCause.UNREACHABLE;
        } else if (message.contains("refused")) {
            cause = FailureCause.REFUSED;
        } else if (message.contains("timed out")) {
            cause = FailureCause.TIMEOUT;
        } else if (message.contains("reset") || message.contains("abort")) {
            cause = FailureCause.RESET;
        } else {
            cause = FailureCause.OTHER;
        }
        return CheckResult.failure(cause, describe(failure), latency);
    }

    private static String describe(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
