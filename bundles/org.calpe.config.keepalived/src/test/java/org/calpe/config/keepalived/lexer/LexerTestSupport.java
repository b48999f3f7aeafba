package org.calpe.config.keepalived.lexer;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh temporary directory and {@link LexerFixture} for every test. */
abstract class LexerTestSupport {
    @TempDir
    Path tmp;
    LexerFixture fx;

    @BeforeEach
    void setUpFixture() {
        fx = new LexerFixture(tmp);
    }
}
