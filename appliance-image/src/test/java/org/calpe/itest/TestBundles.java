package org.calpe.itest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Tiny bundles made at test time: a manifest with symbolic name and version, and one resource. */
final class TestBundles {
    private TestBundles() {
    }

    /** Writes the jar through a temporary name and renames it, as a careful copy onto the media would. */
    static Path write(Path dir, String fileName, String symbolicName, String version) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", version);
        a.putValue("Bundle-Name", "Calpe drop folder test bundle");
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + fileName + ".part");
        try (OutputStream out = Files.newOutputStream(tmp); JarOutputStream jar = new JarOutputStream(out, m)) {
            jar.putNextEntry(new JarEntry("calpe-test/version.txt"));
            jar.write(version.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return Files.move(tmp, dir.resolve(fileName), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
