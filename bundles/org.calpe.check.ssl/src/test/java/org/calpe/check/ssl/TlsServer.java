package org.calpe.check.ssl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A loopback TLS server for tests (JDK, the fixture server certificate): records the SNI names and client
 * certificate subjects it sees and answers every request with a fixed response.
 */
final class TlsServer implements AutoCloseable {
    private final SSLServerSocket server;
    private final List<String> sni = new CopyOnWriteArrayList<>();
    private final List<String> clients = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    TlsServer(String response, boolean needClientAuth) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", PemFiles.privateKey(Fixtures.path("server.key"), null), new char[0],
                PemFiles.certificates(Fixtures.path("server.crt")).toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), new TrustManager[] {new TrustAll()}, null);
        server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(needClientAuth);
        byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    SSLSocket s = (SSLSocket) server.accept();
                    Thread c = new Thread(() -> serve(s, bytes), "tls-server-conn");
                    c.setDaemon(true);
                    c.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "tls-server");
        t.setDaemon(true);
        t.start();
    }

    private void serve(SSLSocket s, byte[] response) {
        try (s) {
            s.setSoTimeout(10_000);
            s.startHandshake();
            ExtendedSSLSession session = (ExtendedSSLSession) s.getSession();
            List<SNIServerName> names = session.getRequestedServerNames();
            sni.add(names.isEmpty() ? "" : ((SNIHostName) names.get(0)).getAsciiName());
            try {
                clients.add(((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal().getName());
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                clients.add("");
            }
            requests.add(readHead(s.getInputStream()));
            s.getOutputStream().write(response);
            s.getOutputStream().flush();
        } catch (IOException e) {
            // handshake refused or the client went away
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            String s = b.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    int port() {
        return server.getLocalPort();
    }

    List<String> sniNames() {
        return sni;
    }

    List<String> clientSubjects() {
        return clients;
    }

    List<String> requests() {
        return requests;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
