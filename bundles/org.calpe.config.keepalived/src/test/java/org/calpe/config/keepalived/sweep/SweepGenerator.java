package org.calpe.config.keepalived.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.calpe.config.keepalived.schema.BlockSpec;
import org.calpe.config.keepalived.schema.KeepalivedSchema;

/**
 * Writes the keyword sweep corpus: for every keyword of every block kind of the grammar (and every block's
 * arguments, and every list block's entries) a minimal valid configuration around the keyword, in four
 * variants: no value, an invalid word, a huge number and a negative number. Golden verdicts are then captured
 * with {@code scripts/tools/configtest-golden.sh <dir>} and checked by the CorpusTest.
 *
 * <p>Usage (from the module directory, after {@code mvn test-compile}):
 * {@code java -cp target/classes:target/test-classes:<api jar> org.calpe.config.keepalived.sweep.SweepGenerator
 * src/test/resources/corpus/sweep}. The output is deterministic (keywords sorted).
 */
public final class SweepGenerator {
    /** The variants: file-name suffix and the words written after the keyword. */
    static final Map<String, String> VARIANTS = variants();
    /**
     * Files not written: keepalived 2.2.7 crashes on them (139 segfault, 134 abort) or hangs until the golden
     * script's timeout (124), so there is no verdict to compare with; and one whose verdict depends on
     * keepalived's reading of a block keyword without '{' (the tree builder's business, not a value type's).
     */
    static final java.util.Set<String> EXCLUDED = java.util.Set.of(
            "bfd_instance/_args-a-none", // 139
            "bfd_instance/neighbor_ip-a-none", // 139
            "virtual_server/_args-b-word", // 134
            "vrrp_instance.track_file/_entry-b-word", // 124
            "vrrp_instance.track_file/_entry-c-huge", // 124
            "vrrp_instance.track_file/_entry-d-negative", // 124
            "vrrp_sync_group.track_file/_entry-b-word", // 124
            "vrrp_sync_group.track_file/_entry-c-huge", // 124
            "vrrp_sync_group.track_file/_entry-d-negative", // 124
            "virtual_server_group/_args-b-word"); // '!' comments out the '{': keepalived aborts later
    private static final int MAX_DEPTH = 6;
    private static final String INDENT = "    ";

    private final Path out;
    private int files;

    private SweepGenerator(Path out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/corpus/sweep");
        SweepGenerator g = new SweepGenerator(out);
        g.walk(KeepalivedSchema.root(), List.of());
        System.out.println("wrote " + g.files + " sweep files under " + out);
    }

    private static Map<String, String> variants() {
        Map<String, String> v = new TreeMap<>();
        v.put("a-none", "");
        v.put("b-word", "x!y");
        v.put("c-huge", "99999999999999999999");
        v.put("d-negative", "-1");
        return v;
    }

    /** Visits the keywords of {@code spec} (reached by {@code path}) and recurses into its blocks. */
    private void walk(BlockSpec spec, List<BlockSpec> path) throws IOException {
        if (path.size() > MAX_DEPTH) {
            throw new IllegalStateException("grammar too deep at " + dirName(path));
        }
        String dir = dirName(path);
        write(dir, "_context", Contexts.wrap(path, List.of(), null)); // the surroundings alone must be valid
        for (String kw : new TreeMap<>(spec.keywords()).keySet()) {
            for (Map.Entry<String, String> v : VARIANTS.entrySet()) {
                String line = v.getValue().isEmpty() ? kw : kw + " " + v.getValue();
                write(dir, kw + "-" + v.getKey(), Contexts.wrap(path, List.of(line), null));
            }
        }
        if (spec.isList() && !path.isEmpty()) {
            for (Map.Entry<String, String> v : VARIANTS.entrySet()) {
                if (!v.getValue().isEmpty()) {
                    write(dir, "_entry-" + v.getKey(), Contexts.wrap(path, List.of(v.getValue()), null));
                }
            }
        }
        for (BlockSpec sub : new TreeMap<>(spec.blocks()).values()) {
            List<BlockSpec> subPath = new ArrayList<>(path);
            subPath.add(sub);
            if (sub.args() != null) {
                for (Map.Entry<String, String> v : VARIANTS.entrySet()) {
                    write(dirName(subPath), "_args-" + v.getKey(), Contexts.wrap(subPath, List.of(), v.getValue()));
                }
            }
            walk(sub, subPath);
        }
    }

    private static String dirName(List<BlockSpec> path) {
        if (path.isEmpty()) {
            return "top";
        }
        StringBuilder sb = new StringBuilder();
        for (BlockSpec b : path) {
            sb.append(sb.length() == 0 ? "" : ".").append(b.name());
        }
        return sanitize(sb.toString());
    }

    static String sanitize(String s) {
        return s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private void write(String dir, String name, List<String> lines) throws IOException {
        if (EXCLUDED.contains(dir + "/" + sanitize(name))) {
            return;
        }
        Path f = out.resolve(dir).resolve(sanitize(name) + ".conf");
        Files.createDirectories(f.getParent());
        StringBuilder sb = new StringBuilder();
        sb.append("# keyword sweep (generated by SweepGenerator): ").append(dir).append(' ').append(name).append('\n');
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
        files++;
    }

    /** Minimal valid surroundings for each block kind of the grammar. */
    static final class Contexts {
        private Contexts() {
        }

        /** Arguments of a block when it is only context. */
        static String args(String parent, String block) {
            return switch (block) {
                case "vrrp_instance" -> "VI_1";
                case "vrrp_sync_group" -> "G1";
                case "track_group" -> "TG1";
                case "track_file" -> parent.isEmpty() ? "TF1" : "";
                case "vrrp_script" -> "chk";
                case "vrrp_track_process" -> "TP1";
                case "bfd_instance" -> "BFD1";
                case "virtual_server_group" -> "VSG1";
                case "virtual_server" -> "198.18.0.20 80";
                case "real_server" -> "198.18.1.1 80";
                default -> "";
            };
        }

        /** Required body lines of a block when it is context; {@code next} is the block the path enters. */
        static List<String> body(String parent, String block, String next) {
            return switch (block) {
                case "global_defs" -> List.of("enable_script_security", "script_user root");
                case "vrrp_instance" -> concat(List.of("state MASTER", "interface eth0", "virtual_router_id 51",
                        "priority 100", "advert_int 1"), "virtual_ipaddress".equals(next) ? List.of()
                                : List.of("virtual_ipaddress {", INDENT + "198.18.0.10/24", "}"));
                case "vrrp_sync_group" -> "group".equals(next) ? List.of()
                        : List.of("group {", INDENT + "VI_1", INDENT + "VI_2", "}");
                case "track_group" -> "group".equals(next) ? List.of() : List.of("group {", INDENT + "VI_1", "}");
                case "track_file" -> parent.isEmpty() ? List.of("file /tmp/calpe-sweep-track") : List.of();
                case "vrrp_script" -> List.of("script /bin/true");
                case "vrrp_track_process" -> List.of("process sshd");
                case "bfd_instance" -> List.of("neighbor_ip 198.18.1.1");
                case "virtual_server_group" -> List.of("198.18.0.21 80");
                case "virtual_server" -> concat(List.of("delay_loop 6", "lvs_sched rr", "lvs_method NAT",
                        "protocol TCP"), "real_server".equals(next) ? List.of()
                                : List.of("real_server 198.18.1.1 80 {", INDENT + "weight 1", "}"));
                case "real_server" -> List.of("weight 1");
                case "HTTP_GET", "SSL_GET" -> "url".equals(next) ? List.of()
                        : List.of("url {", INDENT + "path /", INDENT + "status_code 200", "}");
                case "url" -> List.of("path /");
                case "MISC_CHECK" -> List.of("misc_path /bin/true");
                case "FILE_CHECK" -> List.of("track_file TF1");
                case "BFD_CHECK" -> List.of("name BFD1");
                case "garp_group" -> "interfaces".equals(next) ? List.of("garp_interval 1")
                        : List.of("garp_interval 1", "interface eth0");
                default -> List.of();
            };
        }

        /**
         * The whole file: the global_defs prelude (script security, so that script keywords are judged on
         * their words alone), the top-level objects the context refers to, then the path of blocks with
         * {@code inner} as the innermost body (after the block's required lines). {@code lastArgs}, when
         * non-null, replaces the innermost block's arguments.
         */
        static List<String> wrap(List<BlockSpec> path, List<String> inner, String lastArgs) {
            List<String> out = new ArrayList<>();
            String top = path.isEmpty() ? "" : path.get(0).name();
            if (!top.equals("global_defs")) {
                out.add("global_defs {");
                body("", "global_defs", null).forEach(l -> out.add(INDENT + l));
                out.add("}");
            }
            List<String> names = path.stream().map(BlockSpec::name).toList();
            if (names.contains("FILE_CHECK") || names.contains("track_file") && !top.equals("track_file")) {
                block(out, "track_file TF1", List.of("file /tmp/calpe-sweep-track"));
            }
            if (names.contains("BFD_CHECK") || names.contains("track_bfd")) {
                block(out, "bfd_instance BFD1", List.of("neighbor_ip 198.18.1.1"));
            }
            if (names.contains("track_script")) {
                block(out, "vrrp_script chk", List.of("script /bin/true"));
            }
            if (names.contains("track_process")) {
                block(out, "vrrp_track_process TP1", List.of("process sshd"));
            }
            if (top.equals("vrrp_sync_group") || top.equals("track_group")) {
                block(out, "vrrp_instance VI_1", body("", "vrrp_instance", null));
            }
            if (top.equals("vrrp_sync_group")) {
                block(out, "vrrp_instance VI_2", List.of("interface eth0", "virtual_router_id 52", "virtual_ipaddress {",
                        INDENT + "198.18.0.11/24", "}"));
            }
            out.addAll(nest(path, 0, "", inner, lastArgs));
            return out;
        }

        private static void block(List<String> out, String head, List<String> body) {
            out.add(head + " {");
            body.forEach(l -> out.add(INDENT + l));
            out.add("}");
        }

        private static List<String> nest(List<BlockSpec> path, int i, String parent, List<String> inner,
                String lastArgs) {
            if (i == path.size()) {
                return inner;
            }
            String name = path.get(i).name();
            boolean last = i == path.size() - 1;
            String a = last && lastArgs != null ? lastArgs : args(parent, name);
            String next = last ? null : path.get(i + 1).name();
            List<String> lines = new ArrayList<>();
            lines.add((a.isEmpty() ? name : name + " " + a) + " {");
            List<String> body = new ArrayList<>(path.get(i).isList() ? List.of() : body(parent, name, next));
            if (path.get(i).isList() && last) {
                body.addAll(listEntry(parent, name));
            }
            body.addAll(nest(path, i + 1, name, inner, lastArgs));
            body.forEach(l -> lines.add(INDENT + l));
            lines.add("}");
            return lines;
        }

        /** A valid entry for a list block that is tested for its arguments only. */
        private static List<String> listEntry(String parent, String block) {
            return switch (block) {
                case "virtual_server_group" -> List.of("198.18.0.21 80");
                case "interfaces" -> List.of("eth0");
                case "notification_email" -> List.of("admin@example.test");
                case "group" -> parent.equals("vrrp_sync_group") ? List.of("VI_1", "VI_2") : List.of("VI_1");
                case "unicast_peer" -> List.of("198.18.0.2");
                case "virtual_ipaddress" -> List.of("198.18.0.10/24");
                default -> List.of();
            };
        }

        private static List<String> concat(List<String> a, List<String> b) {
            List<String> l = new ArrayList<>(a);
            l.addAll(b);
            return l;
        }
    }
}
