package org.calpe.check.http.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP server for tests: every accepted connection runs {@link Behaviour} on its own thread; the
 * request heads received are recorded. Closed by the test.
 */
public final class RawServer implements AutoCloseable {

    /** What the server does with one connection. */
    @FunctionalInterface
    public interface Behaviour {
        void serve(Socket socket, String requestHead) throws Exception;
    }

    private final ServerSocket server;
    private final Thread acceptor;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private RawServer(Behaviour behaviour, boolean readRequest) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    sockets.add(s);
                    Thread t = new Thread(() -> {
                        try (s) {
                            String head = readRequest ? readHead(s.getInputStream()) : "";
                            requests.add(head);
                            behaviour.serve(s, head);
                        } catch (Exception e) {
                            // the checker may close first
                        }
                    }, "raw-server-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "raw-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A server that reads the request head, then runs {@code behaviour}. */
    public static RawServer start(Behaviour behaviour) throws IOException {
        return new RawServer(behaviour, true);
    }

    /** A server that answers every request with {@code response} (ISO-8859-1, escapes as in Java) and closes. */
    public static RawServer respond(String response) throws IOException {
        byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
        return start((s, head) -> {
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
        });
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The request heads received so far, in order. */
    public List<String> requests() {
        return requests;
    }

    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        int c;
        while (state < 4 && (c = in.read()) >= 0) {
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) ? state + 1
                    : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : (c == '\r' ? 1 : 0);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (SocketException e) {
                // already gone
            }
        }
    }
}
