package org.calpe.config.keepalived.lexer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.calpe.config.api.Diagnostic;
import org.calpe.config.api.Location;
import org.calpe.config.api.Severity;

/** One preprocessing run: the state keepalived keeps in {@code read_line()}'s statics, per run. */
final class PreprocessRun {
    /**
     * keepalived's line buffer (MAXBUF): a substitution that would make the line this long or longer is not done
     * and substitution stops, leaving the line as far as it got.
     */
    static final int MAX_LINE = 1024;
    /** Nesting limit for generators and multi-line expansions inside each other. */
    static final int MAX_NESTING = 64;
    /** Replacements per line; a self-referencing parameter would otherwise never end. */
    static final int MAX_REPLACEMENTS = 10_000;
    /** The severity of a failed include check: keepalived -t exits 6 for these. */
    static final Severity INCLUDE_CHECK_FAILED = Severity.SECURITY;

    private final Definitions defs;
    private final List<Line> lines = new ArrayList<>();
    private final Set<Path> files = new LinkedHashSet<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Deque<Path> reading = new ArrayDeque<>();
    private Frame frame;
    private int blockDepth;
    private Definitions.Def pendingDef;

    /** A file being read. */
    private static final class Frame {
        final String name;
        final Path dir;
        int checks;
        int lineNo;

        Frame(String name, Path dir, int checks) {
            this.name = name;
            this.dir = dir;
            this.checks = checks;
        }
    }

    PreprocessRun(String configId, Map<String, String> environment, Random random) {
        this.defs = new Definitions(configId, environment, () -> frame == null ? "" : frame.dir.toString(), random);
    }

    PreprocessResult run(Path mainFile) {
        String name = mainFile.toString();
        Path abs = mainFile.toAbsolutePath().normalize();
        Location where = new Location(name, 0, 0);
        if (Files.isDirectory(abs)) {
            report(Severity.INFO, where, "Configuration file '" + name + "/' is a directory - skipping");
        } else if (!Files.exists(abs)) {
            report(Severity.INFO, where, "Config files missing '" + name + "'.");
        } else {
            readFile(abs, name, IncludeChecks.NONE, where);
        }
        if (blockDepth > 0) {
            report(Severity.ERROR, where, "There are " + blockDepth + " missing '}'s or extra '{'s");
        }
        return new PreprocessResult(lines, files, diagnostics);
    }

    // ---------------------------------------------------------------- files

    private void readFile(Path abs, String name, int checks, Location includedAt) {
        Path real = realPath(abs);
        if (reading.contains(real)) {
            report(Severity.ERROR, includedAt, "Configuration file '" + name
                    + "' open problem (Too many open files) - skipping: include loop, the file is already being read");
            return;
        }
        String content;
        try {
            content = new String(Files.readAllBytes(abs), StandardCharsets.UTF_8);
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "No such file or directory"
                    : e.getClass() == java.nio.file.AccessDeniedException.class ? "Permission denied"
                    : String.valueOf(e.getMessage());
            report((checks & IncludeChecks.READABLE) != 0 ? INCLUDE_CHECK_FAILED : Severity.INFO, includedAt,
                    "Configuration file '" + name + "' open problem (" + why + ") - skipping");
            return;
        }
        files.add(abs);
        Frame saved = frame;
        Path dir = real.getParent() == null ? real : real.getParent();
        frame = new Frame(name, dir, saved == null ? checks : saved.checks);
        reading.push(real);
        try {
            readLines(content);
            endPendingDef();
        } finally {
            reading.pop();
            frame = saved;
        }
    }

    private static Path realPath(Path abs) {
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            return abs;
        }
    }

    private void readLines(String content) {
        int n = content.length();
        int start = 0;
        while (start < n) {
            int nl = content.indexOf('\n', start);
            int end = nl < 0 ? n : nl;
            int next = nl < 0 ? n : nl + 1;
            frame.lineNo++;
            int e = end;
            while (e > start && (content.charAt(e - 1) == '\r' || content.charAt(e - 1) == '\n')) {
                e--;
            }
            physicalLine(content.substring(start, e));
            start = next;
        }
    }

    private void physicalLine(String raw) {
        if (raw.isEmpty()) {
            endPendingDef(); // a blank line ends a multi-line definition
            return;
        }
        Decommenter.Result d = Decommenter.decomment(Text.of(raw, 1));
        Text t = d.text();
        if (d.unterminatedQuote()) {
            report(Severity.ERROR, at(t, 0), "Unterminated quote '" + t.chars() + "'");
        }
        if (pendingDef != null) {
            continueDefinition(t);
            return;
        }
        if (!t.isEmpty()) {
            process(t, 0);
        }
    }

    // ---------------------------------------------------------------- multi-line definitions

    private void continueDefinition(Text t) {
        String s = t.chars();
        boolean more = s.endsWith("\\");
        if (more) {
            int len = s.length() - 1;
            while (len > 0 && Text.isBlank(s.charAt(len - 1))) {
                len--;
            }
            s = s.substring(0, len) + "\n";
        }
        if (s.length() >= 2 || (!s.isEmpty() && !more)) {
            pendingDef.value = pendingDef.value + s;
        }
        if (!more) {
            endPendingDef();
        }
    }

    private void endPendingDef() {
        if (pendingDef != null) {
            // keepalived 2.2.7 treats a continued definition whose value has a single line as an ordinary one
            pendingDef.multiline = pendingDef.value.indexOf('\n') >= 0;
            pendingDef = null;
        }
    }

    // ---------------------------------------------------------------- one logical line

    /** keepalived's per-line loop: conditionals, definitions, generators, substitution; then emit. */
    private void process(Text t, int nesting) {
        if (nesting > MAX_NESTING) {
            report(Severity.ERROR, at(t, 0), "Generators or multi-line definitions nested too deeply '"
                    + t.chars() + "'");
            return;
        }
        List<String> tail = null;
        int tailCol = 1;
        boolean recheck;
        do {
            recheck = false;
            if (t.isEmpty()) {
                return;
            }
            char c0 = t.charAt(0);
            if (c0 == '@') {
                t = conditional(t);
                if (t == null || t.isEmpty()) {
                    return;
                }
                c0 = t.charAt(0);
            }
            if (c0 == '$' && definition(t)) {
                return;
            }
            if (t.startsWith("~SEQ") || t.startsWith("~LST")) {
                generate(t, nesting);
                return;
            }
            if (c0 == '~') {
                break;
            }
            if (t.indexOf('$') >= 0) {
                Substitution s = substitute(t);
                if (s == null) {
                    break;
                }
                if (s.tail != null) {
                    tail = tail == null ? s.tail : concat(s.tail, tail);
                    tailCol = s.col;
                }
                t = Decommenter.decomment(s.text).text();
                // after an overflow keepalived reports "nothing replaced" and uses the line as far as it got
                recheck = !s.overflow && !t.isEmpty() && (t.charAt(0) == '@' || t.indexOf('$') >= 0);
            }
        } while (recheck);
        emit(t);
        if (tail != null) {
            for (String l : tail) {
                if (!l.isEmpty()) {
                    process(Text.at(l, tailCol), nesting + 1);
                }
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> r = new ArrayList<>(a);
        r.addAll(b);
        return r;
    }

    /** {@code @id rest} / {@code @^id rest}: the rest, or null when the line is dropped. */
    private Text conditional(Text t) {
        String s = t.chars();
        boolean negate = s.length() > 1 && s.charAt(1) == '^';
        int ofs = negate ? 2 : 1;
        int ws = ofs;
        while (ws < s.length() && !Text.isBlank(s.charAt(ws))) {
            ws++;
        }
        if (ws >= s.length()) {
            return null; // nothing after the id
        }
        boolean matches = s.substring(ofs, ws).equals(defs.configId());
        if (matches == negate) {
            return null;
        }
        while (ws < s.length() && Text.isBlank(s.charAt(ws))) {
            ws++;
        }
        return t.substring(ws);
    }

    /** {@code $NAME=VALUE}: stores the definition and returns true; false if the line is no definition. */
    private boolean definition(Text t) {
        String s = t.chars();
        if (s.length() < 2 || !isNameStart(s.charAt(1))) {
            return false;
        }
        int p = 2;
        while (p < s.length() && isNameChar(s.charAt(p))) {
            p++;
        }
        if (p >= s.length() || s.charAt(p) != '=') {
            return false;
        }
        String name = s.substring(1, p);
        String value = s.substring(Generator.skipBlanks(s, p + 1));
        boolean multiline = value.endsWith("\\");
        if (multiline) {
            int len = value.length() - 1;
            while (len > 0 && Text.isBlank(value.charAt(len - 1))) {
                len--;
            }
            value = len == 0 ? "" : value.substring(0, len) + "\n";
        }
        Definitions.Def d = defs.set(name, value, multiline);
        if (multiline) {
            pendingDef = d;
        }
        return true;
    }

    private void generate(Text t, int nesting) {
        Generator g;
        try {
            g = t.startsWith("~SEQ") ? Generator.seq(t, this::substituteArguments)
                    : Generator.lst(t, this::substituteArguments);
        } catch (Generator.Invalid e) {
            for (String m : e.messages) {
                report(Severity.ERROR, at(t, 0), m);
            }
            return;
        }
        for (List<String> row : g.rows()) {
            for (int i = 0; i < row.size(); i++) {
                defs.set(g.vars().get(i), row.get(i), false);
            }
            process(g.body(), nesting + 1);
        }
    }

    /** Substitutes parameters in generator arguments; null if a multi-line definition was used. */
    private String substituteArguments(String args) {
        Substitution s = substitute(Text.of(args, 1));
        if (s == null) {
            return args;
        }
        return s.tail != null || s.usedMultiline ? null : s.text.chars();
    }

    // ---------------------------------------------------------------- substitution

    private static final class Substitution {
        Text text;
        List<String> tail;
        int col;
        boolean usedMultiline;
        boolean overflow;
    }

    /** keepalived's {@code replace_param()}: null when nothing was replaced. */
    private Substitution substitute(Text t) {
        Substitution r = null;
        Text cur = t;
        int pos = 0;
        int count = 0;
        while ((pos = cur.indexOf('$', pos)) >= 0 && pos + 1 < cur.length()) {
            Match m = findDefinition(cur.chars(), pos + 1);
            if (m == null) {
                pos++;
                continue;
            }
            if (r == null) {
                r = new Substitution();
            }
            String value = defs.valueOf(m.def, m.params);
            String replacement = value;
            if (m.def.multiline) {
                r.usedMultiline = true;
                int nl = value.indexOf('\n');
                if (nl >= 0) {
                    replacement = value.substring(0, nl);
                    List<String> rest = splitLines(value.substring(nl + 1));
                    r.tail = r.tail == null ? rest : concat(rest, r.tail);
                    r.col = cur.col(pos);
                }
            }
            if (++count > MAX_REPLACEMENTS
                    || cur.length() + replacement.length() - (m.end - pos) >= MAX_LINE) {
                report(Severity.WARNING, at(t, 0), "Parameter substitution on line '" + t.chars()
                        + "' would exceed maximum line length");
                r.overflow = true;
                break;
            }
            if (m.params != null && m.end < cur.length() && replacement.length() < m.end - pos) {
                // keepalived's replace_param() moves only the character after the '}' when it shortens a
                // "${NAME params}" use that is followed by more text; the rest of the original stays in place
                // (lengthening, or a value as long as the use, replaces the use as it should)
                int r0 = replacement.length();
                cur = cur.replace(pos, pos + r0 + 1, replacement + cur.charAt(m.end));
            } else {
                cur = cur.replace(pos, m.end, replacement);
            }
            if (startsWithTilde(value)) {
                break;
            }
        }
        if (r != null) {
            r.text = cur;
        }
        return r;
    }

    private static boolean startsWithTilde(String v) {
        int i = Generator.skipBlanks(v, 0);
        return i < v.length() && v.charAt(i) == '~';
    }

    private static List<String> splitLines(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start <= s.length()) {
            int nl = s.indexOf('\n', start);
            if (nl < 0) {
                out.add(s.substring(start));
                break;
            }
            out.add(s.substring(start, nl));
            start = nl + 1;
        }
        return out;
    }

    private record Match(Definitions.Def def, String params, int end) {
    }

    /** keepalived's {@code find_definition()} for a use at {@code i} (just after the {@code $}). */
    private Match findDefinition(String s, int i) {
        int len = s.length();
        boolean braces = s.charAt(i) == '{';
        int n0 = braces ? i + 1 : i;
        if (n0 >= len || !isNameStart(s.charAt(n0))) {
            return null;
        }
        int p = n0 + 1;
        while (p < len && isNameChar(s.charAt(p))) {
            p++;
        }
        String name = s.substring(n0, p);
        Definitions.Def d = defs.get(name);
        boolean nameParams = d != null && d.nameParams;
        String params = null;
        int end;
        boolean allowMultiline;
        if (braces) {
            int ps = -1;
            int pe = -1;
            while (p < len && (s.charAt(p) == ' ' || (nameParams ? isNameChar(s.charAt(p)) : isDigit(s.charAt(p))))) {
                if (s.charAt(p) != ' ') {
                    if (ps < 0) {
                        ps = p;
                    }
                    pe = p;
                }
                p++;
            }
            if (ps >= 0 && pe + 1 != p) {
                return null; // parameters must not end with a space
            }
            if (p >= len || s.charAt(p) != '}') {
                return null;
            }
            allowMultiline = p + 1 == len;
            if (ps >= 0) {
                params = s.substring(ps, pe + 1);
                end = p + 1;
            } else {
                // keepalived replaces "${NAME" and one more character, so "${V }" leaves its "}" behind
                end = n0 + name.length() + 1;
            }
        } else {
            if (p < len && " \t,)".indexOf(s.charAt(p)) < 0) {
                return null;
            }
            end = p;
            allowMultiline = p == len;
        }
        if (d == null || (d.multiline && !allowMultiline) || (params != null && d.maxParams == 0)) {
            return null;
        }
        return new Match(d, params, end);
    }

    private static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || isDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    // ---------------------------------------------------------------- emitting

    /** Include check, then keepalived's split at the first unquoted brace; the residue is processed again. */
    private void emit(Text t) {
        while (true) {
            t = t.stripTrailingBlanks();
            if (t.isEmpty() || include(t)) {
                return;
            }
            Text first = t;
            Text residue = null;
            char c0 = t.charAt(0);
            if (c0 == '{' || c0 == '}') {
                first = t.substring(0, 1);
                int r = Generator.skipBlanks(t.chars(), 1);
                if (r < t.length()) {
                    residue = t.substring(r);
                }
            } else {
                int b = firstBrace(t.chars());
                if (b > 0) {
                    first = t.substring(0, b).stripTrailingBlanks();
                    residue = t.substring(b);
                }
            }
            addLine(first);
            if (residue == null) {
                return;
            }
            // keepalived runs the residue through read_line's loop again (substitution, include check)
            if (residue.indexOf('$') >= 0 || residue.charAt(0) == '@') {
                process(residue, 0);
                return;
            }
            t = residue;
        }
    }

    /** Index of the first '{' or '}' outside double quotes, or -1. */
    private static int firstBrace(String s) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '{' || c == '}') {
                return i;
            }
            if (c == '"') {
                int close = s.indexOf('"', i + 1);
                if (close < 0) {
                    return -1;
                }
                i = close + 1;
            } else {
                i++;
            }
        }
        return -1;
    }

    private void addLine(Text t) {
        WordSplitter.Result r = WordSplitter.split(t, frame.name, frame.lineNo);
        if (r.unmatchedQuote()) {
            report(Severity.ERROR, at(t, 0), "Unmatched quote: '" + t.chars() + "'");
        }
        if (r.words().isEmpty()) {
            return;
        }
        Line line = new Line(r.words(), t.chars());
        String s = t.chars();
        if (s.equals("{")) {
            blockDepth++;
        } else if (s.equals("}")) {
            if (blockDepth-- < 1) {
                report(Severity.ERROR, at(t, 0), "Extra '}' found");
                blockDepth = 0;
            }
        } else if (line.keyword().equals("include_check")) {
            List<String> options = new ArrayList<>();
            for (int i = 1; i < line.size(); i++) {
                options.add(line.word(i).text());
            }
            frame.checks = IncludeChecks.apply(frame.checks, options);
        }
        lines.add(line);
    }

    // ---------------------------------------------------------------- includes

    /** {@code include[rmwba] PATTERN}: reads the matching files and returns true; false if no include line. */
    private boolean include(Text t) {
        String s = t.chars();
        if (!s.startsWith("include")) {
            return false;
        }
        int p = 7;
        int checks = frame.checks;
        if (p < s.length() && !Text.isBlank(s.charAt(p))) {
            int variant = IncludeChecks.forVariant(s.charAt(p));
            if (variant < 0) {
                return false;
            }
            checks |= variant;
            p++;
        }
        if (p >= s.length() || !Text.isBlank(s.charAt(p))) {
            return false;
        }
        int from = Generator.skipBlanks(s, p);
        if (from >= s.length()) {
            return false;
        }
        String pattern = s.substring(from);
        Location where = at(t, 0);
        IncludeGlob.Result g = IncludeGlob.glob(pattern, frame.dir);
        if (g.matches().isEmpty()) {
            if (g.braces()) {
                boolean bad = (checks & IncludeChecks.BRACE_MATCH) != 0 && !g.missingLiterals().isEmpty();
                report(bad ? INCLUDE_CHECK_FAILED : Severity.INFO, where, "Config files missing '" + pattern + "'.");
            } else if (g.wildcard()) {
                if ((checks & IncludeChecks.WILDCARD_MATCH) != 0) {
                    report(INCLUDE_CHECK_FAILED, where, "No config files matched '" + pattern + "'.");
                }
            } else {
                boolean bad = (checks & IncludeChecks.MATCH) != 0;
                report(bad ? INCLUDE_CHECK_FAILED : Severity.INFO, where, "Config files missing '" + pattern + "'.");
            }
            return true;
        }
        if (g.braces() && !g.missingLiterals().isEmpty()) {
            boolean bad = (checks & IncludeChecks.BRACE_MATCH) != 0;
            report(bad ? INCLUDE_CHECK_FAILED : Severity.INFO, where,
                    "Some config files missing: \"" + pattern + "\".");
        }
        Severity unreadable = (checks & IncludeChecks.READABLE) != 0 ? INCLUDE_CHECK_FAILED : Severity.INFO;
        for (String match : g.matches()) {
            if (match.endsWith("/")) {
                report(unreadable, where, "Configuration file '" + match + "' is a directory - skipping");
                continue;
            }
            Path file = IncludeGlob.resolve(frame.dir, match).normalize();
            if (!Files.isRegularFile(file) || isExecutable(file)) {
                report(unreadable, where,
                        "Configuration file '" + match + "' is not a regular non-executable file - skipping");
                continue;
            }
            readFile(file.toAbsolutePath(), match, checks, where);
        }
        return true;
    }

    private static boolean isExecutable(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, new LinkOption[0]);
            return perms.contains(PosixFilePermission.OWNER_EXECUTE) || perms.contains(PosixFilePermission.GROUP_EXECUTE)
                    || perms.contains(PosixFilePermission.OTHERS_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- diagnostics

    private Location at(Text t, int index) {
        return new Location(frame == null ? "" : frame.name, frame == null ? 0 : frame.lineNo, t.col(index));
    }

    private void report(Severity severity, Location where, String message) {
        diagnostics.add(new Diagnostic(severity, where, message));
    }
}
