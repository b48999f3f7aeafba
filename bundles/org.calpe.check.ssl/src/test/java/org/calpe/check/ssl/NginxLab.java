package org.calpe.check.ssl;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real nginx for lab tests: a generated config and prefix under {@code dir}, listening on 127.0.0.1 only (one
 * plain and one TLS port, two name-based servers each, self-signed certificates made with openssl), run in the
 * foreground as our child and stopped by its PID (and its workers' PIDs) in {@link #close()}.
 */
final class NginxLab implements AutoCloseable {
    static final String A = "a.calpe.invalid";
    static final String B = "b.calpe.invalid";
    private static final Pattern MD5 = Pattern.compile("\\b[0-9a-f]{32}\\b");

    final Path dir;
    final int httpPort;
    final int tlsPort;
    private final Process nginx;

    private NginxLab(Path dir, int httpPort, int tlsPort, Process nginx) {
        this.dir = dir;
        this.httpPort = httpPort;
        this.tlsPort = tlsPort;
        this.nginx = nginx;
    }

    static NginxLab start(Path dir) throws Exception {
        for (String name : new String[] {A, B}) {
            run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-keyout", dir.resolve(name + ".key").toString(), "-out", dir.resolve(name + ".crt").toString(),
                    "-subj", "/CN=" + name, "-addext", "subjectAltName=DNS:" + name));
            Path www = Files.createDirectories(dir.resolve("www-" + name));
            Files.writeString(www.resolve("index.html"), "<html><body>server " + name + "</body></html>\n");
            StringBuilder big = new StringBuilder();
            for (int i = 0; i < 40_000; i++) {
                big.append("line ").append(i).append(" of ").append(name).append('\n');
            }
            Files.writeString(www.resolve("big.txt"), big);
        }
        Files.createDirectories(dir.resolve("logs"));
        int httpPort = freePort();
        int tlsPort = freePort();
        StringBuilder conf = new StringBuilder();
        conf.append("daemon off;\nmaster_process on;\nworker_processes 1;\n");
        if ("root".equals(System.getProperty("user.name"))) {
            conf.append("user root root;\n"); // workers must read the test's private directory
        }
        conf.append("pid ").append(dir.resolve("nginx.pid")).append(";\n")
                .append("error_log ").append(dir.resolve("logs/error.log")).append(" warn;\n")
                .append("events { worker_connections 64; }\n")
                .append("http {\n  access_log off;\n  default_type text/plain;\n");
        for (String t : new String[] {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
            conf.append("  ").append(t).append("_temp_path ").append(dir.resolve("tmp-" + t)).append(";\n");
        }
        for (String name : new String[] {A, B}) {
            for (boolean tls : new boolean[] {false, true}) {
                conf.append("  server {\n    listen 127.0.0.1:").append(tls ? tlsPort + " ssl" : httpPort)
                        .append(";\n    server_name ").append(name).append(";\n    root ")
                        .append(dir.resolve("www-" + name)).append(";\n");
                if (tls) {
                    conf.append("    ssl_certificate ").append(dir.resolve(name + ".crt")).append(";\n")
                            .append("    ssl_certificate_key ").append(dir.resolve(name + ".key")).append(";\n")
                            .append("    location = /sni { return 200 \"sni=$ssl_server_name host=$host\\n\"; }\n");
                }
                conf.append("    location = /status { return 200 \"status: healthy on ").append(name)
                        .append("\\n\"; }\n    location = /teapot { return 418; }\n  }\n");
            }
        }
        conf.append("}\n");
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        Process p = new ProcessBuilder("/usr/sbin/nginx", "-p", dir.toString(), "-c", confFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("logs/stdout.log").toFile()).start();
        NginxLab lab = new NginxLab(dir, httpPort, tlsPort, p);
        try {
            lab.awaitListening(httpPort);
            lab.awaitListening(tlsPort);
        } catch (Exception e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!nginx.isAlive()) {
                throw new IllegalStateException("nginx exited: " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nginx not listening on " + port + ": " + log());
    }

    String log() throws IOException {
        Path err = dir.resolve("logs/error.log");
        Path out = dir.resolve("logs/stdout.log");
        return (Files.exists(out) ? Files.readString(out) : "") + (Files.exists(err) ? Files.readString(err) : "");
    }

    /**
     * keepalived's genhash against this nginx: the MD5 it prints, or its whole output when it prints none.
     *
     * @param args extra genhash arguments ({@code -S}, {@code -I}, {@code -V name}, {@code -P 1.1})
     */
    String genhash(int port, String path, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("genhash", "-s", "127.0.0.1", "-p", Integer.toString(port),
                "-u", path));
        cmd.addAll(List.of(args));
        String out = run(cmd);
        Matcher m = MD5.matcher(out);
        return m.find() ? m.group() : out;
    }

    static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        String s = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(cmd + " exited " + p.exitValue() + ": " + s);
        }
        return s;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Stops nginx (SIGTERM, then SIGKILL) and any worker left behind, by PID. */
    @Override
    public void close() throws Exception {
        List<ProcessHandle> workers = nginx.descendants().toList();
        nginx.destroy();
        if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
            nginx.destroyForcibly();
            nginx.waitFor(5, TimeUnit.SECONDS);
        }
        for (ProcessHandle w : workers) {
            if (w.isAlive()) {
                w.destroyForcibly();
            }
        }
    }
}
