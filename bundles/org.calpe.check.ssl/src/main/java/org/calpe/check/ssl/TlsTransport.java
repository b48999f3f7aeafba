package org.calpe.check.ssl;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import org.calpe.check.http.core.TransportSecurity;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;

/**
 * TLS under the HTTP exchange: a JDK {@link SSLEngine} from one client context, SNI only when {@code enable_sni}
 * chose a name (keepalived sends none otherwise), the handshake bounded by the exchange's timeout.
 */
final class TlsTransport implements TransportSecurity {
    private final SslContext context;

    TlsTransport(SslContext context) {
        this.context = context;
    }

    @Override
    public void install(ChannelPipeline pipeline, Optional<String> sniName, InetSocketAddress peer) {
        SSLEngine engine = context.newEngine(pipeline.channel().alloc());
        SSLParameters params = engine.getSSLParameters();
        params.setServerNames(List.of());
        if (sniName.isPresent()) {
            try {
                params.setServerNames(List.of(new SNIHostName(sniName.get())));
            } catch (IllegalArgumentException e) {
                // not a host name the JDK can send (e.g. an address): no SNI
            }
        }
        engine.setSSLParameters(params);
        SslHandler handler = new SslHandler(engine);
        handler.setHandshakeTimeoutMillis(0); // the exchange's own deadline covers the handshake
        pipeline.addLast("tls", handler);
    }

    @Override
    public Future<?> ready(Channel channel) {
        return channel.pipeline().get(SslHandler.class).handshakeFuture();
    }

    @Override
    public boolean readErrorEndsResponse() {
        return true;
    }

    @Override
    public String readTimeoutText() {
        return "Timeout SSL read";
    }
}
