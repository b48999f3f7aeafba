package org.calpe.lvs.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Config Admin configurations of virtual servers, real servers and checkers as last delivered, with the links
 * between them, in whatever order Config Admin delivers them. Answers which real servers a change affects.
 * Loop thread only.
 */
final class ConfigStore {
    private final Map<String, Map<String, Object>> virtualServers = new HashMap<>();
    private final Map<String, Map<String, Object>> realServers = new HashMap<>();
    private final Map<String, Map<String, Object>> checkers = new HashMap<>();
    private final Map<String, Set<String>> realServersOfVs = new HashMap<>();
    private final Map<String, Set<String>> checkersOfRs = new HashMap<>();

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
        Map<String, Object> old = realServers.put(pid, Map.copyOf(props));
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
        Map<String, Object> old = checkers.put(pid, Map.copyOf(copy));
        Set<String> affected = new LinkedHashSet<>();
        String oldRs = old == null ? null : link(old, SpecBuilder.REAL_SERVER_PID);
        if (oldRs != null) {
            unlink(checkersOfRs, oldRs, pid);
            affected.add(oldRs);
        }
        String rs = link(props, SpecBuilder.REAL_SERVER_PID);
        if (rs != null) {
            checkersOfRs.computeIfAbsent(rs, k -> new LinkedHashSet<>()).add(pid);
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
        unlink(checkersOfRs, rs, pid);
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
        for (String c : checkersOfRs.getOrDefault(rsPid, Set.of())) {
            out.add(checkers.get(c));
        }
        return out;
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
