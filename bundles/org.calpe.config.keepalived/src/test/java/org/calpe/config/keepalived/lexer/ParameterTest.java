package org.calpe.config.keepalived.lexer;

import static org.calpe.config.keepalived.lexer.LexerFixture.diags;
import static org.calpe.config.keepalived.lexer.LexerFixture.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** $NAME definitions and substitution, checked against keepalived 2.2.7. */
class ParameterTest extends LexerTestSupport {
    @Test
    void plainAndBracedUses() {
        PreprocessResult r = fx.lex("$V=hello world\n$V\n${V}tail\n$Vtail\na$V,b\n($V)\n$V.e\n");
        assertEquals(List.of("hello world", "hello worldtail", "$Vtail", "ahello world,b", "(hello world)", "$V.e"),
                texts(r));
        assertTrue(r.diagnostics().isEmpty());
    }

    @Test
    void closingBraceAfterUnbracedNameIsNotAnEnd() {
        assertEquals(List.of("a$V", "}", "b"), texts(fx.lex("$V=vv\na$V}b\n")).subList(0, 3));
    }

    @Test
    void bracedUseWithSpaceLeavesTheBraceBehindAsKeepalivedDoes() {
        PreprocessResult r = fx.lex("$V=vv\n${V }f\n");
        assertEquals(List.of("vv", "}", "f"), texts(r));
        assertEquals(List.of("2:5 ERROR Extra '}' found"), diags(r));
    }

    @Test
    void substitutionIsRecursiveAtUseTime() {
        PreprocessResult r = fx.lex("$BASE=10.2.${SUB}\n$SUB=0\n${BASE}.100/32\n$SUB=10\n${BASE}.100/32\n");
        assertEquals(List.of("10.2.0.100/32", "10.2.10.100/32"), texts(r));
    }

    @Test
    void undefinedParametersStayAndBracesThenSplit() {
        assertEquals(List.of("$UNDEF x", "$", "{", "NOPE", "}"), texts(fx.lex("$UNDEF x\n${NOPE}\n")));
    }

    @Test
    void notDefinitions() {
        PreprocessResult r = fx.lex("$ S=1\n$S =1\n$9=x\n$S\n");
        assertEquals(List.of("$ S=1", "$S =1", "$9=x", "$S"), texts(r));
    }

    @Test
    void emptyValueAndQuotedValue() {
        PreprocessResult r = fx.lex("$E=\n$E\n$Q= \"q  x\"\nk $Q\n");
        assertEquals(List.of("k \"q  x\""), texts(r));
    }

    @Test
    void parameterValueMayHoldAConditional() {
        fx.configId = "main";
        PreprocessResult r = fx.lex("$IF_MAIN=@main\n$IF_MAIN priority 240\n$IF_B=@backup\n$IF_B priority 200\n");
        assertEquals(List.of("priority 240"), texts(r));
    }

    @Test
    void commentCharactersProducedBySubstitutionStartComments() {
        PreprocessResult r = fx.lex("$H=a\\#b c\n$H\n$X=x\na\\#$X\nq \"${_HASH}q\"\n${_BANG}\n");
        assertEquals(List.of("a", "a", "q \"#q\""), texts(r));
    }

    @Test
    void multilineDefinitionExpandsToSeveralLinesAtTheUseLine() {
        PreprocessResult r = fx.lex("$M= \\\n  m1 a \\\n  m2 b\n$M\nx $M\n");
        assertEquals(List.of("m1 a", "m2 b", "x m1 a", "m2 b"), texts(r));
        assertEquals(4, r.lines().get(0).location().line());
        assertEquals(4, r.lines().get(1).location().line());
        assertEquals(5, r.lines().get(3).location().line());
    }

    @Test
    void multilineDefinitionWithTextOnTheFirstLine() {
        assertEquals(List.of("b0", "b1", "c0", "c1"), texts(fx.lex("$B=b0 \\\n b1\n$B\n$C=c0\\\nc1\n$C\n")));
    }

    @Test
    void blankOrCommentLineEndsAMultilineDefinition() {
        PreprocessResult r = fx.lex("$A= \\\n  a1 \\\n\n  a2 \\\n  # c\n  a3\n$A\n");
        assertEquals(List.of("a2\\", "a3", "a1"), texts(r));
    }

    @Test
    void continuedDefinitionWithOneLineIsAnOrdinaryParameter() {
        assertEquals(List.of("3x", "$", "{", "R", "}", "x"),
                texts(fx.lex("$M= \\\n 3\n${M}x\n$R=8\\\n 9\n${R}x\n")));
    }

    @Test
    void multilineDefinitionIsOnlyUsedAtTheEndOfALine() {
        assertEquals(List.of("$M x"), texts(fx.lex("$M= \\\n m1 \\\n m2\n$M x\n")));
    }

    @Test
    void nestedMultilineDefinitions() {
        String conf = "$RS= \\\n real_server 192.0.2.${N} 80 { \\\n  weight 1 \\\n }\n"
                + "$VS= \\\n virtual_server 10.0.0.1 80 { \\\n  $N=1 \\\n  $RS \\\n  $N=2 \\\n  $RS \\\n }\n$VS\n";
        PreprocessResult r = fx.lex(conf);
        assertEquals(List.of("virtual_server 10.0.0.1 80", "{", "real_server 192.0.2.1 80", "{", "weight 1", "}",
                "real_server 192.0.2.2 80", "{", "weight 1", "}", "}"), texts(r));
        assertTrue(r.diagnostics().isEmpty());
    }

    @Test
    void predefinedParameters() {
        fx.configId = "lb1";
        PreprocessResult r = fx.lex("${_INSTANCE}\n${_PWD}/x\n$_INSTANCE\n");
        assertEquals(List.of("lb1", real(tmp) + "/x", "lb1"), texts(r));
    }

    private static String real(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void randomWithinRange() {
        PreprocessResult r = fx.lex("${_RANDOM 5 5}\n${_RANDOM 3 4 5}\n${_RANDOM 7 9}\n$_RANDOM\n");
        List<String> t = texts(r);
        assertEquals("5", t.get(0));
        assertEquals("3", t.get(1)); // extra parameters are ignored
        int v = Integer.parseInt(t.get(2));
        assertTrue(v >= 7 && v <= 9, t.get(2));
        int w = Integer.parseInt(t.get(3));
        assertTrue(w >= 0 && w <= 32767, t.get(3));
    }

    @Test
    void randomWithParametersFollowedByTextReproducesKeepalivedsShift() {
        // keepalived 2.2.7 turns "${_RANDOM 5 5}r" into "5r_RANDOM 5 5}r"
        assertEquals(List.of("5r_RANDOM 5 5", "}", "r"), texts(fx.lex("${_RANDOM 5 5}r\n")));
    }

    @Test
    void parametersOnNonParameterisedNamesAreNotReplaced() {
        assertEquals(List.of("$", "{", "_INSTANCE 1", "}"), texts(fx.lex("${_INSTANCE 1}\n")));
    }

    @Test
    void userDefinitionOverridesPredefined() {
        assertEquals(List.of("mine"), texts(fx.lex("$_PWD=mine\n${_PWD}\n")));
    }

    @Test
    void overriddenRandomStillTakesParameters() {
        // keepalived 2.2.7: "(Line 2) Unknown keyword 'abcdefghijklmnopqrstuvwxyz'"
        String v = "abcdefghijklmnopqrstuvwxyz";
        assertEquals(List.of(v), texts(fx.lex("$_RANDOM=" + v + "\n${_RANDOM 1 2}\n")));
    }

    @Test
    void selfReferenceIsStoppedWithADiagnostic() {
        PreprocessResult r = fx.lex("$A=x$A\n$A\n");
        assertEquals(List.of("2:1 WARNING Parameter substitution on line '$A' would exceed maximum line length"),
                diags(r));
        // like keepalived 2.2.7: the line stops growing just below its 1024 byte buffer
        assertEquals("x".repeat(1021) + "$A", texts(r).get(0));
    }

    // ${_ENV NAME}: keepalived master only (keepalived.conf(5) "Pre-defined definitions"); 2.2.7 leaves it as text.

    @Test
    void environmentValueReplacesTheUse() {
        fx.environment = Map.of("VIP", "198.18.0.100", "NET", "198.18.0.10");
        PreprocessResult r = fx.lex("${_ENV VIP}/24\n${_ENV NET}/24\naddr ${_ENV VIP} dev x\n");
        assertEquals(List.of("198.18.0.100/24", "198.18.0.10/24", "addr 198.18.0.100 dev x"), texts(r));
        assertTrue(r.diagnostics().isEmpty());
    }

    @Test
    void environmentIsReadAtUseTimeThroughADefinition() {
        fx.environment = Map.of("PORT", "8080");
        assertEquals(List.of("port 8080"), texts(fx.lex("$P=${_ENV PORT}\nport $P\n")));
    }

    @Test
    void unsetVariableOrMissingNameGivesNothing() {
        fx.environment = Map.of("SET", "v");
        assertEquals(List.of("k", "k", "k"), texts(fx.lex("k ${_ENV UNSET}\nk $_ENV\nk ${_ENV}\n${_ENV UNSET}\n")));
    }

    @Test
    void valueIsTextSoQuotesKeepItsSpacesAndCommentCharactersCut() {
        fx.environment = Map.of("S", "a  b  c  d", "H", "x#y");
        PreprocessResult r = fx.lex("q \"${_ENV S}\"\nw ${_ENV S}\nh ${_ENV H}\n");
        assertEquals(List.of("q \"a  b  c  d\"", "w a b c d", "h x"), texts(r));
    }

    @Test
    void onlyTheFirstNameCountsAndOtherCharactersAreNotParameters() {
        fx.environment = Map.of("A", "first-value", "B", "second");
        PreprocessResult r = fx.lex("${_ENV A B}\n${_ENV A-B}\n${_ENV A }x\n");
        assertEquals(List.of("first-value", "$", "{", "_ENV A-B", "}", "$", "{", "_ENV A", "}", "x"), texts(r));
    }

    @Test
    void shorterValueFollowedByTextReproducesReplaceParamsShift() {
        // the same replace_param() path as "${_RANDOM 5 5}r": only the character after '}' is moved
        fx.environment = Map.of("P", "1");
        assertEquals(List.of("1x_ENV P", "}", "x"), texts(fx.lex("${_ENV P}x\n")));
    }

    @Test
    void userDefinitionOverridesEnvironmentParameterAndKeepsItsParameters() {
        fx.environment = Map.of("X", "env");
        assertEquals(List.of("mine", "mine"), texts(fx.lex("$_ENV=mine\n$_ENV\n${_ENV X}\n")));
    }
}
