package org.calpe.config.keepalived.schema.lvs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.calpe.config.api.Diagnostic;
import org.calpe.config.api.Location;
import org.calpe.config.api.ParseOptions;
import org.calpe.config.api.Severity;
import org.calpe.config.api.model.Block;
import org.calpe.config.keepalived.lexer.Preprocessor;
import org.calpe.config.keepalived.parser.TreeBuilder;
import org.calpe.config.keepalived.schema.BlockSpec;
import org.calpe.config.keepalived.schema.ParseContext;

/** Parses a configuration text against the LVS grammar alone (no other area), keeping the context. */
final class LvsFixture {
    static final BlockSpec GRAMMAR = grammar();

    final Block root;
    final ParseContext ctx;

    private LvsFixture(Block root, ParseContext ctx) {
        this.root = root;
        this.ctx = ctx;
    }

    private static BlockSpec grammar() {
        BlockSpec.Builder b = BlockSpec.builder("");
        LvsSchema.register(b);
        return b.build();
    }

    static LvsFixture parse(Path dir, String text) throws IOException {
        Path f = dir.resolve("t.conf");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        ParseContext ctx = new ParseContext(ParseOptions.defaults(), n -> true);
        var pre = new Preprocessor(ParseOptions.defaults()).run(f);
        ctx.addAll(pre.diagnostics());
        Block root = new TreeBuilder(ctx).build(pre.lines(), GRAMMAR, new Location(f.toString(), 0, 0));
        return new LvsFixture(root, ctx);
    }

    /** A virtual server with the usual keywords around the given real server body. */
    static String vs(String rsBody) {
        return "virtual_server 198.18.0.1 80 {\n lvs_sched rr\n lvs_method NAT\n protocol TCP\n"
                + " real_server 198.18.1.1 80 {\n" + rsBody + "\n }\n}\n";
    }

    List<String> messages() {
        return ctx.diagnostics().stream().filter(d -> d.severity() != Severity.INFO).map(Diagnostic::message)
                .collect(Collectors.toList());
    }

    List<Diagnostic> diagnostics() {
        return ctx.diagnostics();
    }

    Block virtualServer() {
        return root.blocks("virtual_server").findFirst().orElseThrow();
    }

    Block realServer() {
        return virtualServer().blocks("real_server").findFirst().orElseThrow();
    }
}
