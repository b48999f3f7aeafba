package org.calpe.config.media.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.osgi.framework.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media's {@code bundles/} folder: each jar's Bundle-SymbolicName and Bundle-Version decide what happens.
 * Not installed: install and start. Installed with a lower version: update in place and refresh only that
 * bundle. Same or higher version installed: nothing. Two versions never run side by side; of several jars with
 * one symbolic name the highest version counts. Removing a jar uninstalls nothing.
 */
final class DropFolder {
    private static final Logger LOG = LoggerFactory.getLogger(DropFolder.class);

    enum Action { INSTALL, UPDATE, IGNORE }

    /** What was done with one jar. */
    record Deployment(Path jar, String symbolicName, Version version, Action action, String error) {
        boolean failed() {
            return error != null;
        }
    }

    private record Candidate(Path jar, String symbolicName, Version version) {
    }

    private final BundleOps ops;

    DropFolder(BundleOps ops) {
        this.ops = ops;
    }

    static Action decide(Version candidate, List<Version> installed) {
        Optional<Version> highest = installed.stream().max(Comparator.naturalOrder());
        if (highest.isEmpty()) {
            return Action.INSTALL;
        }
        return highest.get().compareTo(candidate) < 0 ? Action.UPDATE : Action.IGNORE;
    }

    /** Installs or updates from the folder; a missing folder is an empty one. */
    List<Deployment> scan(Path folder) {
        List<Deployment> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        Map<String, Candidate> best = new LinkedHashMap<>();
        List<Path> jars;
        try (Stream<Path> s = Files.list(folder)) {
            jars = s.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted()
                    .toList();
        } catch (IOException e) {
            LOG.warn("Cannot list bundle drop folder {}: {}", folder, e.toString());
            return out;
        }
        for (Path jar : jars) {
            try {
                Optional<Candidate> c = read(jar);
                if (c.isEmpty()) {
                    LOG.warn("{} has no Bundle-SymbolicName; not a bundle, ignored", jar);
                    continue;
                }
                best.merge(c.get().symbolicName(), c.get(), (a, b) -> a.version().compareTo(b.version()) >= 0 ? a : b);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("Cannot read {} (incomplete copy?): {}", jar, e.toString());
            }
        }
        for (Candidate c : best.values()) {
            out.add(deploy(c));
        }
        return out;
    }

    private Deployment deploy(Candidate c) {
        List<BundleOps.Installed> installed = ops.installed(c.symbolicName());
        Action action = decide(c.version(), installed.stream().map(BundleOps.Installed::version).toList());
        try {
            switch (action) {
                case INSTALL -> {
                    ops.install(c.jar(), c.symbolicName());
                    LOG.info("Installed {} {} from {}", c.symbolicName(), c.version(), c.jar());
                }
                case UPDATE -> {
                    BundleOps.Installed target = installed.stream()
                            .max(Comparator.comparing(BundleOps.Installed::version)).orElseThrow();
                    ops.update(target.id(), c.jar());
                    LOG.info("Updated {} {} -> {} from {}", c.symbolicName(), target.version(), c.version(),
                            c.jar());
                }
                case IGNORE -> LOG.debug("{} {} already installed at the same or a higher version", c.symbolicName(),
                        c.version());
            }
            return new Deployment(c.jar(), c.symbolicName(), c.version(), action, null);
        } catch (Exception e) {
            LOG.error("Cannot {} {} {} from {}: {}", action.name().toLowerCase(java.util.Locale.ROOT),
                    c.symbolicName(), c.version(), c.jar(), e.toString());
            return new Deployment(c.jar(), c.symbolicName(), c.version(), action, e.toString());
        }
    }

    private static Optional<Candidate> read(Path jar) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile())) {
            Manifest m = jf.getManifest();
            if (m == null) {
                return Optional.empty();
            }
            Attributes a = m.getMainAttributes();
            String bsn = a.getValue("Bundle-SymbolicName");
            if (bsn == null || bsn.isBlank()) {
                return Optional.empty();
            }
            int semi = bsn.indexOf(';');
            String name = (semi >= 0 ? bsn.substring(0, semi) : bsn).trim();
            String v = a.getValue("Bundle-Version");
            Version version = v == null ? Version.emptyVersion : Version.parseVersion(v.trim());
            return Optional.of(new Candidate(jar, name, version));
        }
    }
}
