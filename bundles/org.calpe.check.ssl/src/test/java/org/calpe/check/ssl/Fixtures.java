package org.calpe.check.ssl;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Paths of the test keys and certificates (see src/test/resources/org/calpe/check/ssl/README.txt). */
final class Fixtures {
    private Fixtures() {
    }

    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String file(String name) {
        return path(name).toString();
    }
}
