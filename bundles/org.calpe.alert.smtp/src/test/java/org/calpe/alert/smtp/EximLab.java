package org.calpe.alert.smtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Exim (Debian's exim4-daemon-light) in the foreground on 127.0.0.1 with a generated configuration in a
 * directory of its own: spool, logs and a maildir there, delivering as Debian-exim. Started and stopped by the
 * test (its own child process, by PID); Exim gives up root for {@code -C} and still delivers to the maildir.
 */
final class EximLab implements AutoCloseable {
    static final String EXIM = "/usr/sbin/exim4";
    private static final String USER = "Debian-exim";

    /** What the relay offers. */
    enum Mode {
        /** No STARTTLS, no AUTH, relays anything. */
        PLAIN,
        /** STARTTLS; AUTH PLAIN and LOGIN after TLS; relays only for authenticated clients. */
        TLS_AUTH,
        /** As TLS_AUTH but only AUTH LOGIN is offered. */
        TLS_AUTH_LOGIN_ONLY
    }

    final Path dir;
    final int port;
    private final Mode mode;
    private Process process;

    EximLab(Path parent, String name, int port, Mode mode) throws IOException {
        this.dir = parent.resolve(name);
        this.port = port;
        this.mode = mode;
        Files.createDirectories(dir);
        for (String d : List.of("spool", "log", "maildir")) {
            Path p = Files.createDirectories(dir.resolve(d));
            owner(p);
        }
        Files.writeString(dir.resolve("exim.conf"), config(parent));
    }

    private static void owner(Path p) throws IOException {
        UserPrincipalLookupService l = p.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal u = l.lookupPrincipalByName(USER);
        GroupPrincipal g = l.lookupPrincipalByGroupName(USER);
        PosixFileAttributeView v = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        v.setOwner(u);
        v.setGroup(g);
    }

    private String config(Path parent) {
        boolean tls = mode != Mode.PLAIN;
        String d = dir.toString();
        StringBuilder c = new StringBuilder();
        c.append("primary_hostname = calpe-lab.invalid\n");
        c.append("exim_user = ").append(USER).append("\nexim_group = ").append(USER).append('\n');
        c.append("spool_directory = ").append(d).append("/spool\n");
        c.append("log_file_path = ").append(d).append("/log/%slog\n");
        c.append("pid_file_path = ").append(d).append("/exim.pid\n");
        c.append("daemon_smtp_ports = ").append(port).append('\n');
        c.append("local_interfaces = 127.0.0.1\n");
        c.append("log_selector = +subject +tls_cipher\n");
        c.append("never_users =\nhost_lookup =\nrfc1413_hosts =\n");
        if (tls) {
            c.append("tls_advertise_hosts = *\n");
            c.append("tls_certificate = ").append(parent).append("/cert.pem\n");
            c.append("tls_privatekey = ").append(parent).append("/key.pem\n");
            c.append("auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}}\n");
        } else {
            c.append("tls_advertise_hosts =\nauth_advertise_hosts =\n");
        }
        c.append("acl_smtp_rcpt = check_rcpt\n\nbegin acl\ncheck_rcpt:\n");
        c.append(tls ? "  accept authenticated = *\n  deny message = authentication required\n" : "  accept\n");
        c.append("\nbegin routers\neverything:\n  driver = accept\n  transport = maildir\n");
        c.append("\nbegin transports\nmaildir:\n  driver = appendfile\n  directory = ").append(d)
                .append("/maildir\n  maildir_format\n  create_directory\n  user = ").append(USER)
                .append("\n  group = ").append(USER).append("\n  mode = 0644\n");
        c.append("\nbegin authenticators\n");
        c.append("plain:\n  driver = plaintext\n  public_name = PLAIN\n  server_prompts = :\n");
        c.append("  server_condition = ${if and {{eq{$auth2}{alice}}{eq{$auth3}{s3cret}}}}\n");
        c.append("  server_set_id = $auth2\n");
        if (mode == Mode.TLS_AUTH_LOGIN_ONLY) {
            c.append("  server_advertise_condition = false\n");
        }
        c.append("login:\n  driver = plaintext\n  public_name = LOGIN\n  server_prompts = \"Username:: : Password::\"\n");
        c.append("  server_condition = ${if and {{eq{$auth1}{alice}}{eq{$auth2}{s3cret}}}}\n");
        c.append("  server_set_id = $auth1\n");
        return c.toString();
    }

    /** A self-signed certificate for "localhost" (cert.pem, key.pem) in {@code dir}, made with openssl. */
    static void certificate(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(), "-days", "2", "-subj",
                "/CN=localhost").redirectErrorStream(true).redirectOutput(dir.resolve("openssl.out").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl failed: " + Files.readString(dir.resolve("openssl.out")));
        }
        // exim reads the key as Debian-exim
        Files.setPosixFilePermissions(dir.resolve("key.pem"), java.nio.file.attribute.PosixFilePermissions
                .fromString("rw-r--r--"));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(EXIM, "-C", dir.resolve("exim.conf").toString(), "-bdf")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("exim.out")
                        .toFile())).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException("exim exited: " + Files.readString(dir.resolve("exim.out")));
                }
                Thread.sleep(50);
            }
        }
        throw new IOException("exim does not listen on " + port);
    }

    /** SIGTERM to the daemon (our child, by PID), then wait until it is gone and the port is closed. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /**
     * The delivered messages, one per message however many recipients it had (Exim writes one maildir file per
     * recipient; the copies share the Message-Id Exim gave the message when it received it), in file order.
     */
    List<String> delivered() throws IOException {
        java.util.Map<String, String> byId = new java.util.LinkedHashMap<>();
        for (String m : deliveredFiles()) {
            String id = m.lines().filter(l -> l.regionMatches(true, 0, "Message-Id:", 0, 11)).findFirst()
                    .orElse(m);
            byId.putIfAbsent(id, m);
        }
        return List.copyOf(byId.values());
    }

    /** Every file of maildir/new (one per recipient and message), as text with LF line ends. */
    List<String> deliveredFiles() throws IOException {
        Path nw = dir.resolve("maildir/new");
        if (!Files.isDirectory(nw)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(nw)) {
            for (Path p : s.sorted().toList()) {
                out.add(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** The subjects in the order Exim received the messages (its main log's "<=" lines). */
    List<String> receivedSubjects() throws IOException {
        return received().stream().map(l -> {
            Matcher m = Pattern.compile(" T=\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(l);
            return m.find() ? m.group(1).replace("\\\"", "\"") : "?";
        }).toList();
    }

    /** The main log's "<=" (message received) lines, in order. */
    List<String> received() throws IOException {
        Path log = dir.resolve("log/mainlog");
        if (!Files.exists(log)) {
            return List.of();
        }
        return Files.readAllLines(log).stream().filter(l -> l.contains(" <= ")).toList();
    }
}
