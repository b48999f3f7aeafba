/**
 * Calpe configuration API: diagnostics with locations, parse results, the configuration services and the
 * Event Admin topics of the configuration pipeline.
 */
@Export
@Version("1.0.0")
package org.calpe.config.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
