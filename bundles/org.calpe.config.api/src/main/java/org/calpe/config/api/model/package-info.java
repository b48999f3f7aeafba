/**
 * The typed, immutable model of a keepalived.conf: a tree of {@link org.calpe.config.api.model.Block}s,
 * {@link org.calpe.config.api.model.Setting}s and list {@link org.calpe.config.api.model.Item}s whose values
 * are already converted to their types, plus typed views of the main objects. Equality ignores locations,
 * so a configuration rendered and parsed back equals the original.
 */
@Export
@Version("1.0.0")
package org.calpe.config.api.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
