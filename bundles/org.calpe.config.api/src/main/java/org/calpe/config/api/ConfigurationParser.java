package org.calpe.config.api;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/** Reads keepalived.conf (with includes) into the typed model; never throws for bad input. */
@ProviderType
public interface ConfigurationParser {
    ParseResult parse(Path mainFile, ParseOptions options);
}
