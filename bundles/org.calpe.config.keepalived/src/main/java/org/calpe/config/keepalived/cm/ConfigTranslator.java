package org.calpe.config.keepalived.cm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.calpe.config.api.Location;
import org.calpe.config.api.model.Block;
import org.calpe.config.api.model.KeepalivedConfig;
import org.calpe.config.api.model.Node;
import org.calpe.config.api.model.Setting;

/**
 * Pure translation of a validated keepalived.conf into the Config Admin configurations it stands for: one
 * named factory configuration per vrrp_instance, vrrp_sync_group, vrrp_script, virtual_server, real_server and
 * checker, and the singleton {@link CmPids#GLOBAL} (global_defs plus the static_* blocks and the top-level SSL
 * block, as one canonical line under the key {@code SSL}).
 *
 * <p>Property rules: a setting becomes its keyword with its typed value (String, Integer, Long, Double,
 * Boolean; lists become {@code String[]}; value records their canonical words; a keyword given twice keeps the
 * last, as keepalived does). A nested block becomes a {@code String[]} under its keyword: a list block (such as
 * virtual_ipaddress) gives one canonical line per entry, any other block (such as HTTP_GET's url or
 * authentication) gives one canonical one-line rendering per occurrence, words quoted when needed. real_server
 * and checker blocks are not nested into their parents: they are configurations of their own, linked by
 * {@link CmPids#VIRTUAL_SERVER_PID} and {@link CmPids#REAL_SERVER_PID}. Every configuration carries
 * {@link CmPids#MANAGED}, {@link CmPids#SOURCE}, {@link CmPids#LABEL} and {@link CmPids#HASH}.
 *
 * <p>Names: instance/group/script name; virtual server {@code vip_port_PROTO}, {@code fwmark_N_PROTO} or
 * {@code group_NAME_PROTO}; real server {@code <vs name>__ip_port}; checker {@code <rs name>__TYPE_index}
 * (index among the real server's checkers of that type). Names are sanitised to letters, digits, {@code _} and
 * {@code .}, and made unique in file order.
 */
public final class ConfigTranslator {
    private static final Set<String> STATIC_BLOCKS = Set.of("static_ipaddress", "static_routes", "static_rules", "SSL",
            "track_file", "garp_group"); // the last two: one line per block, read by vrrp.core

    /**
     * The desired configurations by PID, in file order. Equal keys and values are shared between them
     * ({@link Canonical}): thousands of real servers repeat the same keywords, links and timeouts.
     */
    public Map<String, DesiredConfiguration> translate(KeepalivedConfig config) {
        Map<String, DesiredConfiguration> out = new LinkedHashMap<>();
        PidNames names = new PidNames();
        global(config, out);
        named(config.vrrpScripts(), CmPids.VRRP_SCRIPT, names, out);
        named(config.vrrpInstances(), CmPids.VRRP_INSTANCE, names, out);
        named(config.vrrpSyncGroups(), CmPids.VRRP_SYNC_GROUP, names, out);
        Map<String, Block> groups = new HashMap<>();
        config.virtualServerGroups().forEach(g -> groups.put(g.name(), g));
        for (Block vs : config.virtualServers()) {
            virtualServer(vs, groups, names, out);
        }
        Canonical canonical = new Canonical();
        out.replaceAll((pid, d) -> canonical.of(d));
        return out;
    }

    private static void global(KeepalivedConfig config, Map<String, DesiredConfiguration> out) {
        Map<String, Object> p = new LinkedHashMap<>();
        Location loc = Location.UNKNOWN;
        if (config.globalDefs().isPresent()) {
            Block g = config.globalDefs().get();
            loc = g.location();
            p.putAll(properties(g, Set.of()));
        }
        for (Block b : config.root().blocks().toList()) {
            if (STATIC_BLOCKS.contains(b.keyword())) {
                List<String> lines = new ArrayList<>();
                config.all(b.keyword()).forEach(x -> lines.addAll(Rendering.lines(x)));
                p.put(b.keyword(), lines.toArray(String[]::new));
            }
        }
        put(out, new DesiredConfiguration(null, CmPids.GLOBAL, finish(p, "global_defs", loc)));
    }

    private static void named(List<Block> blocks, String factoryPid, PidNames names,
            Map<String, DesiredConfiguration> out) {
        for (Block b : blocks) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put(CmPids.NAME, b.name());
            p.putAll(properties(b, Set.of()));
            put(out, new DesiredConfiguration(factoryPid, names.unique(factoryPid, b.name()),
                    finish(p, b.name(), b.location())));
        }
    }

    private static void virtualServer(Block vs, Map<String, Block> groups, PidNames names,
            Map<String, DesiredConfiguration> out) {
        String proto = vs.setting("protocol").map(s -> String.valueOf(Rendering.value(s))).orElse("TCP");
        Map<String, Object> p = new LinkedHashMap<>();
        List<String> args = vs.args();
        String label;
        if (args.size() >= 2 && args.get(0).equals("fwmark")) {
            p.put(CmPids.FWMARK, number(args.get(1)));
            label = "fwmark " + args.get(1);
        } else if (args.size() >= 2 && args.get(0).equals("group")) {
            p.put(CmPids.GROUP, args.get(1));
            Block g = groups.get(args.get(1));
            if (g != null) {
                p.put(CmPids.GROUP_ENTRIES, Rendering.lines(g).toArray(String[]::new));
            }
            label = "group " + args.get(1);
        } else {
            label = address(args, p);
        }
        label = label + "/" + proto;
        p.putAll(properties(vs, Set.of("real_server")));
        String vsName = names.unique(CmPids.VIRTUAL_SERVER, String.join("_", args) + "_" + proto);
        DesiredConfiguration vsConf = new DesiredConfiguration(CmPids.VIRTUAL_SERVER, vsName,
                finish(p, label, vs.location()));
        put(out, vsConf);
        for (Block rs : vs.blocks("real_server").toList()) {
            realServer(rs, vsConf, names, out);
        }
    }

    private static void realServer(Block rs, DesiredConfiguration vs, PidNames names,
            Map<String, DesiredConfiguration> out) {
        Map<String, Object> p = new LinkedHashMap<>();
        String label = address(rs.args(), p);
        p.put(CmPids.VIRTUAL_SERVER_PID, vs.pid());
        p.putAll(properties(rs, CmPids.CHECKERS.keySet()));
        DesiredConfiguration rsConf = new DesiredConfiguration(CmPids.REAL_SERVER,
                names.unique(CmPids.REAL_SERVER, vs.name() + "__" + String.join("_", rs.args())),
                finish(p, label + " in " + vs.properties().get(CmPids.LABEL), rs.location()));
        put(out, rsConf);
        Map<String, Integer> index = new HashMap<>();
        for (Block c : rs.blocks().filter(b -> CmPids.CHECKERS.containsKey(b.keyword())).toList()) {
            int i = index.merge(c.keyword(), 1, Integer::sum) - 1;
            Map<String, Object> cp = new LinkedHashMap<>();
            cp.put(CmPids.CHECKER_TYPE, c.keyword());
            cp.put(CmPids.CHECKER_INDEX, i);
            cp.put(CmPids.REAL_SERVER_PID, rsConf.pid());
            cp.put(CmPids.VIRTUAL_SERVER_PID, vs.pid());
            cp.putAll(properties(c, Set.of()));
            String factoryPid = CmPids.CHECKERS.get(c.keyword());
            put(out, new DesiredConfiguration(factoryPid,
                    names.unique(factoryPid, rsConf.name() + "__" + c.keyword() + "_" + i),
                    finish(cp, c.keyword() + " " + i + " of " + rsConf.properties().get(CmPids.LABEL),
                            c.location())));
        }
    }

    /** Puts address and port of {@code ip [port]} and returns the label {@code ip:port} ({@code [ip]:port}). */
    private static String address(List<String> args, Map<String, Object> p) {
        String ip = args.isEmpty() ? "" : args.get(0);
        p.put(CmPids.ADDRESS, ip);
        if (args.size() < 2) {
            return ip;
        }
        p.put(CmPids.PORT, number(args.get(1)));
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + args.get(1);
    }

    private static Object number(String s) {
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return s;
        }
    }

    /** Settings and nested blocks of a block as properties (see class comment). */
    static Map<String, Object> properties(Block b, Set<String> skipBlocks) {
        Map<String, Object> p = new LinkedHashMap<>();
        Map<String, List<String>> nested = new LinkedHashMap<>();
        for (Node n : b.children()) {
            if (n instanceof Setting s) {
                p.put(s.keyword(), Rendering.value(s));
            } else if (n instanceof Block child && !skipBlocks.contains(child.keyword())) {
                nested.computeIfAbsent(child.keyword(), k -> new ArrayList<>()).addAll(Rendering.lines(child));
            }
        }
        nested.forEach((k, v) -> p.put(k, v.toArray(String[]::new)));
        return p;
    }

    private static Map<String, Object> finish(Map<String, Object> p, String label, Location loc) {
        p.put(CmPids.LABEL, label);
        p.put(CmPids.MANAGED, Boolean.TRUE);
        p.put(CmPids.SOURCE, loc.line() > 0 ? loc.file() + ":" + loc.line() : loc.file());
        p.put(CmPids.HASH, hash(p));
        return p;
    }

    private static void put(Map<String, DesiredConfiguration> out, DesiredConfiguration c) {
        out.put(c.pid(), c);
    }

    /** SHA-256 over every property but source and hash, in key order, type-tagged. */
    static String hash(Map<String, Object> properties) {
        TreeMap<String, Object> sorted = new TreeMap<>(properties);
        sorted.remove(CmPids.SOURCE);
        sorted.remove(CmPids.HASH);
        StringBuilder sb = new StringBuilder();
        sorted.forEach((k, v) -> {
            sb.append(k).append('=').append(v.getClass().getSimpleName()).append(':');
            if (v instanceof String[] a) {
                for (String s : a) {
                    sb.append(s.length()).append('/').append(s);
                }
            } else {
                sb.append(v);
            }
            sb.append('\n');
        });
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
