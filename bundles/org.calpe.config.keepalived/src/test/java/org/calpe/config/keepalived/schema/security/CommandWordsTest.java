package org.calpe.config.keepalived.schema.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class CommandWordsTest {
    @Test
    void splitsAtWhiteSpaceKeepingQuotedWordsTogether() {
        assertEquals(List.of("/bin/sh", "-c", "kill -0 $(cat /run/x.pid)"),
                CommandWords.split("/bin/sh -c 'kill -0 $(cat /run/x.pid)'"));
        assertEquals(List.of("/opt/my script", "a"), CommandWords.split("\"/opt/my script\"  a"));
        assertEquals(List.of("/opt/my script"), CommandWords.split("/opt/my\\ script"));
        assertEquals(List.of(), CommandWords.split("   "));
    }

    @Test
    void programIsTheFirstWord() {
        assertEquals("/usr/bin/killall", CommandWords.program("/usr/bin/killall -0 haproxy"));
        assertEquals("", CommandWords.program(""));
    }

    @Test
    void displayQuotesLikeKeepalived() {
        assertEquals("'/bin/check' '-x'", CommandWords.display("/bin/check -x"));
        assertEquals("</dev/null", CommandWords.display("</dev/null"));
    }
}
