package org.calpe.config.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.calpe.config.api.ApplyResult;
import org.calpe.config.api.ConfigTopics;
import org.calpe.config.api.ConfigurationApplier;
import org.calpe.config.api.ConfigurationParser;
import org.calpe.config.api.Diagnostic;
import org.calpe.config.api.Location;
import org.calpe.config.api.MediaStatus.State;
import org.calpe.config.api.ParseOptions;
import org.calpe.config.api.ParseResult;
import org.calpe.config.api.ReloadOutcome;
import org.calpe.config.api.Severity;
import org.calpe.config.api.SnapshotInfo;
import org.calpe.config.api.model.Block;
import org.calpe.config.api.model.KeepalivedConfig;
import org.calpe.config.api.model.Node;
import org.calpe.config.api.model.Setting;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaControllerTest {
    @TempDir
    Path tmp;
    Path media;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-06T07:08:09Z"));
    private final List<String> events = new ArrayList<>();
    private final List<KeepalivedConfig> applied = new ArrayList<>();
    private final DropFolderTest.FakeOps ops = new DropFolderTest.FakeOps();
    private MediaController controller;

    /**
     * A toy parser: every line is a setting; {@code include F} reads F too (fatal when missing); a line
     * {@code bad} is an error at that line.
     */
    static final class ToyParser implements ConfigurationParser {
        @Override
        public ParseResult parse(Path main, ParseOptions options) {
            List<Node> nodes = new ArrayList<>();
            List<Diagnostic> diags = new ArrayList<>();
            Set<Path> files = new LinkedHashSet<>();
            read(main, nodes, diags, files);
            boolean fatal = diags.stream().anyMatch(d -> d.severity() == Severity.FATAL);
            Optional<KeepalivedConfig> c = fatal ? Optional.empty()
                    : Optional.of(new KeepalivedConfig(new Block("", List.of(), nodes, Location.UNKNOWN)));
            return new ParseResult(c, diags, files);
        }

        private void read(Path f, List<Node> nodes, List<Diagnostic> diags, Set<Path> files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(f);
                files.add(f);
            } catch (IOException e) {
                diags.add(new Diagnostic(Severity.FATAL, new Location(f.toString(), 0, 0), "cannot open " + f));
                return;
            }
            for (int i = 0; i < lines.size(); i++) {
                String[] w = lines.get(i).trim().split("\\s+");
                Location loc = new Location(f.getFileName().toString(), i + 1, 1);
                if (w[0].equals("include")) {
                    read(f.resolveSibling(w[1]), nodes, diags, files);
                } else if (w[0].equals("bad")) {
                    diags.add(new Diagnostic(Severity.ERROR, loc, "unknown keyword 'bad'"));
                } else if (!w[0].isEmpty()) {
                    List<String> args = Arrays.asList(w).subList(1, w.length);
                    nodes.add(new Setting(w[0], args, String.join(" ", args), loc));
                }
            }
        }
    }

    final class RecordingApplier implements ConfigurationApplier {
        @Override
        public ApplyResult apply(KeepalivedConfig config) {
            boolean same = !applied.isEmpty() && applied.get(applied.size() - 1).equals(config);
            applied.add(config);
            return same ? new ApplyResult(List.of(), List.of(), List.of(), 1)
                    : new ApplyResult(List.of(), List.of("x~y"), List.of(), 0);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        media = tmp.resolve("media");
        write("keepalived.conf", "priority 100\ninclude vi.conf\n");
        write("vi.conf", "vrid 51\n");
        MediaLocation loc = new MediaLocation(media, "test");
        controller = new MediaController(loc, new ToyParser(), new RecordingApplier(),
                new SnapshotStore(media, clock, 50), new DropFolder(ops),
                (t, p) -> events.add(t + " " + new java.util.TreeSet<>(p.keySet())),
                clock, ParseOptions.defaults().withCheckInterfaces(false), Duration.ofMillis(300));
    }

    private Path write(String rel, String content) throws IOException {
        Path p = media.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        // make sure the modification is visible even on coarse timestamps
        Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.from(Instant.now().plusMillis(counter++)));
        return p;
    }

    private int counter;

    private void settle() {
        controller.poll();
        clock.advance(Duration.ofMillis(300));
        controller.poll();
    }

    private String setting(int i, String kw) {
        return applied.get(i).root().setting(kw).map(s -> (String) s.value()).orElse(null);
    }

    @Test
    void firstReloadSnapshotsAndApplies() {
        ReloadOutcome o = controller.reload();
        assertTrue(o.applied(), o.message());
        assertEquals(1, applied.size());
        assertEquals("51", setting(0, "vrid"));
        assertEquals(State.OK, controller.status().state());
        assertEquals(List.of("keepalived.conf", "vi.conf"), controller.snapshots().get(0).files());
        assertEquals(o.snapshot(), controller.status().lastSnapshot());
        assertTrue(controller.status().watched().contains(media.resolve("vi.conf").toString()));
        assertEquals(List.of("org/calpe/config/APPLIED [changed, deleted, file, snapshot]"), events);
    }

    @Test
    void editOfAnIncludedFileIsAppliedAfterTheDebounce() throws Exception {
        controller.reload();
        controller.poll();
        write("vi.conf", "vrid 52\n");
        controller.poll();
        assertEquals(1, applied.size(), "not before the change is stable");
        clock.advance(Duration.ofMillis(299));
        controller.poll();
        assertEquals(1, applied.size());
        clock.advance(Duration.ofMillis(1));
        controller.poll();
        assertEquals(2, applied.size());
        assertEquals("52", setting(1, "vrid"));
        assertEquals(2, controller.snapshots().size());
        controller.poll();
        clock.advance(Duration.ofSeconds(5));
        controller.poll();
        assertEquals(2, applied.size(), "nothing changed, nothing read");
    }

    @Test
    void invalidEditChangesNothingAndIsReportedUntilFixed() throws Exception {
        controller.reload();
        events.clear();
        write("keepalived.conf", "priority 100\ninclude vi.conf\nbad\n");
        settle();
        assertEquals(1, applied.size());
        assertEquals(State.REJECTED, controller.status().state());
        assertEquals("keepalived.conf:3:1: error: unknown keyword 'bad'",
                controller.status().diagnostics().get(0).toString());
        assertTrue(controller.status().message().contains("running on the last good configuration"),
                controller.status().message());
        assertEquals(List.of("org/calpe/config/REJECTED [diagnostics, file]"), events);
        assertEquals(1, controller.snapshots().size(), "no snapshot of a rejected file");
        write("keepalived.conf", "priority 90\ninclude vi.conf\n");
        settle();
        assertEquals(2, applied.size());
        assertEquals(State.OK, controller.status().state());
    }

    @Test
    void missingIncludeIsRejectedAndRecovers() throws Exception {
        controller.reload();
        Files.delete(media.resolve("vi.conf"));
        settle();
        assertEquals(State.REJECTED, controller.status().state());
        write("vi.conf", "vrid 53\n");
        settle();
        assertEquals(State.OK, controller.status().state());
        assertEquals("53", setting(1, "vrid"));
    }

    @Test
    void mediaRemovedAndRestored() throws Exception {
        controller.reload();
        Path moved = tmp.resolve("unplugged");
        Files.move(media, moved);
        events.clear();
        settle();
        assertEquals(State.LOST, controller.status().state());
        assertTrue(controller.status().message().contains("running on the last good configuration"));
        clock.advance(Duration.ofSeconds(10));
        settle();
        assertEquals(List.of("org/calpe/config/media/LOST [file]"), events, "reported once");
        assertEquals(1, applied.size());
        Files.move(moved, media);
        write("vi.conf", "vrid 54\n");
        settle();
        assertEquals(State.OK, controller.status().state());
        assertEquals("54", setting(1, "vrid"));
        assertEquals(List.of("org/calpe/config/media/LOST [file]", "org/calpe/config/media/RESTORED [file]",
                "org/calpe/config/APPLIED [changed, deleted, file, snapshot]"), events);
    }

    @Test
    void rollbackRestoresSnapshotsFilesAfterSnapshottingTheCurrentOnes() throws Exception {
        String v1 = controller.reload().snapshot();
        write("keepalived.conf", "priority 200\ninclude vi.conf\ninclude extra.conf\n");
        write("extra.conf", "garp 1\n");
        controller.reload();
        ReloadOutcome o = controller.rollback(v1);
        assertTrue(o.applied(), o.message());
        assertEquals("priority 100\ninclude vi.conf\n", Files.readString(media.resolve("keepalived.conf")));
        assertFalse(Files.exists(media.resolve("extra.conf")));
        assertEquals("100", setting(applied.size() - 1, "priority"));
        List<SnapshotInfo> s = controller.snapshots();
        assertTrue(s.get(s.size() - 2).files().contains("extra.conf"), "the state before is kept");
        assertEquals("rollback to " + v1, s.get(s.size() - 1).reason());
        assertThrows(IllegalArgumentException.class, () -> controller.rollback("20000101T000000Z-99"));
    }

    @Test
    void rollbackSnapshotsAnUnappliedEditFirst() throws Exception {
        String v1 = controller.reload().snapshot();
        write("keepalived.conf", "priority 100\ninclude vi.conf\nbad\n");
        settle();
        assertEquals(State.REJECTED, controller.status().state());
        controller.rollback(v1);
        List<SnapshotInfo> s = controller.snapshots();
        SnapshotInfo before = s.get(s.size() - 2);
        assertEquals("before rollback to " + v1, before.reason());
        assertTrue(Files.readString(media.resolve("snapshots").resolve(before.id()).resolve("keepalived.conf"))
                .contains("bad"));
        assertEquals(State.OK, controller.status().state());
        assertEquals("priority 100\ninclude vi.conf\n", Files.readString(media.resolve("keepalived.conf")));
    }

    @Test
    void droppedJarIsDeployedOnce() throws Exception {
        controller.reload();
        events.clear();
        Files.createDirectories(media.resolve("bundles"));
        DropFolderTest.jar(media.resolve("bundles"), "x.jar", "org.example.x", "1.0.0");
        settle();
        assertEquals(List.of("install org.example.x 1.0.0"), ops.log);
        assertEquals(List.of("org/calpe/config/media/BUNDLE_DEPLOYED [action, bsn, version]"),
                events.stream().filter(e -> e.contains("BUNDLE")).toList());
        settle();
        assertEquals(1, ops.log.size());
    }

    @Test
    void unreadableSnapshotsDoNotBreakStatus() throws IOException {
        controller.reload();
        Files.createDirectories(media.resolve("snapshots/20200101T000000Z-0"));
        Files.writeString(media.resolve("snapshots/20200101T000000Z-0/manifest.txt"), "created garbage\n");
        assertEquals(1, controller.snapshots().size());
        assertEquals(State.OK, controller.status().state());
    }
}
