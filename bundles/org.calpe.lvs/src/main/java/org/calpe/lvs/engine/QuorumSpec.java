package org.calpe.lvs.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.calpe.exec.api.ScriptCommand;

/**
 * A virtual server's quorum settings as keepalived 2.2.7 applies them (check_parser.c validate_check_config): a
 * {@code quorum} (default 1) above the total configured weight of the real servers is lowered to it, and a
 * {@code hysteresis} (default 0) not below the quorum is set to quorum - 1 (as a 32-bit unsigned number, so a
 * quorum of 0 gives 4294967295).
 *
 * @param virtualServer the virtual server as keepalived prints it
 * @param quorum the quorum in effect
 * @param hysteresis the hysteresis in effect
 * @param quorumUp {@code quorum_up}
 * @param quorumDown {@code quorum_down}
 * @param omega {@code omega}: notify (scripts, mails) while shutting down too
 * @param sorryServer a {@code sorry_server} is configured
 */
record QuorumSpec(String virtualServer, long quorum, long hysteresis, Optional<ScriptCommand> quorumUp,
        Optional<ScriptCommand> quorumDown, boolean omega, boolean sorryServer) {
    static final long UINT_MASK = 0xFFFF_FFFFL;

    QuorumSpec {
        Objects.requireNonNull(virtualServer, "virtualServer");
        Objects.requireNonNull(quorumUp, "quorumUp");
        Objects.requireNonNull(quorumDown, "quorumDown");
    }

    /** Reads a virtual server's configuration; {@code realServers} are all its real servers' configurations. */
    static QuorumSpec of(Map<String, Object> vsMap, List<Map<String, Object>> realServers) {
        Props vs = new Props(vsMap);
        long total = 0;
        for (Map<String, Object> rs : realServers) {
            total += SpecBuilder.configuredWeight(rs);
        }
        long quorum = vs.number("quorum").orElse(1) & UINT_MASK;
        long hysteresis = vs.number("hysteresis").orElse(0) & UINT_MASK;
        if (quorum > total) {
            quorum = total;
        }
        if (hysteresis >= quorum) {
            hysteresis = (quorum - 1) & UINT_MASK;
        }
        return new QuorumSpec(SpecBuilder.virtualServerName(vsMap), quorum, hysteresis, script(vs, "quorum_up"),
                script(vs, "quorum_down"), vs.bool("omega").orElse(false), vs.has("sorry_server"));
    }

    private static Optional<ScriptCommand> script(Props p, String key) {
        try {
            return p.string(key).filter(s -> !s.isBlank()).map(ScriptCommand::parse);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * keepalived's update_quorum_state threshold: quorum + hysteresis to gain, quorum - hysteresis to lose, in
     * 32-bit unsigned arithmetic.
     */
    long threshold(boolean up) {
        return (up ? quorum - hysteresis : quorum + hysteresis) & UINT_MASK;
    }
}
