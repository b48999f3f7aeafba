package org.calpe.genhash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lab test (no root needed): keepalived 2.2.7's {@code genhash} (installed with keepalived) and Calpe's genhash
 * send the same request bytes, both where Calpe's go through Netty's HttpRequestEncoder and where they are
 * written by hand (empty url, space, non-ASCII, tab in the Host value, absolute url without a path, over 2047
 * bytes).
 */
class GetRequestParityLabTest {
    private ServerSocket server;
    private Thread acceptor;
    private final BlockingQueue<byte[]> requests = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "request-capture");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        acceptor.join(5000);
    }

    /** Records each request head (up to CRLF CRLF, or what came within a second), then answers and closes. */
    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(1000);
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                InputStream in = s.getInputStream();
                try {
                    while (!head.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                        int b = in.read();
                        if (b < 0) {
                            break;
                        }
                        head.write(b);
                    }
                } catch (SocketTimeoutException e) {
                    // a request cut at 2047 bytes has no end of head
                }
                requests.add(head.toByteArray());
                OutputStream out = s.getOutputStream();
                out.write("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // closed by stop(), or the client went away first
            }
        }
    }

    private byte[] keepalived(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("genhash"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "genhash hangs");
        assertEquals(0, p.exitValue(), "keepalived genhash " + args);
        return next(args);
    }

    private byte[] calpe(List<String> args) throws Exception {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(0, new Genhash("genhash", sink, sink, Genhash.argCharset()).run(args), "calpe genhash " + args);
        return next(args);
    }

    private byte[] next(List<String> args) throws InterruptedException {
        byte[] r = requests.poll(10, TimeUnit.SECONDS);
        assertTrue(r != null && r.length > 0, "no request for " + args);
        return r;
    }

    @Test
    void requestsEqualKeepalivedsGenhash() throws Exception {
        String port = Integer.toString(server.getLocalPort());
        String[][] cases = {
            {"-u", "/x"}, {"-u", "/x", "-P", "1.0c"}, {"-u", "/x", "-P", "1.1", "-V", "vh.test"},
            {"-u", "http://h/?q"}, {"-u", "/q?a=1&b=%20", "-V", "www.example.test:8080"},
            {"-u", "/" + "b".repeat(1981), "-V", "127.0.0.1:1"}, // 2047 bytes: still Netty's
            {"-u", ""}, {"-u", "/" + "a".repeat(3000)}, {"-u", "/a b", "-V", " h"},
            {"-u", "/\u00e9", "-V", "\u00e9.invalid"}, {"-u", "http://h?q"}, {"-u", "/x", "-V", "a\tb", "-P", "1.1"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("-s", "127.0.0.1", "-p", port));
            args.addAll(List.of(c));
            byte[] expected = keepalived(args);
            assertArrayEquals(expected, calpe(args), () -> "genhash " + args + ": keepalived sent "
                    + new String(expected, StandardCharsets.ISO_8859_1));
        }
    }
}
