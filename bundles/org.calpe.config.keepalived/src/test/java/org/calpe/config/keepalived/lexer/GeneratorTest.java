package org.calpe.config.keepalived.lexer;

import static org.calpe.config.keepalived.lexer.LexerFixture.diags;
import static org.calpe.config.keepalived.lexer.LexerFixture.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** ~SEQ, ~SEQx and ~LST, checked against keepalived 2.2.7 and keepalived.conf(5). */
class GeneratorTest extends LexerTestSupport {
    @Test
    void seqWithStartStepEnd() {
        assertEquals(List.of("ip_address 10.0.0.1", "ip_address 10.0.1.1", "ip_address 10.0.2.1"),
                texts(fx.lex("~SEQ(SUBNET, 0, 1, 2) ip_address 10.0.${SUBNET}.1\n")));
    }

    @Test
    void seqDefaults() {
        PreprocessResult r = fx.lex("~SEQ(I,3) a$I\n~SEQ(J,-2) b$J\n~SEQ(K,5,2) c$K\n~SEQ(L,0) d$L\n");
        assertEquals(List.of("a1", "a2", "a3", "b-1", "b-2", "c5", "c4", "c3", "c2", "d1", "d0"), texts(r));
    }

    @Test
    void seqHexAndCNumberPrefixes() {
        PreprocessResult r = fx.lex("~SEQx(H, 0x90, 0x10, 0xc0) fe80::20:${H}:1\n~SEQ (P, 0x10, 0x11) p$P\n"
                + "~SEQ(O, 010, 011) o$O\n");
        assertEquals(List.of("fe80::20:90:1", "fe80::20:a0:1", "fe80::20:b0:1", "fe80::20:c0:1", "p16", "p17",
                "o8", "o9"), texts(r));
    }

    @Test
    void nestedSeqsRunOuterFirst() {
        assertEquals(List.of("fe81::10:90:12", "fe81::10:90:11", "fe81::10:a0:12", "fe81::10:a0:11"),
                texts(fx.lex("~SEQx(A, 0x90, 0x10, 0xa0) ~SEQx(B, 0x12, -1, 0x11) fe81::10:${A}:${B}\n")));
    }

    @Test
    void seqArgumentsMayBeParameters() {
        assertEquals(List.of("x1", "x2"), texts(fx.lex("$N=2\n~SEQ(I,1,$N) x$I\n")));
    }

    @Test
    void seqOverAMultilineDefinition() {
        PreprocessResult r = fx.lex("$VI= \\\nvrrp_instance v${I} { \\\n priority ${I} \\\n}\n~SEQ(I,1,2) $VI\n");
        assertEquals(List.of("vrrp_instance v1", "{", "priority 1", "}", "vrrp_instance v2", "{", "priority 2",
                "}"), texts(r));
        assertTrue(r.diagnostics().isEmpty());
    }

    @Test
    void seqLinesKeepTheSourceLineAndBodyColumn() {
        PreprocessResult r = fx.lex("\n~SEQ(I,1,2) seq_${I}\n");
        assertEquals(2, r.lines().get(1).location().line());
        assertEquals(13, r.lines().get(1).location().column());
    }

    @Test
    void invalidSeqsReportKeepalivedsMessages() {
        PreprocessResult r = fx.lex("~SEQ(L,1,0,3) bad\n~SEQ(M,3,1,1) bad2\n~SEQx(N,-1,1) bad3\n~SEQ(,1,2) bad4\n"
                + "~SEQ(Z 1 2) bad5\n~SEQUENCE\n");
        assertEquals(List.of(
                "1:1 ERROR Invalid ~SEQ values '~SEQ(L,1,0,3) bad'",
                "1:1 ERROR Invalid ~SEQ specification '~SEQ(L,1,0,3) bad'",
                "2:1 ERROR Invalid ~SEQ values '~SEQ(M,3,1,1) bad2'",
                "2:1 ERROR Invalid ~SEQ specification '~SEQ(M,3,1,1) bad2'",
                "3:1 ERROR ~SEQx is only valid for positive numbers '~SEQx(N,-1,1) bad3'",
                "3:1 ERROR Invalid ~SEQ specification '~SEQx(N,-1,1) bad3'",
                "4:1 ERROR Invalid ~SEQ definition '~SEQ(,1,2) bad4'",
                "4:1 ERROR Invalid ~SEQ specification '~SEQ(,1,2) bad4'",
                "6:1 ERROR Invalid ~SEQ specification '~SEQUENCE'"), diags(r));
        // keepalived skips any one character after the variable name, so this is ~SEQ(Z,2)
        assertEquals(List.of("bad5", "bad5"), texts(r));
    }

    @Test
    void seqArgumentsTooLongOrMultiline() {
        PreprocessResult r = fx.lex("~SEQ(I," + "1".repeat(70) + ") x\n$M= \\\n 3\n~SEQ(I,1,$M) y\n"
                + "$N=4 \\\n 5\n~SEQ(I,1,$N) z\n");
        assertEquals(List.of("1:1 ERROR ~SEQ parameter strings too long '~SEQ(I," + "1".repeat(70) + ") x'",
                "1:1 ERROR Invalid ~SEQ specification '~SEQ(I," + "1".repeat(70) + ") x'",
                "7:1 ERROR Invalid ~SEQ definition '~SEQ(I,1,$N) z'",
                "7:1 ERROR Invalid ~SEQ specification '~SEQ(I,1,$N) z'"), diags(r));
        // a continued definition with a single-line value is an ordinary parameter
        assertEquals(List.of("y", "y", "y"), texts(r));
    }

    @Test
    void lstSingleVariable() {
        assertEquals(List.of("192.169.1.5", "192.169.1.6", "192.169.2.5", "192.169.2.6"),
                texts(fx.lex("~LST(IP, 1, 2) ~LST(IP1, 5,6) 192.169.${IP}.${IP1}\n")));
    }

    @Test
    void lstSeveralVariablesAndMissingValuesAreEmpty() {
        assertEquals(List.of("192.168.10.1", "192.168.20.4", "192.168.3."),
                texts(fx.lex("~LST({IP, IP1}, {10,1},{20,4}, {3}) 192.168.${IP}.${IP1}\n")));
    }

    @Test
    void lstCombinedWithSeq() {
        assertEquals(List.of("192.168.10.1", "192.170.10.1", "192.168.20.4", "192.170.20.4"),
                texts(fx.lex("~LST({IP, IP1}, {10,1},{20,4}) ~SEQ(IP2,168,2,170) 192.${IP2}.${IP}.${IP1}\n")));
    }

    @Test
    void invalidLsts() {
        PreprocessResult r = fx.lex("~LST(Q) a\n~LST(R,a b,c) b\n~LST(S, \"x y\" , z) c\n~LST({A},{1,2}) d\n"
                + "~LST(T,1 e\n");
        assertEquals(List.of("1:1 ERROR Invalid ~LST specification '~LST(Q) a'",
                "2:1 ERROR Invalid ~LST specification '~LST(R,a b,c) b'",
                "3:1 ERROR Invalid ~LST specification '~LST(S, \"x y\" , z) c'",
                "4:1 ERROR ~LST specification has too many values '~LST({A},{1,2}) d'",
                "4:1 ERROR Invalid ~LST specification '~LST({A},{1,2}) d'",
                "5:1 ERROR Invalid ~LST specification '~LST(T,1 e'"), diags(r));
    }

    @Test
    void otherTildeLinesPassThrough() {
        assertEquals(List.of("~FOO x"), texts(fx.lex("~FOO x\n")));
    }

    @Test
    void strtolLikeC() {
        assertEquals(16, Generator.strtol("0x10)", 0)[0]);
        assertEquals(8, Generator.strtol(" 010", 0)[0]);
        assertEquals(-5, Generator.strtol("-5,", 0)[0]);
        assertEquals(0, Generator.strtol(")", 0)[1]);
    }
}
