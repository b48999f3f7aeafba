package org.calpe.config.keepalived.lexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class IncludeGlobTest {
    private static List<String> braces(String p) {
        List<String> out = new ArrayList<>();
        IncludeGlob.expandBraces(p, out, 0);
        return out;
    }

    @Test
    void braceExpansionIsNestedAndOrdered() {
        assertEquals(List.of("foo/", "foo/cat", "foo/dog", "bar"), braces("{foo/{,cat,dog},bar}"));
        assertEquals(List.of("a{b"), braces("a{b"));
        assertEquals(List.of("x1y", "x2y"), braces("x{1,2}y"));
    }

    @Test
    void fnmatch() {
        assertTrue(IncludeGlob.fnmatch("*.conf", 0, "a.conf", 0));
        assertFalse(IncludeGlob.fnmatch("*.conf", 0, "a.conf.bak", 0));
        assertTrue(IncludeGlob.fnmatch("?.c[a-o]nf", 0, "x.conf", 0));
        assertFalse(IncludeGlob.fnmatch("[!x].conf", 0, "x.conf", 0));
        assertTrue(IncludeGlob.fnmatch("[]x].conf", 0, "].conf", 0));
        assertTrue(IncludeGlob.fnmatch("a\\*", 0, "a*", 0));
        assertFalse(IncludeGlob.fnmatch("a\\*", 0, "ab", 0));
    }
}
