package org.calpe.config.media.internal;

import java.nio.file.Path;
import java.util.List;

import org.osgi.framework.Version;

/** The framework operations the drop folder needs; a port so that its logic is tested without a framework. */
interface BundleOps {
    /** An installed bundle. */
    record Installed(long id, String symbolicName, Version version) {
    }

    /** Installed bundles with this symbolic name. */
    List<Installed> installed(String symbolicName);

    /** Installs the jar and starts it (unless it is a fragment). */
    void install(Path jar, String symbolicName) throws Exception;

    /** Updates the bundle from the jar, then refreshes only that bundle. */
    void update(long bundleId, Path jar) throws Exception;
}
