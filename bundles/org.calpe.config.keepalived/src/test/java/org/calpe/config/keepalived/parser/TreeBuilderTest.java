package org.calpe.config.keepalived.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.calpe.config.api.Diagnostic;
import org.calpe.config.api.Location;
import org.calpe.config.api.ParseOptions;
import org.calpe.config.api.Severity;
import org.calpe.config.api.model.Block;
import org.calpe.config.api.model.Item;
import org.calpe.config.api.model.Setting;
import org.calpe.config.keepalived.lexer.Line;
import org.calpe.config.keepalived.lexer.Word;
import org.calpe.config.keepalived.schema.BlockSpec;
import org.calpe.config.keepalived.schema.ParseContext;
import org.calpe.config.keepalived.schema.Values;
import org.junit.jupiter.api.Test;

/** The schema-driven tree builder on a toy grammar, fed with hand-made lines. */
class TreeBuilderTest {
    static final BlockSpec VIPS = BlockSpec.builder("addrs")
            .items((st, ctx) -> new Item(List.of(st.name()), null, st.location())).build();
    static final BlockSpec THING = BlockSpec.builder("thing").args(Values.string("%k must have a name"))
            .keyword("prio", Values.integer(1, 255))
            .keyword("on", Values.flag())
            .alias("old_prio", "prio")
            .alias("older_prio", "prio", Severity.WARNING, "older_prio is deprecated")
            .block(VIPS)
            .validator((b, ctx) -> {
                if (b.setting("prio").isEmpty()) {
                    ctx.error(b.location(), "(%s) prio not set", b.name());
                }
            })
            .build();
    static final BlockSpec ROOT = BlockSpec.builder("").block(THING).build();

    /** Splits text into lines of words; each word's column is its 1-based position. */
    static List<Line> lines(String text) {
        List<Line> out = new ArrayList<>();
        String[] ls = text.split("\n", -1);
        for (int n = 0; n < ls.length; n++) {
            List<Word> words = new ArrayList<>();
            String l = ls[n];
            int i = 0;
            while (i < l.length()) {
                if (l.charAt(i) == ' ') {
                    i++;
                    continue;
                }
                int j = i;
                while (j < l.length() && l.charAt(j) != ' ') {
                    j++;
                }
                words.add(new Word(l.substring(i, j), false, new Location("t.conf", n + 1, i + 1)));
                i = j;
            }
            if (!words.isEmpty()) {
                out.add(new Line(words, l.trim()));
            }
        }
        return out;
    }

    record Built(Block root, List<Diagnostic> diags) {
    }

    static Built build(String text) {
        ParseContext ctx = new ParseContext(new ParseOptions("id", Map.of(), false), n -> true);
        Block root = new TreeBuilder(ctx).build(lines(text), ROOT, new Location("t.conf", 0, 0));
        return new Built(root, ctx.diagnostics());
    }

    @Test
    void blocksOnOneLineAndBraceOnNextLine() {
        Built a = build("thing A { prio 7 on\naddrs { x y } }\nthing B\n{\nprio 9\n}");
        assertEquals(List.of(), a.diags);
        List<Block> things = a.root.blocks("thing").toList();
        assertEquals(2, things.size());
        assertEquals(7, things.get(0).value("prio", Integer.class).orElseThrow());
        // "x y" is one entry with a surplus word, as keepalived reads two addresses on one line
        assertEquals(List.of("x"), things.get(0).block("addrs").orElseThrow().items().map(Item::toString).toList());
        assertEquals(9, things.get(1).value("prio", Integer.class).orElseThrow());
    }

    @Test
    void surplusWordsOnALineBelongToTheFirstKeyword() {
        Built a = build("thing A {\nprio 7 on\n}");
        assertEquals(List.of(), a.diags);
        Block t = a.root.blocks("thing").findFirst().orElseThrow();
        assertTrue(t.setting("on").isEmpty(), "'on' was a surplus word of prio, as in keepalived");
    }

    @Test
    void unknownKeywordIsReportedWithLocationAndItsBlockSkipped() {
        Built a = build("thing A {\nprio 5\nbogus { prio 1\n}\n}\nbogus2 1");
        assertEquals(2, a.diags.size(), a.diags.toString());
        assertEquals("Unknown keyword 'bogus'", a.diags.get(0).message());
        assertEquals(new Location("t.conf", 3, 1), a.diags.get(0).location());
        assertEquals("Unknown keyword 'bogus2'", a.diags.get(1).message());
        assertEquals(5, a.root.blocks("thing").findFirst().orElseThrow().value("prio", Integer.class).orElseThrow());
    }

    @Test
    void extraClosingBraceAtTopLevel() {
        Built a = build("thing A { prio 1 }\n}");
        assertEquals(1, a.diags.size());
        assertEquals("Extra '}' found", a.diags.get(0).message());
        assertEquals(Severity.ERROR, a.diags.get(0).severity());
    }

    @Test
    void invalidValueDropsTheLineAndValidatorRuns() {
        Built a = build("thing A {\nprio 300\n}");
        assertEquals(List.of("number '300' outside range [1, 255]", "(A) prio not set"),
                a.diags.stream().map(Diagnostic::message).toList());
        assertEquals(new Location("t.conf", 2, 6), a.diags.get(0).location());
    }

    @Test
    void aliasesMapToCanonicalSpelling() {
        Built a = build("thing A {\nold_prio 3\n}\nthing B {\nolder_prio 4\n}");
        assertEquals(List.of("older_prio is deprecated"), a.diags.stream().map(Diagnostic::message).toList());
        Setting s = a.root.blocks("thing").findFirst().orElseThrow().setting("prio").orElseThrow();
        assertEquals(List.of("3"), s.args());
    }

    @Test
    void equalityIgnoresLocations() {
        assertEquals(build("thing A { prio 1 }").root, build("\n\nthing A {\n   prio 1\n}").root);
    }

    @Test
    void missingBlockNameSkipsTheBlock() {
        Built a = build("thing {\nprio 1\n}\nthing Z { prio 2 }");
        assertEquals(List.of("thing must have a name"), a.diags.stream().map(Diagnostic::message).toList());
        assertEquals(List.of("Z"), a.root.blocks("thing").map(Block::name).toList());
    }
}
