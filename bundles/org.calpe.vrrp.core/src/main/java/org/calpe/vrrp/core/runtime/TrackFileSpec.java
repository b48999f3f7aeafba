package org.calpe.vrrp.core.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One top-level {@code track_file} block (keepalived's deprecated spelling {@code vrrp_track_file} is the same
 * block), as config.keepalived renders it into {@code org.calpe.Global} under the key {@code track_file}: one
 * line per block, {@code NAME file PATH [weight W [reverse]] [init_file [VALUE] [overwrite]]}.
 *
 * @param name      the track_file's name, referred to by {@code track_file} in instances and sync groups
 * @param path      {@code file}
 * @param weight    {@code weight} (keepalived's default 1), −254…254
 * @param reverse   {@code weight W reverse}
 * @param init      {@code init_file} given: the file is created with {@link #initValue()} if it does not exist
 * @param initValue the value {@code init_file} writes (0 by default)
 * @param overwrite {@code init_file … overwrite}: written even if the file exists (but not on a reload)
 */
record TrackFileSpec(String name, String path, int weight, boolean reverse, boolean init, int initValue,
        boolean overwrite) {

    /** The Global key config.keepalived puts the track_file blocks under. */
    static final String KEY = "track_file";

    TrackFileSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        if (weight < -254 || weight > 254) {
            throw new IllegalArgumentException("Weight (" + weight + ") for track_file " + name
                    + " must be between [-254..254] inclusive");
        }
    }

    Path file() {
        return Path.of(path);
    }

    /** Every track_file of {@code global}, by name; the first of two equal names wins (each is logged). */
    static Map<String, TrackFileSpec> all(Props global, List<String> problems) {
        Map<String, TrackFileSpec> out = new LinkedHashMap<>();
        for (String line : global.lines(KEY)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                TrackFileSpec s = parse(line);
                if (out.putIfAbsent(s.name(), s) != null) {
                    problems.add("track_file " + s.name() + " defined twice - ignoring");
                }
            } catch (IllegalArgumentException e) {
                problems.add("cannot use track_file '" + line + "': " + e.getMessage());
            }
        }
        return out;
    }

    /** Parses one rendered block line. */
    static TrackFileSpec parse(String line) {
        List<String> w = words(line);
        if (w.isEmpty()) {
            throw new IllegalArgumentException("empty track_file");
        }
        String name = w.get(0);
        String path = null;
        int weight = 1;
        boolean reverse = false;
        boolean init = false;
        int initValue = 0;
        boolean overwrite = false;
        for (int i = 1; i < w.size(); i++) {
            switch (w.get(i)) {
                case "file" -> {
                    String p = arg(w, ++i, "file");
                    if (path == null) {
                        path = p; // keepalived: "File already set for track file %s - ignoring %s"
                    }
                }
                case "weight" -> {
                    weight = Integer.parseInt(arg(w, ++i, "weight"));
                    if (i + 1 < w.size() && w.get(i + 1).equals("reverse")) {
                        reverse = true;
                        i++;
                    }
                }
                case "init_file" -> {
                    init = true;
                    while (i + 1 < w.size() && (w.get(i + 1).equals("overwrite") || isInteger(w.get(i + 1)))) {
                        String v = w.get(++i);
                        if (v.equals("overwrite")) {
                            overwrite = true;
                        } else {
                            initValue = Integer.parseInt(v);
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unexpected '" + w.get(i) + "'");
            }
        }
        if (path == null) {
            throw new IllegalArgumentException("No file set for track_file " + name);
        }
        return new TrackFileSpec(name, path, weight, reverse, init, initValue, overwrite);
    }

    private static String arg(List<String> w, int i, String keyword) {
        if (i >= w.size()) {
            throw new IllegalArgumentException(keyword + " without a value");
        }
        return w.get(i);
    }

    private static boolean isInteger(String s) {
        return s.matches("[+-]?\\d+");
    }

    /** Splits a rendered line into words: blanks separate, {@code "…"} quotes with {@code \} escapes. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < line.length()) {
                    cur.append(line.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
            } else {
                if (cur == null) {
                    cur = new StringBuilder();
                }
                if (c == '"') {
                    quoted = true;
                } else {
                    cur.append(c);
                }
            }
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }
}
