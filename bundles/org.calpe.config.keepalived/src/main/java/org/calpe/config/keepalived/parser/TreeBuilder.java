package org.calpe.config.keepalived.parser;

import java.util.ArrayList;
import java.util.List;

import org.calpe.config.api.Location;
import org.calpe.config.api.model.Block;
import org.calpe.config.api.model.Item;
import org.calpe.config.api.model.Node;
import org.calpe.config.api.model.Setting;
import org.calpe.config.keepalived.lexer.Line;
import org.calpe.config.keepalived.lexer.Word;
import org.calpe.config.keepalived.schema.Alias;
import org.calpe.config.keepalived.schema.BlockSpec;
import org.calpe.config.keepalived.schema.BlockValidator;
import org.calpe.config.keepalived.schema.KeywordSpec;
import org.calpe.config.keepalived.schema.ParseContext;
import org.calpe.config.keepalived.schema.Statement;
import org.calpe.config.keepalived.schema.ValueType;

/**
 * Turns preprocessed lines into the typed block tree, driven by the schema. Lines are split into statements
 * at braces (keepalived allows blocks on one line and a '{' on the next line); each statement is looked up in
 * the current block's grammar. Unknown keywords are reported and skipped (with their block, if they open
 * one); values are converted by their {@link ValueType}; each block's validators run once it is closed, the
 * root's at the end.
 */
public final class TreeBuilder {
    private final ParseContext ctx;
    private List<Statement> statements;
    private int pos;

    public TreeBuilder(ParseContext ctx) {
        this.ctx = ctx;
    }

    public Block build(List<Line> lines, BlockSpec rootSpec, Location rootLocation) {
        statements = split(lines);
        pos = 0;
        List<Node> children = body(rootSpec, true);
        Block root = new Block("", List.of(), children, rootLocation);
        validate(rootSpec, root);
        return root;
    }

    /**
     * Turns lines into statements. The preprocessor already puts every brace on a line of its own; braces
     * glued to other words (hand-made lines) are split here too. A lone '{' or '}' is a statement of its own.
     */
    static List<Statement> split(List<Line> lines) {
        List<Statement> out = new ArrayList<>(lines.size());
        for (Line line : lines) {
            List<Word> words = line.words();
            boolean plain = true;
            for (int i = 0; i < words.size() && plain; i++) {
                plain = words.size() == 1 || !(words.get(i).isBlockStart() || words.get(i).isBlockEnd());
            }
            if (plain) {
                out.add(new Statement(words.get(0), words.subList(1, words.size()), line.text()));
                continue;
            }
            List<Word> cur = new ArrayList<>();
            for (Word w : words) {
                if (w.isBlockStart() || w.isBlockEnd()) {
                    flush(cur, out);
                    out.add(new Statement(w, List.of(), w.text()));
                } else {
                    cur.add(w);
                }
            }
            flush(cur, out);
        }
        return out;
    }

    private static void flush(List<Word> cur, List<Statement> out) {
        if (!cur.isEmpty()) {
            StringBuilder text = new StringBuilder();
            for (Word w : cur) {
                text.append(text.length() == 0 ? "" : " ").append(w.quoted() ? '"' + w.text() + '"' : w.text());
            }
            out.add(new Statement(cur.get(0), cur.subList(1, cur.size()), text.toString()));
            cur.clear();
        }
    }

    private static boolean isClose(Statement st) {
        return st.keyword().isBlockEnd();
    }

    private static boolean isLoneOpen(Statement st) {
        return st.keyword().isBlockStart();
    }

    /** Reads a block body up to its closing brace (or the end of input at the top). */
    private List<Node> body(BlockSpec spec, boolean top) {
        List<Node> out = new ArrayList<>();
        while (pos < statements.size() && !ctx.aborted()) {
            Statement st = statements.get(pos++);
            if (isClose(st)) {
                if (top) {
                    ctx.error(st.location(), "Extra '}' found");
                    continue;
                }
                return out;
            }
            if (isLoneOpen(st)) {
                ctx.error(st.location(), "Unexpected '{' - ignoring");
                skipBlock();
                continue;
            }
            String name = st.name();
            if (spec.isList() && spec.keyword(name) == null && spec.block(name) == null
                    && spec.alias(name) == null) {
                boolean opens = opensBlock(st);
                Item item = spec.items().parse(st, ctx);
                if (item != null) {
                    out.add(item);
                }
                if (opens) {
                    skipBlock();
                }
                continue;
            }
            statement(spec, st, out);
        }
        return out;
    }

    /** Whether the next statement is the '{' that opens a block for this one (consumed if so). */
    private boolean opensBlock(Statement st) {
        if (pos < statements.size() && isLoneOpen(statements.get(pos))) {
            pos++;
            return true;
        }
        return false;
    }

    private void statement(BlockSpec spec, Statement st, List<Node> out) {
        String name = st.name();
        Alias alias = spec.alias(name);
        String canonical = name;
        if (alias != null) {
            canonical = alias.canonical();
            if (alias.severity() != null) {
                ctx.report(alias.severity(), st.location(), alias.message());
            }
        }
        BlockSpec sub = spec.block(canonical);
        KeywordSpec kw = spec.keyword(canonical);
        boolean opens = opensBlock(st);
        if (sub != null && (opens || kw == null)) {
            if (!opens) {
                ctx.error(st.location(), "%s: missing '{' - ignoring", name);
                return;
            }
            List<String> args = List.of();
            Statement canon = st.withKeyword(canonical);
            if (sub.args() != null) {
                Object v = sub.args().parse(canon, ctx);
                if (v == ValueType.INVALID) {
                    skipBlock();
                    return;
                }
                args = sub.args().render(v);
            }
            List<Node> children = body(sub, false);
            Block block = new Block(canonical, args, children, st.location());
            validate(sub, block);
            out.add(block);
            return;
        }
        if (kw != null) {
            if (opens) {
                ctx.error(st.location(), "%s: unexpected '{' - ignoring", name);
                skipBlock();
                return;
            }
            Statement canon = alias == null ? st : st.withKeyword(canonical);
            Object v = kw.type().parse(canon, ctx);
            if (v != ValueType.INVALID) {
                out.add(new Setting(canonical, kw.type().render(v), v, st.location()));
            }
            return;
        }
        ctx.error(st.location(), "Unknown keyword '%s'", name);
        if (opens) {
            skipBlock();
        }
    }

    /** Skips statements up to and including the brace that closes the block just opened. */
    private void skipBlock() {
        int depth = 1;
        while (pos < statements.size() && depth > 0) {
            Statement st = statements.get(pos++);
            if (isClose(st)) {
                depth--;
            } else if (isLoneOpen(st)) {
                depth++;
            }
        }
    }

    private void validate(BlockSpec spec, Block block) {
        if (ctx.aborted()) {
            return; // keepalived stopped reading: no end-of-block or end-of-file checks
        }
        for (BlockValidator v : spec.validators()) {
            v.validate(block, ctx);
        }
    }
}
