package org.calpe.check.http.core;

import java.net.BindException;
import java.net.NoRouteToHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.util.Locale;

import org.calpe.check.api.FailureCause;

import io.netty.channel.ConnectTimeoutException;

/**
 * Maps a failed connect or a failed read to keepalived's outcome: refused, unreachable, timed out or reset fail
 * the url ("Connection failed", "Timeout connecting", "Read error with"); local errors (bind failure, an address
 * that is not available) give no verdict ("Error connecting").
 */
final class ConnectFailures {
    private ConnectFailures() {
    }

    static UrlVerdict connect(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindException || t instanceof UnresolvedAddressException
                    || t instanceof UnsupportedAddressTypeException) {
                return UrlVerdict.error("Error connecting: " + describe(t));
            }
        }
        if (failure instanceof ConnectTimeoutException) {
            return UrlVerdict.failed(FailureCause.TIMEOUT, "Timeout connecting");
        }
        return UrlVerdict.failed(cause(failure), "Connection failed: " + describe(failure));
    }

    static UrlVerdict read(Throwable failure, String path) {
        FailureCause c = cause(failure);
        return UrlVerdict.failed(c == FailureCause.OTHER ? FailureCause.RESET : c,
                "Read error with server: " + describe(failure) + ", url " + path);
    }

    private static FailureCause cause(Throwable failure) {
        String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
        if (failure instanceof NoRouteToHostException || message.contains("unreachable")
                || message.contains("no route") || message.contains("is down")) {
            return FailureCause.UNREACHABLE;
        }
        if (message.contains("refused")) {
            return FailureCause.REFUSED;
        }
        if (message.contains("timed out")) {
            return FailureCause.TIMEOUT;
        }
        if (message.contains("reset") || message.contains("abort") || message.contains("broken pipe")) {
            return FailureCause.RESET;
        }
        return FailureCause.OTHER;
    }

    static String describe(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
