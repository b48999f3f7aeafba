package org.calpe.config.api;

import org.calpe.config.api.model.KeepalivedConfig;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Turns a validated configuration into Config Admin configurations, one per object, changing only those whose
 * content changed and deleting those that vanished.
 */
@ProviderType
public interface ConfigurationApplier {
    /** Applies the configuration; the caller has already checked {@link ParseResult#applicable()}. */
    ApplyResult apply(KeepalivedConfig config) throws java.io.IOException;
}
