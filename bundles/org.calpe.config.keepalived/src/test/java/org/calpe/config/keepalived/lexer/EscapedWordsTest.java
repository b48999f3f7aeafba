package org.calpe.config.keepalived.lexer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** keepalived.conf(5) "Quoted strings": the splitting of script command lines. */
class EscapedWordsTest {
    @Test
    void quotesGroupAndAreRemoved() {
        assertEquals(List.of("abcd efg h jkl mnop"), EscapedWords.split("abcd\" efg h jkl \"mnop").words());
        assertEquals(List.of("abcd", "efg h jkl", "mnop"), EscapedWords.split("abcd \"efg h jkl\" mnop").words());
        assertEquals(List.of("/bin/x", "a b", "c"), EscapedWords.split("/bin/x 'a b' c").words());
    }

    @Test
    void escapes() {
        assertEquals(List.of("A\u0041\n\t\u0001q\\\"x\u001b\u0007\b\f\r\u000b"),
                EscapedWords.split("\\x41\\101\\n\\t\\cAq\\\\\\\"x\\E\\a\\b\\f\\r\\v").words());
        assertEquals(List.of("in\"quote\u0007"), EscapedWords.split("'in\"quote\\7'").words());
        assertEquals(List.of("x", "y"), EscapedWords.split("  x\ty  ").words());
    }

    @Test
    void problems() {
        assertEquals(Optional.of("String 'a \"b': missing terminating \""), EscapedWords.split("a \"b").problem());
        assertEquals(Optional.of("Missing escape char at end: 'a\\'"), EscapedWords.split("a\\").problem());
        assertEquals(Optional.empty(), EscapedWords.split("a").problem());
    }
}
