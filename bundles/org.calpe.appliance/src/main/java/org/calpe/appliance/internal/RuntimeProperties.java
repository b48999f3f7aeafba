package org.calpe.appliance.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.calpe.appliance.api.Role;

/**
 * The framework properties the appliance runtime reads (scripts/calpe sets them per instance).
 *
 * @param role          {@code calpe.role}
 * @param stateDir      {@code calpe.state.dir}
 * @param configStore   {@code felix.cm.dir}
 * @param frameworkStorage {@code org.osgi.framework.storage}
 * @param pidFile       {@code calpe.pid.file}, null if none
 * @param shutdownHook  {@code calpe.shutdown.hook}: stop the framework gracefully on SIGTERM/SIGINT
 */
record RuntimeProperties(Role role, Path stateDir, String configStore, String frameworkStorage, Path pidFile,
        boolean shutdownHook) {

    static final String STATE_DIR = "calpe.state.dir";
    static final String PID_FILE = "calpe.pid.file";
    static final String SHUTDOWN_HOOK = "calpe.shutdown.hook";
    static final String CM_DIR = "felix.cm.dir";
    static final String STORAGE = "org.osgi.framework.storage";

    /** Reads the properties through a lookup such as {@code BundleContext::getProperty}. */
    static RuntimeProperties from(UnaryOperator<String> lookup) {
        String state = lookup.apply(STATE_DIR);
        String pid = lookup.apply(PID_FILE);
        return new RuntimeProperties(Role.parse(lookup.apply(Role.PROPERTY)),
                Path.of(state == null || state.isBlank() ? "." : state).toAbsolutePath().normalize(),
                lookup.apply(CM_DIR), lookup.apply(STORAGE),
                pid == null || pid.isBlank() ? null : Path.of(pid),
                Boolean.parseBoolean(lookup.apply(SHUTDOWN_HOOK)));
    }

    /**
     * Problems an operator must hear about: state that would be lost on restart because its directory is
     * relative (Config Admin resolves a relative {@code felix.cm.dir} inside the framework cache).
     */
    List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (configStore == null || !Path.of(configStore).isAbsolute()) {
            warnings.add(CM_DIR + " is not absolute (" + configStore
                    + "): configurations edited in the console would be lost with the framework cache");
        }
        if (frameworkStorage == null || !Path.of(frameworkStorage).isAbsolute()) {
            warnings.add(STORAGE + " is not absolute (" + frameworkStorage
                    + "): the framework cache depends on the working directory");
        }
        return warnings;
    }
}
