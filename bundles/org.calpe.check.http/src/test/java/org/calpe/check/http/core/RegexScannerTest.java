package org.calpe.check.http.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class RegexScannerTest {

    private static boolean scan(RegexSpec spec, String subject, int chunk) {
        RegexScanner s = new RegexScanner(spec);
        byte[] b = subject.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < b.length; i += chunk) {
            s.feed(b, i, Math.min(chunk, b.length - i));
        }
        return s.matched();
    }

    private static RegexSpec rx(String p, long min, long max, String... options) {
        return RegexSpec.compile(p, List.of(options), false, min, max);
    }

    @Test
    void offsetsBoundTheMatchStart() {
        String s = "0123456789abc";
        for (int chunk : new int[] {1, 2, 5, 100}) {
            assertTrue(scan(rx("abc", 0, -1), s, chunk));
            assertTrue(scan(rx("abc", 10, -1), s, chunk), "starts at 10");
            assertFalse(scan(rx("abc", 11, -1), s, chunk), "min beyond the only start");
            assertTrue(scan(rx("abc", 0, 10), s, chunk), "max is inclusive");
            assertFalse(scan(rx("abc", 0, 9), s, chunk));
            assertTrue(scan(rx("[0-9]", 3, 3), s, chunk));
        }
    }

    @Test
    void minAboveMaxDropsBothLikeKeepalived() {
        RegexSpec spec = rx("abc", 20, 5);
        assertEquals(0, spec.minOffset());
        assertEquals(-1, spec.maxOffset());
        assertTrue(scan(spec, "xxabc", 1));
    }

    @Test
    void matchesAcrossChunksAndFarAway() {
        String s = "a".repeat(10_000) + "hello world" + "b".repeat(10);
        for (int chunk : new int[] {1, 3, 4096, 100_000}) {
            assertTrue(scan(rx("hello\\s+world", 0, -1), s, chunk), "chunk " + chunk);
        }
    }

    @Test
    void nothingMatchesAtTheVeryEndOfTheStream() {
        // PCRE2 partial hard: a match that more input could extend is only partial, and keepalived never sends EOF
        assertFalse(scan(rx("ab+", 0, -1), "xxab", 100));
        assertTrue(scan(rx("ab+", 0, -1), "xxab\n", 100));
    }

    @Test
    void anchorsDoNotMatchAtChunkBoundaries() {
        String s = "line one\nline two\n";
        assertFalse(scan(rx("^two", 0, -1), s, 3));
        assertTrue(scan(rx("^line two", 0, -1, "multiline"), s, 3));
        assertFalse(scan(rx("^line two", 0, -1), s, 3), "without multiline ^ is the subject start only");
        assertTrue(scan(rx("^line one", 0, -1), s, 3));
    }

    @Test
    void optionsAreMapped() {
        assertTrue(scan(rx("HELLO", 0, -1, "caseless"), "hello\n", 100));
        assertTrue(scan(rx("a.b", 0, -1, "dotall"), "a\nb\n", 100));
        assertTrue(scan(rx("a b  # comment", 0, -1, "extended"), "ab\n", 100));
        assertFalse(scan(rx("two", 0, -1, "firstline"), "one\ntwo\n", 100));
        assertTrue(scan(rx("one", 0, -1, "firstline"), "one\ntwo\n", 100));
        assertTrue(scan(rx("abc", 0, -1, "dupnames", "no_start_optimize", "utf"), "abc\n", 100), "accepted");
    }

    @Test
    void ungreedySwapsQuantifiers() {
        assertEquals("a+?b*[x*]\\*c{2,3}?d??e+f*+", Ungreedy.swap("a+b*?[x*]\\*c{2,3}d?e+?f*+"));
        assertEquals("(?:ab)*?", Ungreedy.swap("(?:ab)*"));
        RegexSpec spec = rx("<.+>", 0, 5, "ungreedy");
        assertTrue(scan(spec, "<a><b>\n", 100));
    }
}
