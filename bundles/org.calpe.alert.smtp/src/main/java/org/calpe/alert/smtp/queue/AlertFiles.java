package org.calpe.alert.smtp.queue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.calpe.alert.smtp.mail.Alert;

/**
 * One alert per file, {@code <seq>.alert} (20 digits, so names sort in queue order), in Java properties format
 * (UTF-8). A file is written to a temporary name, forced to disk and renamed, so a crash leaves either the whole
 * alert or nothing.
 */
final class AlertFiles {
    static final String SUFFIX = ".alert";

    private AlertFiles() {
    }

    static Path fileOf(Path dir, long seq) {
        return dir.resolve(String.format("%020d", seq) + SUFFIX);
    }

    static void write(Path dir, Alert a) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", "1");
        p.setProperty("timestamp", Long.toString(a.timestamp()));
        p.setProperty("from", a.from());
        p.setProperty("to.count", Integer.toString(a.to().size()));
        for (int i = 0; i < a.to().size(); i++) {
            p.setProperty("to." + i, a.to().get(i));
        }
        p.setProperty("subject", a.subject());
        p.setProperty("body", a.body());
        StringWriter w = new StringWriter();
        p.store(w, null);
        byte[] bytes = w.toString().getBytes(StandardCharsets.UTF_8);
        Path target = fileOf(dir, a.seq());
        Path tmp = dir.resolve(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static Alert read(Path file) throws IOException {
        String name = file.getFileName().toString();
        long seq = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        Properties p = new Properties();
        try (Reader r = new StringReader(Files.readString(file, StandardCharsets.UTF_8))) {
            p.load(r);
        }
        if (!"1".equals(p.getProperty("format"))) {
            throw new IOException("unknown alert file format " + p.getProperty("format"));
        }
        int n = Integer.parseInt(required(p, "to.count"));
        List<String> to = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            to.add(required(p, "to." + i));
        }
        return new Alert(seq, Long.parseLong(required(p, "timestamp")), required(p, "from"), to,
                required(p, "subject"), required(p, "body"));
    }

    private static String required(Properties p, String key) throws IOException {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IOException("missing " + key);
        }
        return v;
    }
}
