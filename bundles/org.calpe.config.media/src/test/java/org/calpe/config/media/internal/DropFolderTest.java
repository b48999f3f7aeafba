package org.calpe.config.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

class DropFolderTest {
    @TempDir
    Path dir;

    /** Fake framework: a list of installed bundles and a log of operations. */
    static class FakeOps implements BundleOps {
        final List<Installed> bundles = new ArrayList<>();
        final List<String> log = new ArrayList<>();
        long nextId = 10;

        @Override
        public List<Installed> installed(String bsn) {
            return bundles.stream().filter(b -> b.symbolicName().equals(bsn)).toList();
        }

        @Override
        public void install(Path jar, String bsn) throws Exception {
            Version v = version(jar);
            bundles.add(new Installed(nextId++, bsn, v));
            log.add("install " + bsn + " " + v);
        }

        @Override
        public void update(long id, Path jar) throws Exception {
            Installed old = bundles.stream().filter(b -> b.id() == id).findFirst().orElseThrow();
            bundles.remove(old);
            bundles.add(new Installed(id, old.symbolicName(), version(jar)));
            log.add("update " + id + " " + version(jar));
        }

        private static Version version(Path jar) throws Exception {
            try (var jf = new java.util.jar.JarFile(jar.toFile())) {
                return Version.parseVersion(jf.getManifest().getMainAttributes().getValue("Bundle-Version"));
            }
        }
    }

    static Path jar(Path dir, String file, String bsn, String version) throws Exception {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (bsn != null) {
            m.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
            m.getMainAttributes().putValue("Bundle-SymbolicName", bsn);
            m.getMainAttributes().putValue("Bundle-Version", version);
        }
        Path p = dir.resolve(file);
        try (OutputStream out = Files.newOutputStream(p); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return p;
    }

    @Test
    void decisions() {
        Version v1 = Version.parseVersion("1.0.0");
        Version v2 = Version.parseVersion("1.1.0");
        assertEquals(DropFolder.Action.INSTALL, DropFolder.decide(v1, List.of()));
        assertEquals(DropFolder.Action.UPDATE, DropFolder.decide(v2, List.of(v1)));
        assertEquals(DropFolder.Action.IGNORE, DropFolder.decide(v1, List.of(v1)));
        assertEquals(DropFolder.Action.IGNORE, DropFolder.decide(v1, List.of(v2)));
        assertEquals(DropFolder.Action.IGNORE, DropFolder.decide(Version.parseVersion("1.0.0.a"),
                List.of(Version.parseVersion("1.0.0.b"))));
    }

    @Test
    void installsThenUpdatesThenIgnores() throws Exception {
        FakeOps ops = new FakeOps();
        DropFolder drop = new DropFolder(ops);
        jar(dir, "a-1.0.0.jar", "org.example.a;singleton:=true", "1.0.0");
        drop.scan(dir);
        assertEquals(List.of("install org.example.a 1.0.0"), ops.log);
        drop.scan(dir);
        assertEquals(1, ops.log.size(), "same version again is ignored");
        jar(dir, "a-1.2.0.jar", "org.example.a", "1.2.0");
        var result = drop.scan(dir);
        assertEquals("update 10 1.2.0", ops.log.get(1));
        assertEquals(1, ops.bundles.size(), "never two versions side by side");
        assertEquals(DropFolder.Action.UPDATE, result.get(0).action());
        Files.delete(dir.resolve("a-1.2.0.jar"));
        drop.scan(dir);
        assertEquals(2, ops.log.size(), "an older jar does not downgrade");
    }

    @Test
    void highestOfSeveralJarsWinsAndJunkIsSkipped() throws Exception {
        FakeOps ops = new FakeOps();
        jar(dir, "b1.jar", "org.example.b", "2.0.0");
        jar(dir, "b2.jar", "org.example.b", "2.1.0");
        jar(dir, "b0.jar", "org.example.b", "1.9.0");
        jar(dir, "plain.jar", null, null);
        Files.writeString(dir.resolve("half.jar"), "PK not really");
        Files.writeString(dir.resolve("readme.txt"), "x");
        List<DropFolder.Deployment> r = new DropFolder(ops).scan(dir);
        assertEquals(List.of("install org.example.b 2.1.0"), ops.log);
        assertEquals(1, r.size());
    }

    @Test
    void missingFolderIsEmptyAndFailuresAreReported() throws Exception {
        FakeOps ops = new FakeOps() {
            @Override
            public void install(Path jar, String bsn) {
                throw new IllegalStateException("resolution failed");
            }
        };
        assertTrue(new DropFolder(ops).scan(dir.resolve("none")).isEmpty());
        jar(dir, "c.jar", "org.example.c", "1.0.0");
        List<DropFolder.Deployment> r = new DropFolder(ops).scan(dir);
        assertTrue(r.get(0).failed());
    }
}
