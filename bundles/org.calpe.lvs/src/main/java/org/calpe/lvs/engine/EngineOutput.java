package org.calpe.lvs.engine;

import java.util.Map;

import org.calpe.exec.api.ScriptCommand;

/** Everything the engine does to the outside world: log lines, Event Admin events, notify scripts. */
public interface EngineOutput {
    void info(String message);

    void warn(String message);

    /** Posts an event (asynchronously) on {@code topic}, see {@link org.calpe.check.api.CheckTopics}. */
    void post(String topic, Map<String, Object> properties);

    /** Starts a notify script, keepalived's argv: the configured words, nothing appended. Must not block. */
    void runScript(String name, ScriptCommand command);
}
