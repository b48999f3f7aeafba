package org.calpe.config.keepalived.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.calpe.config.api.Diagnostic;
import org.calpe.config.api.Location;
import org.calpe.config.api.ParseOptions;
import org.calpe.config.api.Severity;

/**
 * State shared by one parse: the options, the diagnostics collected so far, the interface lookup (real in
 * {@code configtest}, faked in unit tests) and typed scratch state for cross-checks (e.g. the set of
 * {@code vrrp_script} names), keyed by class.
 */
public final class ParseContext {
    private final ParseOptions options;
    private final Predicate<String> interfaceExists;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Map<Class<?>, Object> state = new HashMap<>();
    private boolean aborted;
    private boolean dynamicInterfaces;

    public ParseContext(ParseOptions options, Predicate<String> interfaceExists) {
        this.options = Objects.requireNonNull(options, "options");
        this.interfaceExists = Objects.requireNonNull(interfaceExists, "interfaceExists");
    }

    public ParseOptions options() {
        return options;
    }

    /**
     * Whether a configuration may name this interface without a "doesn't exist" report: it exists here, interface
     * checks are off, or {@code global_defs} has {@code dynamic_interfaces} (keepalived then uses an interface once
     * it is created and {@code -t} reports nothing, wherever in the file global_defs is).
     */
    public boolean interfaceExists(String name) {
        return !options.checkInterfaces() || dynamicInterfaces || interfaceExists.test(name);
    }

    /** Whether a network interface of this name exists here now (always true when interface checks are off). */
    public boolean interfacePresent(String name) {
        return !options.checkInterfaces() || interfaceExists.test(name);
    }

    /** {@code global_defs { dynamic_interfaces }} is somewhere in the configuration. */
    public void dynamicInterfaces(boolean on) {
        this.dynamicInterfaces = on;
    }

    public void report(Severity severity, Location location, String message) {
        aborted |= severity == Severity.ABORT;
        diagnostics.add(new Diagnostic(severity, location, message));
    }

    /**
     * keepalived's reaction to a keyword missing a parameter it reads unconditionally: it reports and stops
     * reading the configuration (exit 2). {@code position} is the 1-based word position that is missing.
     */
    public void missingParameter(Statement statement, int position) {
        report(Severity.ABORT, statement.location(), String.format("*** Configuration line starting `%s` is missing "
                + "a parameter after keyword `%s` at word position %d", statement.text(), statement.name(), position));
    }

    /** Whether reading has stopped (an {@link Severity#ABORT} was reported). */
    public boolean aborted() {
        return aborted;
    }

    public void fatal(Location location, String format, Object... args) {
        report(Severity.FATAL, location, String.format(format, args));
    }

    public void error(Location location, String format, Object... args) {
        report(Severity.ERROR, location, String.format(format, args));
    }

    public void warning(Location location, String format, Object... args) {
        report(Severity.WARNING, location, String.format(format, args));
    }

    public void security(Location location, String format, Object... args) {
        report(Severity.SECURITY, location, String.format(format, args));
    }

    public void info(Location location, String format, Object... args) {
        report(Severity.INFO, location, String.format(format, args));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public void addAll(List<Diagnostic> more) {
        diagnostics.addAll(more);
    }

    /** Scratch state for cross-checks, created on first use. */
    public <T> T state(Class<T> key, Supplier<T> factory) {
        return key.cast(state.computeIfAbsent(key, k -> factory.get()));
    }
}
