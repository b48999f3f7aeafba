package org.calpe.config.api;

/**
 * keepalived's severities for configuration problems, ordered from worst to mildest, with the exit code that
 * {@code keepalived -t} gives when this is the worst one reported.
 */
public enum Severity {
    /**
     * keepalived stops reading at once (a keyword is missing a parameter it needs: "*** Configuration line
     * starting `x` is missing a parameter …"); keepalived exits 2, KEEPALIVED_EXIT_PROGRAM_ERROR.
     */
    ABORT(2),
    /** The configuration cannot be used at all (keepalived exits 4, KEEPALIVED_EXIT_CONFIG). */
    FATAL(4),
    /**
     * A security check failed: script security, or an include check ({@code includer}, {@code includem}, …)
     * (keepalived -t exits 6, KEEPALIVED_EXIT_CONFIG_TEST_SECURITY).
     */
    SECURITY(6),
    /** An error: keepalived ignores the line or object and goes on (keepalived -t exits 5). */
    ERROR(5),
    /** A warning that keepalived's config test still counts (keepalived -t exits 5). */
    WARNING(5),
    /** Logged only; does not change the verdict. */
    INFO(0);

    private final int exitCode;

    Severity(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The config-test exit code when this is the worst severity reported. */
    public int exitCode() {
        return exitCode;
    }
}
