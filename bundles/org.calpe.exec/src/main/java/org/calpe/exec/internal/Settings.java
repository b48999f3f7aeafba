package org.calpe.exec.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.calpe.exec.api.RunAs;

/** The runner's settings, converted from the component configuration. */
record Settings(int maxConcurrent, int queueLimit, Optional<RunAs> scriptUser, Duration pollInterval,
        Duration shutdownTimeout, String setsid, String setpriv, String shell, Map<String, String> environment) {

    /** glibc's {@code _CS_PATH}, keepalived's search path when it has no {@code PATH}. */
    static final String CS_PATH = "/bin:/usr/bin";

    Settings {
        if (maxConcurrent < 1 || queueLimit < 0) {
            throw new IllegalArgumentException("maxConcurrent must be >= 1 and queueLimit >= 0");
        }
        environment = Map.copyOf(environment);
    }

    /**
     * keepalived hands its own environment to scripts unchanged (no KEEPALIVED_* variables; checked against
     * keepalived 2.2.7); so does the runner, with {@code PATH} set to {@code _CS_PATH} if the JVM has none.
     */
    static Map<String, String> inheritedEnvironment(Map<String, String> jvm) {
        Map<String, String> env = new HashMap<>(jvm);
        env.putIfAbsent("PATH", CS_PATH);
        return env;
    }

    static Settings from(DefaultScriptRunner.Config c) {
        return new Settings(c.maxConcurrent(), c.queueLimit(), parseUser(c.scriptUser()),
                Duration.ofMillis(c.outputPollMs()), Duration.ofMillis(c.shutdownTimeoutMs()), c.setsidPath(),
                c.setprivPath(), c.shellPath(), inheritedEnvironment(System.getenv()));
    }

    /** {@code "USER"} or {@code "USER GROUP"} as in keepalived's {@code script_user}; blank = keepalived's rule. */
    static Optional<RunAs> parseUser(String s) {
        String[] w = s.trim().split("\\s+");
        if (w.length == 0 || w[0].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RunAs.of(w[0], w.length > 1 ? w[1] : null));
    }

    String path() {
        return environment.getOrDefault("PATH", CS_PATH);
    }
}
