package org.calpe.config.keepalived.lexer;

import static org.calpe.config.keepalived.lexer.LexerFixture.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** @id and @^id lines against the config id (keepalived -i), checked against keepalived 2.2.7. */
class ConditionalTest extends LexerTestSupport {

    private static final String CONF = "@main router_id main_router\n@backup router_id backup_router\n"
            + "@^main 1.2.3.4\n@^backup  1.2.3.5\n@main\n@ x\n@^ y\n";

    @Test
    void matchingIdKeepsTheRestOfTheLine() {
        fx.configId = "main";
        assertEquals(List.of("router_id main_router", "1.2.3.5", "y"), texts(fx.lex(CONF)));
    }

    @Test
    void otherIdKeepsNegatedLines() {
        fx.configId = "backup";
        assertEquals(List.of("router_id backup_router", "1.2.3.4", "y"), texts(fx.lex(CONF)));
    }

    @Test
    void unrelatedIdKeepsOnlyNegatedLines() {
        fx.configId = "other";
        assertEquals(List.of("1.2.3.4", "1.2.3.5", "y"), texts(fx.lex(CONF)));
    }

    @Test
    void conditionalDefinitionsAndColumns() {
        fx.configId = "main";
        PreprocessResult r = fx.lex("@main $PRIORITY=240\n@backup $PRIORITY=200\npriority $PRIORITY\n");
        assertEquals(List.of("priority 240"), texts(r));
        fx.configId = "x";
        PreprocessResult r2 = fx.lex("@^main   keep me\n");
        assertEquals(10, r2.lines().get(0).location().column());
    }

    @Test
    void conditionalAfterAnOpeningBraceOnTheSameLine() {
        fx.configId = "main";
        assertEquals(List.of("vrrp_instance X", "{", "priority 1", "}"),
                texts(fx.lex("vrrp_instance X { @main priority 1 }\nvrrp_instance X { @other priority 2 }\n"))
                        .subList(0, 4));
    }

    @Test
    void conditionalInclude() {
        fx.configId = "main";
        fx.write("inc.conf", "included\n");
        assertEquals(List.of("included"), texts(fx.lex("@main include inc.conf\n@other include inc.conf\n")));
    }
}
