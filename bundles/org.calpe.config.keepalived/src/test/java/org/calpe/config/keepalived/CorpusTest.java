package org.calpe.config.keepalived;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.calpe.config.api.ParseOptions;
import org.calpe.config.api.ParseResult;
import org.calpe.config.keepalived.parser.KeepalivedParser;
import org.calpe.config.keepalived.render.Renderer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every corpus file against the verdict the real {@code keepalived -t} gave for it (golden {@code .expected}
 * files written by scripts/tools/configtest-golden.sh), and every parsed file through a render/parse round trip.
 * The interfaces are those of the golden lab namespace.
 */
class CorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/corpus");
    static final Set<String> LAB_INTERFACES = Set.of("lo", "eth0", "eth1", "eth2", "bond0");

    @TempDir
    Path tmp;

    static List<Path> corpusFiles() throws IOException {
        try (Stream<Path> s = Files.walk(CORPUS)) {
            return s.filter(p -> p.toString().endsWith(".conf"))
                    .filter(p -> !CORPUS.relativize(p).toString().matches("(.*/)?include[^/]*/.*"))
                    .sorted().collect(Collectors.toList());
        }
    }

    static ParseOptions optionsFor(Path file) throws IOException {
        ParseOptions o = ParseOptions.defaults();
        String first = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
        if (first.startsWith("# configtest-args:")) {
            String[] a = first.substring("# configtest-args:".length()).trim().split("\\s+");
            for (int i = 0; i + 1 < a.length; i++) {
                if (a[i].equals("-i")) {
                    o = o.withConfigId(a[i + 1]);
                }
            }
        }
        return o;
    }

    @TestFactory
    Stream<DynamicTest> sameExitCodeAsKeepalived() throws IOException {
        List<Path> files = corpusFiles();
        assertFalse(files.isEmpty(), "empty corpus");
        KeepalivedParser parser = new KeepalivedParser(LAB_INTERFACES::contains);
        return files.stream().map(f -> DynamicTest.dynamicTest(CORPUS.relativize(f).toString(), () -> {
            Path expected = f.resolveSibling(f.getFileName() + ".expected");
            assertTrue(Files.exists(expected), "no golden verdict: run scripts/tools/configtest-golden.sh " + f);
            List<String> golden = Files.readAllLines(expected, StandardCharsets.UTF_8);
            int want = Integer.parseInt(golden.get(0).trim());
            ParseResult r = parser.parse(f.toAbsolutePath(), optionsFor(f));
            assertEquals(want, r.exitCode(), () -> "keepalived said:\n  " + String.join("\n  ",
                    golden.subList(1, golden.size())) + "\ncalpe said:\n  " + r.diagnostics().stream()
                            .map(Object::toString).collect(Collectors.joining("\n  ")));
        }));
    }

    @TestFactory
    Stream<DynamicTest> renderedConfigParsesBackEqual() throws IOException {
        KeepalivedParser parser = new KeepalivedParser(LAB_INTERFACES::contains);
        Renderer renderer = new Renderer();
        // files with a fatal verdict have no model to render; the verdict test covers them
        List<Path> parsed = corpusFiles().stream()
                .filter(f -> parser.parse(f.toAbsolutePath(), ParseOptions.defaults()).config().isPresent()).toList();
        assertFalse(parsed.isEmpty(), "no corpus file parses");
        return parsed.stream().map(f -> DynamicTest.dynamicTest(CORPUS.relativize(f).toString(), () -> {
            ParseOptions opts = optionsFor(f);
            ParseResult r = parser.parse(f.toAbsolutePath(), opts);
            String text = renderer.render(r.config().get());
            Path out = tmp.resolve(f.getFileName().toString());
            Files.writeString(out, text, StandardCharsets.UTF_8);
            ParseResult back = parser.parse(out, opts);
            assertTrue(back.config().isPresent(), () -> "rendered text did not parse:\n" + text + back.diagnostics());
            assertEquals(r.config().get(), back.config().get(), () -> "round trip changed the model:\n" + text);
        }));
    }
}
