package org.calpe.config.keepalived.lexer;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Random;

import org.calpe.config.api.ParseOptions;

/**
 * keepalived 2.2's configuration reader in front of the keyword parser: turns a main file into the logical
 * lines keepalived's {@code read_line()} would hand on, with every lexical feature of keepalived.conf(5):
 * {@code #}/{@code !} comments, quoted words, brace splitting, the {@code include} family with globs and brace
 * expressions (relative to the including file's directory) and {@code include_check}, {@code $NAME=} parameters
 * with multi-line definitions and the predefined {@code _PWD}, {@code _INSTANCE}, {@code _RANDOM},
 * {@code _HASH}, {@code _BANG} and {@code _ENV} (keepalived master; read from {@link ParseOptions#environment()}),
 * {@code @id}/{@code @^id} conditional lines and the {@code ~SEQ}, {@code ~SEQx},
 * {@code ~LST} generators. Problems are reported with keepalived's message text and the severity that gives
 * {@code keepalived -t}'s exit code. Not thread-safe per run; an instance may be reused.
 */
public final class Preprocessor {
    private final ParseOptions options;
    private final Random random;

    public Preprocessor(ParseOptions options) {
        this(options, new Random());
    }

    /** With a given random source for {@code ${_RANDOM}} (tests). */
    Preprocessor(ParseOptions options, Random random) {
        this.options = Objects.requireNonNull(options, "options");
        this.random = Objects.requireNonNull(random, "random");
    }

    public PreprocessResult run(Path mainFile) {
        return new PreprocessRun(options.configId(), options.environment(), random).run(mainFile);
    }
}
