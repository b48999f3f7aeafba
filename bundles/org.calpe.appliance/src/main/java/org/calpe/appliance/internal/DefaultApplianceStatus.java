package org.calpe.appliance.internal;

import java.nio.file.Path;

import org.calpe.appliance.api.ApplianceStatus;
import org.calpe.appliance.api.HostCapabilities;
import org.calpe.appliance.api.Role;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes the host once at start, logs which parts of Calpe can run here, warns about state that would not
 * survive a restart, and offers the result as {@link ApplianceStatus}.
 */
@Component(immediate = true)
public final class DefaultApplianceStatus implements ApplianceStatus {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultApplianceStatus.class);

    private final HostCapabilities capabilities;
    private final RuntimeProperties properties;
    private final String summary;

    @Activate
    public DefaultApplianceStatus(BundleContext context) {
        this(RuntimeProperties.from(context::getProperty), new HostProbe(Path.of("/proc")).probe());
    }

    DefaultApplianceStatus(RuntimeProperties properties, HostCapabilities capabilities) {
        this.properties = properties;
        this.capabilities = capabilities;
        this.summary = StatusLine.format(capabilities, properties.role(), properties.stateDir());
        LOG.info(summary);
        properties.warnings().forEach(LOG::warn);
    }

    @Override
    public HostCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public Role role() {
        return properties.role();
    }

    @Override
    public Path stateDirectory() {
        return properties.stateDir();
    }

    @Override
    public String summary() {
        return summary;
    }
}
