package org.calpe.config.keepalived.lexer;

import static org.calpe.config.keepalived.lexer.LexerFixture.diags;
import static org.calpe.config.keepalived.lexer.LexerFixture.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.calpe.config.api.Location;
import org.calpe.config.api.Severity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * include and its variants, include_check, globs and brace expressions. Severities follow keepalived 2.2.7 -t:
 * plain include problems are only logged (exit 0), failed include checks exit 6.
 */
class IncludeTest {
    @TempDir
    Path tmp;
    LexerFixture fx;

    @BeforeEach
    void setUp() {
        fx = new LexerFixture(tmp);
        fx.write("sub/one.conf", "one1\ninclude two.conf\none3 ${_PWD}\n");
        fx.write("sub/two.conf", "two1\n");
        fx.write("e1.conf", "");
        fx.write("d/a.conf", "da\n");
        fx.write("d/b.conf", "db\n");
        fx.write("d/.hidden.conf", "hidden\n");
    }

    private String only(String includeLine) {
        List<String> d = diags(fx.lex(includeLine + "\n"));
        assertEquals(1, d.size(), d.toString());
        return d.get(0);
    }

    @Test
    void nestedIncludesAreRelativeToTheIncludingFileWithTheirOwnLocations() throws IOException {
        PreprocessResult r = fx.lex("l1\ninclude sub/one.conf\nl3\n");
        assertEquals(List.of("l1", "one1", "two1", "one3 " + tmp.resolve("sub").toRealPath(), "l3"), texts(r));
        assertEquals(new Location("sub/one.conf", 3, 1), r.lines().get(3).location());
        assertEquals(new Location("two.conf", 1, 1), r.lines().get(2).location());
        assertEquals(3, r.lines().get(4).location().line());
        assertEquals(List.of(tmp.resolve("keepalived.conf"), tmp.resolve("sub/one.conf"), tmp.resolve("sub/two.conf")),
                List.copyOf(r.files()));
        assertTrue(r.diagnostics().isEmpty());
    }

    @Test
    void globsMatchSortedAndSkipHiddenFiles() {
        assertEquals(List.of("da", "db"), texts(fx.lex("include d/*.conf\n")));
        assertEquals(List.of("hidden"), texts(fx.lex("include d/.h*\n")));
        assertEquals(List.of("db", "da"), texts(fx.lex("include d/{b,a}.conf\n")));
        assertEquals(List.of("da"), texts(fx.lex("include d/[a-a].conf\n")));
        assertEquals(List.of("da", "db"), texts(fx.lex("include " + tmp + "/d/?.conf\n")));
    }

    @Test
    void theRestOfTheLineIsTheFileName() {
        assertEquals("1:1 INFO Config files missing 'sub/one.conf extra'.", only("include sub/one.conf extra"));
        assertEquals("1:1 INFO Config files missing '\"sub/one.conf\"'.", only("include \"sub/one.conf\""));
        assertEquals(List.of("two1"), texts(fx.lex("  include\tsub/two.conf   # comment\n")));
        assertEquals(List.of("include"), texts(fx.lex("include\n")));
        assertEquals(List.of("includex nothere.conf"), texts(fx.lex("includex nothere.conf\n")));
        assertEquals(List.of("includemw x"), texts(fx.lex("includemw x\n")));
    }

    @Test
    void includeAfterAnOpeningBraceTakesTheClosingBraceIntoTheName() {
        PreprocessResult r = fx.lex("x { include sub/two.conf }\n");
        assertEquals(List.of("x", "{"), texts(r));
        assertEquals(List.of("1:5 INFO Config files missing 'sub/two.conf }'.",
                "0:0 ERROR There are 1 missing '}'s or extra '{'s"), diags(r));
    }

    @Test
    void includeOfAParameter() {
        assertEquals(List.of("two1"), texts(fx.lex("$F=sub/two.conf\ninclude $F\n")));
    }

    @Test
    void plainIncludeOnlyLogs() {
        assertEquals("1:1 INFO Config files missing 'nothere.conf'.", only("include nothere.conf"));
        assertTrue(fx.lex("include nomatch*.conf\n").diagnostics().isEmpty());
        assertEquals("1:1 INFO Some config files missing: \"{e1,missing}.conf\".", only("include {e1,missing}.conf"));
        assertEquals("1:1 INFO Config files missing '{x,y}.conf'.", only("include {x,y}.conf"));
        assertEquals("1:1 INFO Configuration file 'd/' is a directory - skipping", only("include d"));
        assertEquals("1:1 INFO Config files missing '~/x.conf'.", only("include ~/x.conf"));
    }

    @Test
    void includerChecksReadability() throws IOException {
        assertEquals("1:1 INFO Config files missing 'nothere.conf'.", only("includer nothere.conf"));
        assertTrue(fx.lex("includer nomatch*.conf\n").diagnostics().isEmpty());
        assertEquals("1:1 SECURITY Configuration file 'd/' is a directory - skipping", only("includer d"));
        Path exe = fx.write("exe.conf", "x\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals("1:1 INFO Configuration file 'exe.conf' is not a regular non-executable file - skipping",
                only("include exe.conf"));
        assertEquals("1:1 SECURITY Configuration file 'exe.conf' is not a regular non-executable file - skipping",
                only("includer exe.conf"));
    }

    @Test
    void includemRequiresALiteralMatch() {
        assertEquals("1:1 SECURITY Config files missing 'nothere.conf'.", only("includem nothere.conf"));
        assertTrue(fx.lex("includem nomatch*.conf\n").diagnostics().isEmpty());
        assertEquals("1:1 INFO Config files missing '{x,y}.conf'.", only("includem {x,y}.conf"));
    }

    @Test
    void includewRequiresAnyMatch() {
        assertEquals("1:1 SECURITY Config files missing 'nothere.conf'.", only("includew nothere.conf"));
        assertEquals("1:1 SECURITY No config files matched 'nomatch*.conf'.", only("includew nomatch*.conf"));
        assertEquals("1:1 SECURITY No config files matched '[z]1.conf'.", only("includew [z]1.conf"));
        assertTrue(fx.lex("includew {zz*,e1}.conf\n").diagnostics().isEmpty());
    }

    @Test
    void includebRequiresEveryBraceAlternative() {
        assertEquals("1:1 SECURITY Some config files missing: \"sub/{one,missing}.conf\".",
                only("includeb sub/{one,missing}.conf"));
        assertEquals("1:1 SECURITY Config files missing '{x,y}.conf'.", only("includeb {x,y}.conf"));
        assertEquals("1:1 INFO Config files missing 'nothere.conf'.", only("includeb nothere.conf"));
        assertTrue(fx.lex("includeb {zz*,e1}.conf\n").diagnostics().isEmpty());
    }

    @Test
    void includeaChecksEverything() {
        assertEquals("1:1 SECURITY Config files missing 'nothere.conf'.", only("includea nothere.conf"));
        assertEquals("1:1 SECURITY No config files matched 'nomatch*.conf'.", only("includea nomatch*.conf"));
        assertEquals(6, Severity.SECURITY.exitCode());
    }

    @Test
    void includeCheckKeywordSetsTheLevelForLaterIncludes() {
        assertEquals(List.of("4:1 SECURITY Config files missing 'nothere.conf'."),
                diags(fx.lex("global_defs {\ninclude_check\n}\ninclude nothere.conf\n")));
        assertEquals(List.of("4:1 SECURITY No config files matched 'nothere*.conf'."),
                diags(fx.lex("global_defs {\ninclude_check +wildcard_match -match\n}\ninclude nothere*.conf\n")));
        assertEquals(List.of("4:1 INFO Config files missing 'nothere.conf'."),
                diags(fx.lex("global_defs {\ninclude_check read\n}\ninclude nothere.conf\n")));
        assertEquals(List.of("4:1 SECURITY Configuration file 'd/' is a directory - skipping"),
                diags(fx.lex("global_defs {\ninclude_check read\n}\ninclude d\n")));
        // wildcard_match alone does not fail a missing literal name; plain options replace the level
        assertEquals(List.of("5:1 INFO Config files missing 'nothere.conf'."), diags(fx.lex(
                "global_defs {\ninclude_check match\ninclude_check wildcard_match\n}\ninclude nothere.conf\n")));
        assertEquals(List.of("5:1 SECURITY Config files missing 'nothere.conf'."), diags(fx.lex(
                "global_defs {\ninclude_check match\ninclude_check +wildcard_match\n}\ninclude nothere.conf\n")));
        // -read removes the read check that match added
        assertEquals(List.of("5:1 INFO Configuration file 'd/' is a directory - skipping"), diags(fx.lex(
                "global_defs {\ninclude_check match\ninclude_check -read\n}\ninclude d\n")));
    }

    @Test
    void includeCheckSetInAnIncludedFileEndsWithThatFile() {
        fx.write("strict.conf", "include_check\ninclude nothere.conf\n");
        PreprocessResult r = fx.lex("include strict.conf\ninclude nothere.conf\n");
        assertEquals(List.of("2:1 SECURITY Config files missing 'nothere.conf'.",
                "2:1 INFO Config files missing 'nothere.conf'."), diags(r));
        assertEquals("strict.conf", r.diagnostics().get(0).location().file());
    }

    @Test
    void includeLoopIsStoppedWithAnError() {
        fx.write("loop.conf", "include loop.conf\nloopline\n");
        PreprocessResult r = fx.lex("include loop.conf\n");
        assertEquals(List.of("loopline"), texts(r));
        assertEquals(1, r.diagnostics().size());
        assertEquals(Severity.ERROR, r.diagnostics().get(0).severity());
        assertEquals(new Location("loop.conf", 1, 1), r.diagnostics().get(0).location());
    }

    @Test
    void missingMainFileIsOnlyLogged() {
        PreprocessResult r = fx.run("nothere.conf");
        assertTrue(r.lines().isEmpty());
        assertEquals(List.of("0:0 INFO Config files missing '" + tmp.resolve("nothere.conf") + "'."), diags(r));
        assertTrue(r.files().isEmpty());
    }

    @Test
    void includeInsideAMultilineExpansionAndGenerator() {
        PreprocessResult r = fx.lex("$I= \\\ninclude sub/two.conf \\\nafter\n$I\n~LST(F,a,b) include d/${F}.conf\n");
        assertEquals(List.of("two1", "after", "da", "db"), texts(r));
    }
}
