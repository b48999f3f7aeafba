package org.calpe.config.keepalived.parser;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.calpe.config.api.ConfigurationParser;
import org.calpe.config.api.Location;
import org.calpe.config.api.ParseOptions;
import org.calpe.config.api.ParseResult;
import org.calpe.config.api.Severity;
import org.calpe.config.api.model.Block;
import org.calpe.config.api.model.KeepalivedConfig;
import org.calpe.config.keepalived.lexer.Line;
import org.calpe.config.keepalived.lexer.PreprocessResult;
import org.calpe.config.keepalived.lexer.Preprocessor;
import org.calpe.config.keepalived.lexer.Word;
import org.calpe.config.keepalived.schema.BlockSpec;
import org.calpe.config.keepalived.schema.KeepalivedSchema;
import org.calpe.config.keepalived.schema.ParseContext;
import org.osgi.service.component.annotations.Component;

/**
 * Reads keepalived.conf: preprocess (includes, variables, conditionals, generators), build the typed tree
 * against the grammar, run the cross-checks. Never throws for bad input; everything becomes a diagnostic.
 */
@Component(service = ConfigurationParser.class)
public final class KeepalivedParser implements ConfigurationParser {
    private final BlockSpec grammar;
    private final Predicate<String> interfaces;

    public KeepalivedParser() {
        this(null);
    }

    /** For tests: a fake interface lookup (null: the interfaces of this network namespace, read per parse). */
    public KeepalivedParser(Predicate<String> interfaces) {
        this.grammar = KeepalivedSchema.root();
        this.interfaces = interfaces;
    }

    @Override
    public ParseResult parse(Path mainFile, ParseOptions options) {
        ParseContext ctx = new ParseContext(options, interfaces != null ? interfaces : Interfaces.live());
        PreprocessResult pre = new Preprocessor(options).run(mainFile);
        ctx.addAll(pre.diagnostics());
        if (pre.diagnostics().stream().anyMatch(KeepalivedParser::stops)) {
            return new ParseResult(Optional.empty(), ctx.diagnostics(), pre.files());
        }
        ctx.dynamicInterfaces(hasDynamicInterfaces(pre.lines()));
        Block root = new TreeBuilder(ctx).build(pre.lines(), grammar, new Location(mainFile.toString(), 0, 0));
        boolean fatal = ctx.diagnostics().stream().anyMatch(KeepalivedParser::stops);
        return new ParseResult(fatal ? Optional.empty() : Optional.of(new KeepalivedConfig(root)),
                ctx.diagnostics(), pre.files());
    }

    /** Whether a {@code dynamic_interfaces} line sits directly in a top-level {@code global_defs} block. */
    static boolean hasDynamicInterfaces(List<Line> lines) {
        ArrayDeque<String> blocks = new ArrayDeque<>();
        String keyword = ""; // the first word of the last keyword line: the name of a block that opens next
        for (Line line : lines) {
            for (Word w : line.words()) {
                if (w.isBlockStart()) {
                    blocks.push(keyword);
                    keyword = "";
                } else if (w.isBlockEnd()) {
                    blocks.poll();
                } else if (w == line.words().get(0)) {
                    keyword = w.text();
                    if (keyword.equals("dynamic_interfaces") && blocks.size() == 1
                            && "global_defs".equals(blocks.peek())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A fatal problem or an abort leaves no usable configuration. */
    private static boolean stops(org.calpe.config.api.Diagnostic d) {
        return d.severity() == Severity.FATAL || d.severity() == Severity.ABORT;
    }
}
