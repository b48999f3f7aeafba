package org.calpe.lvs.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Config Admin configurations of virtual servers, real servers and checkers as last delivered, with the links
 * between them, in whatever order Config Admin delivers them. Answers which real servers a change affects.
 * Loop thread only.
 *
 * <p>Memory: there is one real server and one checker configuration per checked real server, so their copies
 * leave out what the engine never reads ({@link #UNREAD}: Config Admin's bookkeeping, config.keepalived's hash,
 * label and managed marker), and the checkers of a real server are a small immutable list (usually one) rather
 * than a hash set.
 */
final class ConfigStore {
    /** Keys of real server and checker configurations that the engine does not read. */
    static final Set<String> UNREAD = Set.of("calpe.hash", "calpe.label", "calpe.managed", "service.factoryPid",
            "service.bundleLocation", "felix.fileinstall.filename");

    private final Map<String, Map<String, Object>> virtualServers = new HashMap<>();
    private final Map<String, Map<String, Object>> realServers = new HashMap<>();
    private final Map<String, Map<String, Object>> checkers = new HashMap<>();
    private final Map<String, Set<String>> realServersOfVs = new HashMap<>();
    /** Real server PID → its checkers' PIDs in the order they arrived (immutable lists, replaced on change). */
    private final Map<String, List<String>> checkersOfRs = new HashMap<>();

    /** Stores a virtual server; returns the real servers to re-evaluate. */
    Set<String> putVirtualServer(String pid, Map<String, Object> props) {
        virtualServers.put(pid, Map.copyOf(props));
        return Set.copyOf(realServersOfVs.getOrDefault(pid, Set.of()));
    }

    Set<String> removeVirtualServer(String pid) {
        virtualServers.remove(pid);
        return Set.copyOf(realServersOfVs.getOrDefault(pid, Set.of()));
    }

    Set<String> putRealServer(String pid, Map<String, Object> props) {
        Map<String, Object> old = realServers.put(pid, compact(props));
        unlink(realServersOfVs, old == null ? null : link(old, SpecBuilder.VIRTUAL_SERVER_PID), pid);
        String vs = link(props, SpecBuilder.VIRTUAL_SERVER_PID);
        if (vs != null) {
            realServersOfVs.computeIfAbsent(vs, k -> new LinkedHashSet<>()).add(pid);
        }
        return Set.of(pid);
    }

    Set<String> removeRealServer(String pid) {
        Map<String, Object> old = realServers.remove(pid);
        if (old != null) {
            unlink(realServersOfVs, link(old, SpecBuilder.VIRTUAL_SERVER_PID), pid);
        }
        return Set.of(pid);
    }

    Set<String> putChecker(String pid, Map<String, Object> props) {
        Map<String, Object> copy = new HashMap<>(props);
        copy.putIfAbsent("service.pid", pid);
        Map<String, Object> old = checkers.put(pid, compact(copy));
        Set<String> affected = new LinkedHashSet<>();
        String oldRs = old == null ? null : link(old, SpecBuilder.REAL_SERVER_PID);
        if (oldRs != null) {
            unlinkChecker(oldRs, pid);
            affected.add(oldRs);
        }
        String rs = link(props, SpecBuilder.REAL_SERVER_PID);
        if (rs != null) {
            checkersOfRs.compute(rs, (k, list) -> list == null ? List.of(pid)
                    : list.contains(pid) ? list : Stream.concat(list.stream(), Stream.of(pid)).toList());
            affected.add(rs);
        }
        return affected;
    }

    Set<String> removeChecker(String pid) {
        Map<String, Object> old = checkers.remove(pid);
        if (old == null) {
            return Set.of();
        }
        String rs = link(old, SpecBuilder.REAL_SERVER_PID);
        if (rs == null) {
            return Set.of();
        }
        unlinkChecker(rs, pid);
        return Set.of(rs);
    }

    Map<String, Object> realServer(String pid) {
        return realServers.get(pid);
    }

    Map<String, Object> virtualServer(String pid) {
        return virtualServers.get(pid);
    }

    /** The PIDs of the real servers linked to a virtual server, in the order they arrived. */
    List<String> realServersOf(String vsPid) {
        return List.copyOf(realServersOfVs.getOrDefault(vsPid, Set.of()));
    }

    /** The virtual server PID a real server configuration links to, or null. */
    static String virtualServerPid(Map<String, Object> rs) {
        return rs == null ? null : link(rs, SpecBuilder.VIRTUAL_SERVER_PID);
    }

    Map<String, Object> virtualServerOf(Map<String, Object> rs) {
        String vs = link(rs, SpecBuilder.VIRTUAL_SERVER_PID);
        return vs == null ? null : virtualServers.get(vs);
    }

    List<Map<String, Object>> checkersOf(String rsPid) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String c : checkersOfRs.getOrDefault(rsPid, List.of())) {
            out.add(checkers.get(c));
        }
        return out;
    }

    /** An immutable copy without the {@link #UNREAD} keys. */
    private static Map<String, Object> compact(Map<String, Object> props) {
        Map<String, Object> kept = new HashMap<>(props);
        kept.keySet().removeAll(UNREAD);
        return Map.copyOf(kept);
    }

    private void unlinkChecker(String rs, String checker) {
        checkersOfRs.computeIfPresent(rs, (k, list) -> {
            List<String> rest = list.stream().filter(c -> !c.equals(checker)).toList();
            return rest.isEmpty() ? null : rest;
        });
    }

    private static String link(Map<String, Object> props, String key) {
        Object v = props.get(key);
        return v == null ? null : String.valueOf(v);
    }

    private static void unlink(Map<String, Set<String>> index, String parent, String child) {
        if (parent == null) {
            return;
        }
        Set<String> s = index.get(parent);
        if (s != null) {
            s.remove(child);
            if (s.isEmpty()) {
                index.remove(parent);
            }
        }
    }
}
