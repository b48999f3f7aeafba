package org.calpe.appliance.api;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/** The running appliance: host capabilities, role and state directory. Implemented by org.calpe.appliance. */
@ProviderType
public interface ApplianceStatus {

    /** What the host allows, probed at start. */
    HostCapabilities capabilities();

    /** Which half of keepalived this instance runs. */
    Role role();

    /** The instance's absolute state directory (config store, framework cache, logs). */
    Path stateDirectory();

    /** One line for operators saying which parts can run here and why not. */
    String summary();
}
