package org.calpe.config.keepalived.lexer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.calpe.config.api.Diagnostic;
import org.calpe.config.api.ParseOptions;

/** Writes config files into a temporary directory and runs the preprocessor on them. */
final class LexerFixture {
    final Path dir;
    String configId = "main";
    /** What {@code ${_ENV NAME}} reads (the config test passes {@code System.getenv()}). */
    Map<String, String> environment = Map.of();

    LexerFixture(Path dir) {
        this.dir = dir;
    }

    Path write(String name, String content) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PreprocessResult run(String name) {
        ParseOptions o = new ParseOptions(configId, environment, false);
        return new Preprocessor(o, new Random(42)).run(dir.resolve(name));
    }

    /** Runs {@code content} as main file {@code keepalived.conf}. */
    PreprocessResult lex(String content) {
        write("keepalived.conf", content);
        return run("keepalived.conf");
    }

    /** Each line as its words joined by one space (quoted words in double quotes). */
    static List<String> texts(PreprocessResult r) {
        return r.lines().stream().map(Line::toString).collect(Collectors.toList());
    }

    /** Diagnostics as "line:col severity message". */
    static List<String> diags(PreprocessResult r) {
        return r.diagnostics().stream().map(LexerFixture::diag).collect(Collectors.toList());
    }

    static String diag(Diagnostic d) {
        return d.location().line() + ":" + d.location().column() + " " + d.severity() + " " + d.message();
    }
}
