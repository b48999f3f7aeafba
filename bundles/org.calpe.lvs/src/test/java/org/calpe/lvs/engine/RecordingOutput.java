package org.calpe.lvs.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.calpe.exec.api.ScriptCommand;

/** Records what the engine logs, posts and runs. */
final class RecordingOutput implements EngineOutput {
    record Posted(String topic, Map<String, Object> props) {
    }

    record Script(String name, List<String> argv) {
    }

    final List<String> logs = new ArrayList<>();
    final List<Posted> events = new ArrayList<>();
    final List<Script> scripts = new ArrayList<>();

    @Override
    public void info(String message) {
        logs.add(message);
    }

    @Override
    public void warn(String message) {
        logs.add("WARN " + message);
    }

    @Override
    public void post(String topic, Map<String, Object> properties) {
        events.add(new Posted(topic, Map.copyOf(properties)));
    }

    @Override
    public void runScript(String name, ScriptCommand command) {
        scripts.add(new Script(name, command.argv()));
    }

    List<String> topics() {
        return events.stream().map(Posted::topic).toList();
    }

    void clear() {
        logs.clear();
        events.clear();
        scripts.clear();
    }
}
