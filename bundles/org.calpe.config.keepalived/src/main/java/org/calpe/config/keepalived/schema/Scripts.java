package org.calpe.config.keepalived.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.calpe.config.api.Location;
import org.calpe.exec.api.ScriptCommand;

/**
 * Every script the configuration names (notify scripts, vrrp_script, MISC_CHECK, notify_up/down, …),
 * collected while parsing and checked together when parsing ends, as keepalived's script security does
 * ({@code ScriptSecurity}). Register a script where its keyword is read:
 * {@code ctx.state(Scripts.class, Scripts::new).add(new Scripts.Script(...))}.
 */
public final class Scripts {
    /**
     * A script reference.
     *
     * @param kind what it is, in keepalived's words for messages (e.g. "vrrp script", "notify_master script",
     *        "MISC_CHECK")
     * @param owner the object it belongs to (e.g. "chk_nginx", "VI_1", "198.18.0.1:80"), may be empty
     * @param commandLine the command line as configured
     * @param user the user it runs as when configured on the script itself ({@code user USER [GROUP]}), or null
     * @param group the group configured with it, or null
     * @param location where it is configured
     */
    public record Script(String kind, String owner, String commandLine, String user, String group,
            Location location) {
        public Script {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(commandLine, "commandLine");
            Objects.requireNonNull(location, "location");
        }

        /**
         * The command line split into words by the script runner's own rules ({@link ScriptCommand#parse},
         * keepalived's {@code alloc_strvec_quoted_escaped}); empty when keepalived would get no words from it (no
         * program, an unterminated quote, a backslash at the end).
         */
        public Optional<ScriptCommand> command() {
            try {
                return Optional.of(ScriptCommand.parse(commandLine));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        /** The program (first word), or the empty string when the command line has none. */
        public String program() {
            return command().map(ScriptCommand::program).orElse("");
        }

        /** The command as keepalived's messages show it ({@link ScriptCommand#logString()}), or the empty string. */
        public String display() {
            return command().map(ScriptCommand::logString).orElse("");
        }
    }

    private final List<Script> scripts = new ArrayList<>();

    public void add(Script script) {
        scripts.add(script);
    }

    public List<Script> all() {
        return List.copyOf(scripts);
    }
}
