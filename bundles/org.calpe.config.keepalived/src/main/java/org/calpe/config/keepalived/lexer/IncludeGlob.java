package org.calpe.config.keepalived.lexer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * glob(3) as keepalived calls it for {@code include}: {@code GLOB_MARK | GLOB_BRACE}, no tilde expansion.
 * csh-style brace expressions expand first (nested, in order); each alternative is matched with {@code * ? [...]}
 * per path component (a leading {@code .} must be matched explicitly), its matches sorted, directories marked
 * with a trailing {@code /}. Relative patterns are resolved against {@code baseDir}; match names are returned as
 * the pattern spells them.
 */
final class IncludeGlob {
    private IncludeGlob() {
    }

    /**
     * @param matches the matched names in glob order
     * @param missingLiterals brace alternatives without wildcards that named no existing file
     * @param braces whether the pattern held a brace expression
     * @param wildcard whether the pattern held a wildcard
     */
    record Result(List<String> matches, List<String> missingLiterals, boolean braces, boolean wildcard) {
    }

    static Result glob(String pattern, Path baseDir) {
        List<String> alternatives = new ArrayList<>();
        expandBraces(pattern, alternatives, 0);
        boolean braces = alternatives.size() != 1 || !alternatives.get(0).equals(pattern);
        List<String> matches = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String alt : alternatives) {
            List<String> found = globOne(alt, baseDir);
            if (found.isEmpty() && !hasWildcard(alt)) {
                missing.add(alt);
            }
            matches.addAll(found);
        }
        return new Result(matches, missing, braces, hasWildcard(pattern));
    }

    static boolean hasWildcard(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    /** Expands the first brace expression and recurses; a brace without a partner is left as it is. */
    static void expandBraces(String p, List<String> out, int depth) {
        int open = p.indexOf('{');
        if (open < 0 || depth > 32) {
            out.add(p);
            return;
        }
        int level = 0;
        int close = -1;
        List<Integer> commas = new ArrayList<>();
        for (int i = open; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '{') {
                level++;
            } else if (c == '}') {
                if (--level == 0) {
                    close = i;
                    break;
                }
            } else if (c == ',' && level == 1) {
                commas.add(i);
            }
        }
        if (close < 0) {
            out.add(p);
            return;
        }
        String prefix = p.substring(0, open);
        String suffix = p.substring(close + 1);
        int from = open + 1;
        commas.add(close);
        for (int cut : commas) {
            expandBraces(prefix + p.substring(from, cut) + suffix, out, depth + 1);
            from = cut + 1;
        }
    }

    private static List<String> globOne(String pattern, Path baseDir) {
        boolean absolute = pattern.startsWith("/");
        String[] parts = pattern.split("/+", -1);
        List<String> names = new ArrayList<>();
        names.add(absolute ? "/" : "");
        for (int k = absolute ? 1 : 0; k < parts.length; k++) {
            String part = parts[k];
            boolean last = k == parts.length - 1;
            if (part.isEmpty()) {
                if (last) {
                    break; // trailing slash: matches directories only, checked below
                }
                continue;
            }
            List<String> next = new ArrayList<>();
            for (String prefix : names) {
                if (!hasWildcard(part)) {
                    next.add(join(prefix, part));
                    continue;
                }
                Path dir = resolve(baseDir, prefix.isEmpty() ? "." : prefix);
                List<String> entries = new ArrayList<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                    for (Path e : ds) {
                        String name = e.getFileName().toString();
                        if (name.startsWith(".") && !part.startsWith(".")) {
                            continue;
                        }
                        if (fnmatch(part, 0, name, 0)) {
                            entries.add(name);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    continue;
                }
                entries.sort(null);
                for (String name : entries) {
                    next.add(join(prefix, name));
                }
            }
            names = next;
        }
        boolean dirOnly = pattern.endsWith("/");
        List<String> result = new ArrayList<>();
        for (String name : names) {
            Path path = resolve(baseDir, name);
            if (!Files.exists(path)) {
                continue;
            }
            boolean isDir = Files.isDirectory(path);
            if (dirOnly && !isDir) {
                continue;
            }
            result.add(isDir && !name.endsWith("/") ? name + "/" : name);
        }
        return result;
    }

    private static String join(String prefix, String name) {
        if (prefix.isEmpty()) {
            return name;
        }
        return prefix.endsWith("/") ? prefix + name : prefix + "/" + name;
    }

    static Path resolve(Path baseDir, String name) {
        Path p = Path.of(name);
        return p.isAbsolute() ? p : baseDir.resolve(p);
    }

    /** fnmatch(3) without flags for one path component: {@code * ? [set] [!set] [^set]} and {@code \} escapes. */
    static boolean fnmatch(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi < p.length() && p.charAt(pi) == '*') {
                    pi++;
                }
                if (pi == p.length()) {
                    return true;
                }
                for (int k = si; k <= s.length(); k++) {
                    if (fnmatch(p, pi, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length()) {
                return false;
            }
            char sc = s.charAt(si);
            if (c == '?') {
                pi++;
                si++;
            } else if (c == '[') {
                int end = classEnd(p, pi);
                if (end < 0) {
                    if (sc != '[') {
                        return false;
                    }
                    pi++;
                    si++;
                    continue;
                }
                if (!inClass(p, pi + 1, end, sc)) {
                    return false;
                }
                pi = end + 1;
                si++;
            } else {
                if (c == '\\' && pi + 1 < p.length()) {
                    pi++;
                    c = p.charAt(pi);
                }
                if (c != sc) {
                    return false;
                }
                pi++;
                si++;
            }
        }
        return si == s.length();
    }

    private static int classEnd(String p, int open) {
        int i = open + 1;
        if (i < p.length() && (p.charAt(i) == '!' || p.charAt(i) == '^')) {
            i++;
        }
        if (i < p.length() && p.charAt(i) == ']') {
            i++;
        }
        while (i < p.length() && p.charAt(i) != ']') {
            i++;
        }
        return i < p.length() ? i : -1;
    }

    private static boolean inClass(String p, int from, int end, char c) {
        boolean negate = false;
        int i = from;
        if (p.charAt(i) == '!' || p.charAt(i) == '^') {
            negate = true;
            i++;
        }
        boolean match = false;
        boolean first = true;
        while (i < end || (first && i == end && p.charAt(i) == ']')) {
            char lo = p.charAt(i);
            first = false;
            if (i + 2 < end && p.charAt(i + 1) == '-') {
                char hi = p.charAt(i + 2);
                if (c >= lo && c <= hi) {
                    match = true;
                }
                i += 3;
            } else {
                if (c == lo) {
                    match = true;
                }
                i++;
            }
        }
        return match != negate;
    }
}
