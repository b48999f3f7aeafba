package org.calpe.check.ssl;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

/**
 * Builds the client TLS context as keepalived's build_ssl_ctx does: any TLS version the JDK offers, no server
 * certificate verification (keepalived never sets SSL_VERIFY_PEER, whether or not {@code ca} is given), and the
 * client certificate chain and key when both are configured.
 */
final class ClientContexts {
    private ClientContexts() {
    }

    static SslContext build(SslSettings settings) throws IOException, GeneralSecurityException {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
        if (settings.certificate().isPresent() && settings.key().isPresent()) {
            List<X509Certificate> chain = PemFiles.certificates(Path.of(settings.certificate().get()));
            PrivateKey key = PemFiles.privateKey(Path.of(settings.key().get()), settings.password().orElse(null));
            b.keyManager(key, chain.toArray(X509Certificate[]::new));
        } else if (settings.certificate().isPresent() || settings.key().isPresent()) {
            throw new GeneralSecurityException("SSL certificate and key must be given together: " + settings);
        }
        return b.build();
    }
}
