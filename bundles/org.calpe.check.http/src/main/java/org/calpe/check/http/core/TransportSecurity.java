package org.calpe.check.http.core;

import java.net.InetSocketAddress;
import java.util.Optional;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.util.concurrent.Future;

/**
 * What lies between TCP and HTTP: nothing for HTTP_GET ({@link #PLAIN}), TLS for SSL_GET. Also carries the
 * differences between keepalived's two read loops.
 */
public interface TransportSecurity {

    /** Installs the handlers of a new connection, before the exchange handler. */
    void install(ChannelPipeline pipeline, Optional<String> sniName, InetSocketAddress peer);

    /** Completes when the request may be sent (TLS: handshake done); a failure fails the url. */
    Future<?> ready(Channel channel);

    /**
     * keepalived's SSL_GET treats any read error after the handshake like the end of the response (its
     * ssl_read_thread hands the buffer to the evaluation); HTTP_GET fails the url ("Read error with").
     */
    boolean readErrorEndsResponse();

    /** keepalived's words for a read that timed out: "Timeout HTTP read" or "Timeout SSL read". */
    String readTimeoutText();

    /** Plain TCP: HTTP_GET. */
    TransportSecurity PLAIN = new TransportSecurity() {
        @Override
        public void install(ChannelPipeline pipeline, Optional<String> sniName, InetSocketAddress peer) {
            // nothing between TCP and HTTP
        }

        @Override
        public Future<?> ready(Channel channel) {
            return channel.eventLoop().newSucceededFuture(null);
        }

        @Override
        public boolean readErrorEndsResponse() {
            return false;
        }

        @Override
        public String readTimeoutText() {
            return "Timeout HTTP read";
        }
    };
}
