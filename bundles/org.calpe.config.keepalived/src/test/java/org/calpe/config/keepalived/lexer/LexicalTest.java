package org.calpe.config.keepalived.lexer;

import static org.calpe.config.keepalived.lexer.LexerFixture.diags;
import static org.calpe.config.keepalived.lexer.LexerFixture.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.calpe.config.api.Location;
import org.junit.jupiter.api.Test;

/** Comments, words, quotes and braces; expectations checked against keepalived 2.2.7 -t. */
class LexicalTest extends LexerTestSupport {
    @Test
    void hashAndBangStartCommentsAnywhereOutsideDoubleQuotes() {
        PreprocessResult r = fx.lex("foo#bar\nfoo !bar\n# whole line\n  ! whole line\n\"q#x\" y\n'a#b'\n");
        assertEquals(List.of("foo", "foo", "\"q#x\" y", "'a"), texts(r));
        assertTrue(r.diagnostics().isEmpty());
    }

    @Test
    void backslashEscapesCommentCharactersOutsideQuotesOnly() {
        PreprocessResult r = fx.lex("bar\\#baz\na\\!b\n\"a\\#b\"\na\\\\#b\n");
        assertEquals(List.of("bar#baz", "a!b", "\"a\\#b\"", "a\\\\"), texts(r));
    }

    @Test
    void doubleQuotesGroupAndSplitWordsSingleQuotesDoNot() {
        PreprocessResult r = fx.lex("\"abc def\"ghi x\nab\"c d\"e\n'sq x'z\n");
        assertEquals(List.of("\"abc def\" ghi x", "ab \"c d\" e", "'sq x'z"), texts(r));
        Line first = r.lines().get(0);
        assertTrue(first.word(0).quoted());
        assertEquals("abc def", first.word(0).text());
        assertFalse(first.word(1).quoted());
    }

    @Test
    void escapesAreNotInterpretedInWords() {
        PreprocessResult r = fx.lex("\"esc\\x41\\101\\n\\q\"\n");
        assertEquals("esc\\x41\\101\\n\\q", r.lines().get(0).word(0).text());
    }

    @Test
    void bracesAreLinesOfTheirOwnEvenWhenGlued() {
        PreprocessResult r = fx.lex("outer{\n  x}\nvrrp_instance VI_1 { state MASTER }\n");
        assertEquals(List.of("outer", "{", "x", "}", "vrrp_instance VI_1", "{", "state MASTER", "}"), texts(r));
        assertTrue(r.lines().get(1).isBlockStart());
        assertTrue(r.lines().get(3).isBlockEnd());
        assertTrue(r.diagnostics().isEmpty());
    }

    @Test
    void bracesInsideDoubleQuotesDoNotSplit() {
        PreprocessResult r = fx.lex("a \"{\" b\nc \"x}y\" {\n}\n");
        assertEquals(List.of("a \"{\" b", "c \"x}y\"", "{", "}"), texts(r));
    }

    @Test
    void wordLocationsAreFileLineAndColumn() {
        PreprocessResult r = fx.lex("\n  global_defs {\n\trouter_id  r1 # c\n}\n");
        Line l = r.lines().get(2);
        assertEquals(new Location("" + tmp.resolve("keepalived.conf"), 3, 2), l.location());
        assertEquals(13, l.word(1).location().column());
        assertEquals(new Location("" + tmp.resolve("keepalived.conf"), 2, 15), r.lines().get(1).location());
    }

    @Test
    void trailingBackslashIsNoContinuationOutsideDefinitions() {
        PreprocessResult r = fx.lex("tail\\\nnext\n");
        assertEquals(List.of("tail\\", "next"), texts(r));
    }

    @Test
    void crlfLineEndsAreAccepted() {
        assertEquals(List.of("a b", "c"), texts(fx.lex("a b\r\nc\r\n")));
    }

    @Test
    void unterminatedQuoteReportsBothKeepalivedMessages() {
        PreprocessResult r = fx.lex("global_defs {\n router_id \"abc\n}\n");
        assertEquals(List.of("2:2 ERROR Unterminated quote 'router_id \"abc'",
                "2:2 ERROR Unmatched quote: 'router_id \"abc'"), diags(r));
        assertEquals(List.of("global_defs", "{", "router_id", "}"), texts(r));
    }

    @Test
    void extraClosingBraceIsAnError() {
        PreprocessResult r = fx.lex("}\n");
        assertEquals(List.of("1:1 ERROR Extra '}' found"), diags(r));
        assertEquals(List.of("}"), texts(r));
    }

    @Test
    void missingClosingBracesAreCountedAtTheEnd() {
        PreprocessResult r = fx.lex("global_defs {\n a {\n");
        assertEquals(List.of("0:0 ERROR There are 2 missing '}'s or extra '{'s"), diags(r));
        assertEquals(5, r.diagnostics().get(0).severity().exitCode());
    }

    @Test
    void lineTextIsKeptForEscapedSplitting() {
        PreprocessResult r = fx.lex("notify \"/bin/x 'a b'\" \\x41\n");
        assertEquals("notify \"/bin/x 'a b'\" \\x41", r.lines().get(0).text());
    }
}
