package org.calpe.exec.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ScriptCommandTest {

    private static List<String> split(String s) {
        return ScriptCommand.parse(s).argv();
    }

    @Test
    void blanksSeparateWords() {
        assertEquals(List.of("/usr/bin/check", "-a", "b"), split("  /usr/bin/check \t-a   b  "));
    }

    @Test
    void quotesGroupAndMayBeGlued() {
        assertEquals(List.of("/bin/x", "a b", "c d", "e'f", "g\"h", "pre fix"),
                split("/bin/x 'a b' \"c d\" \"e'f\" 'g\"h' pre' 'fix"));
    }

    @Test
    void emptyQuotesMakeAnEmptyWord() {
        assertEquals(List.of("/bin/x", "", "y"), split("/bin/x '' y"));
    }

    @Test
    void backslashEscapesInsideAndOutsideQuotes() {
        assertEquals(List.of("/bin/x", "a b", "it's", "tab\there", "\u001b[0m", "A", "\u0001", "nl\n", "q'q"),
                split("/bin/x a\\ b it\\'s tab\\there \\E[0m \\x41 \\ca 'nl\\n' 'q\\'q'"));
        assertEquals(List.of("/bin/x", "S", "\u0007", "\\"), split("/bin/x \\123 \\a \\\\"));
    }

    @Test
    void errorsUseKeepalivedWording() {
        IllegalArgumentException quote = assertThrows(IllegalArgumentException.class,
                () -> ScriptCommand.parse("/bin/x 'open"));
        assertEquals("String '/bin/x 'open': missing terminating '", quote.getMessage());
        IllegalArgumentException esc = assertThrows(IllegalArgumentException.class,
                () -> ScriptCommand.parse("/bin/x a\\"));
        assertEquals("Missing escape char at end: '/bin/x a\\'", esc.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScriptCommand.parse("   "));
        assertThrows(IllegalArgumentException.class, () -> ScriptCommand.parse("''"));
    }

    @Test
    void redirectionOnlyRule() {
        assertTrue(ScriptCommand.parse("</dev/tcp/127.0.0.1/80").isRedirectionOnly());
        assertTrue(ScriptCommand.parse("'< /dev/null'").isRedirectionOnly());
        assertFalse(ScriptCommand.parse("<dev/null").isRedirectionOnly());
        assertFalse(ScriptCommand.parse("/bin/true </dev/null").isRedirectionOnly());
        assertFalse(ScriptCommand.parse(">/tmp/x").isRedirectionOnly());
    }

    @Test
    void shellStringQuotesEveryWordButALeadingRedirection() {
        assertEquals("'/bin/x' 'a b' ''", ScriptCommand.of("/bin/x", "a b", "").shellString());
        assertEquals("</dev/tcp/127.0.0.1/80", ScriptCommand.parse("</dev/tcp/127.0.0.1/80").shellString());
        assertEquals("'/bin/x' 'it'\\''s'", ScriptCommand.of("/bin/x", "it's").shellString());
    }

    @Test
    void notifyArgumentsAreAppended() {
        assertEquals(List.of("/n.sh", "x", "INSTANCE", "VI_1", "MASTER", "100"),
                ScriptCommand.parse("/n.sh x").withArguments("INSTANCE", "VI_1", "MASTER", "100").argv());
    }

    @Test
    void keepalivedManPageExamples() {
        // keepalived.conf(5) "Quoted strings"; formerly config.keepalived's EscapedWords/CommandWords tests
        assertEquals(List.of("abcd efg h jkl mnop"), split("abcd\" efg h jkl \"mnop"));
        assertEquals(List.of("abcd", "efg h jkl", "mnop"), split("abcd \"efg h jkl\" mnop"));
        assertEquals(List.of("A\u0041\n\t\u0001q\\\"x\u001b\u0007\b\f\r\u000b"),
                split("\\x41\\101\\n\\t\\cAq\\\\\\\"x\\E\\a\\b\\f\\r\\v"));
        assertEquals(List.of("in\"quote\u0007"), split("'in\"quote\\7'"));
        assertEquals(List.of("/bin/sh", "-c", "kill -0 $(cat /run/x.pid)"),
                split("/bin/sh -c 'kill -0 $(cat /run/x.pid)'"));
        assertEquals(List.of("/opt/my script", "a"), split("\"/opt/my script\"  a"));
        assertEquals(List.of("/opt/my script"), split("/opt/my\\ script"));
        assertEquals("/usr/bin/killall", ScriptCommand.parse("/usr/bin/killall -0 haproxy").program());
    }

    @Test
    void hexEscapesTakeAsciiDigitsOnly() {
        // C's isxdigit: an Arabic-Indic digit ends the escape instead of adding to it
        assertEquals(List.of("\u0001\u0663"), split("\\x1\u0663"));
        assertEquals(List.of("xz"), split("\\xz"));
    }

    @Test
    void logStringIsKeepalivedsCmdStr() {
        assertEquals("'/bin/check' '-x'", ScriptCommand.parse("/bin/check -x").logString());
        assertEquals("</dev/null", ScriptCommand.parse("</dev/null").logString());
        assertEquals("'/bin/x' 'it's'", ScriptCommand.of("/bin/x", "it's").logString());
    }
}
