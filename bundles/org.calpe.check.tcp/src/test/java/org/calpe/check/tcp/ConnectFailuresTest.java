package org.calpe.check.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.time.Duration;

import org.calpe.check.api.FailureCause;
import org.calpe.check.api.Verdict;
import org.junit.jupiter.api.Test;

import io.netty.channel.ConnectTimeoutException;

class ConnectFailuresTest {

    private static FailureCause cause(Throwable t) {
        return ConnectFailures.classify(t, Duration.ZERO).cause();
    }

    @Test
    void mapsErrorsLikeKeepalived() {
        assertEquals(FailureCause.TIMEOUT, cause(new ConnectTimeoutException("connection timed out")));
        assertEquals(FailureCause.TIMEOUT, cause(new ConnectException("Connection timed out")));
        assertEquals(FailureCause.REFUSED, cause(new ConnectException("Connection refused: /127.0.0.1:1")));
        assertEquals(FailureCause.UNREACHABLE, cause(new NoRouteToHostException("No route to host")));
        assertEquals(FailureCause.UNREACHABLE, cause(new SocketException("Network is unreachable")));
        assertEquals(FailureCause.RESET, cause(new SocketException("Connection reset by peer")));
        assertEquals(FailureCause.OTHER, cause(new SocketException("Protocol error")));
    }

    @Test
    void localErrorsGiveNoVerdictEvenWhenWrapped() {
        assertEquals(Verdict.ERROR,
                ConnectFailures.classify(new BindException("Address already in use"), Duration.ZERO).verdict());
        SocketException wrapped = new SocketException("Address already in use: /127.0.0.1:80");
        wrapped.initCause(new BindException("Address already in use"));
        assertEquals(Verdict.ERROR, ConnectFailures.classify(wrapped, Duration.ZERO).verdict());
    }
}
